#pragma once

#include "models/HistoryData.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;

namespace hearth::ui {

// A watcher's value over time (Qt Charts): a line through the runs' values,
// each a point that says its time and value when the pointer is on it.
class ValueChart : public QWidget
{
    Q_OBJECT
public:
    explicit ValueChart(QWidget *parent = nullptr);

    void setPoints(const QList<ValuePoint> &points);
    qsizetype pointCount() const { return m_points.size(); }
    // Where point `index` is drawn, in the chart view's coordinates.
    QPoint positionOf(qsizetype index) const;
    QChartView *view() const { return m_view; }
    // What the pointer's point says (empty when it is on none).
    QString hoverText() const;

signals:
    void hovered(const QString &text);

private:
    void onHovered(const QPointF &point, bool entered);

    QList<ValuePoint> m_points;
    QChart *m_chart;
    QChartView *m_view;
    QLineSeries *m_line;
    QScatterSeries *m_dots;
    QLabel *m_hover;
};

} // namespace hearth::ui
