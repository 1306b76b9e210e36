#include "ValueChart.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace hearth::ui {

ValueChart::ValueChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_line(new QLineSeries(m_chart))
    , m_dots(new QScatterSeries(m_chart))
    , m_hover(new QLabel(this))
{
    m_chart->legend()->hide();
    m_chart->addSeries(m_line);
    m_chart->addSeries(m_dots);
    m_dots->setMarkerSize(8);
    m_dots->setColor(m_line->color());
    auto *timeAxis = new QDateTimeAxis(m_chart);
    timeAxis->setFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    auto *valueAxis = new QValueAxis(m_chart);
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QXYSeries *series :
         { static_cast<QXYSeries *>(m_line), static_cast<QXYSeries *>(m_dots) }) {
        series->attachAxis(timeAxis);
        series->attachAxis(valueAxis);
    }
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Value over time"));
    m_view->setMouseTracking(true);
    m_hover->setAccessibleName(tr("Point under the pointer"));
    connect(m_dots, &QScatterSeries::hovered, this, &ValueChart::onHovered);
    connect(m_line, &QLineSeries::hovered, this, &ValueChart::onHovered);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hover);
}

void ValueChart::setPoints(const QList<ValuePoint> &points)
{
    m_points = points;
    QList<QPointF> xy;
    for (const ValuePoint &point : points)
        xy.append({ qreal(point.time.toMSecsSinceEpoch()), point.value });
    m_line->replace(xy);
    m_dots->replace(xy);
    m_hover->clear();
    if (points.isEmpty())
        return;
    const auto [low, high] = std::minmax_element(
        points.cbegin(), points.cend(),
        [](const ValuePoint &a, const ValuePoint &b) { return a.value < b.value; });
    // Room above and below, and a span for a value that never moved.
    const double margin = std::max((high->value - low->value) * 0.1, std::abs(high->value) * 0.05);
    const double pad = margin > 0 ? margin : 1;
    m_chart->axes(Qt::Vertical).constFirst()->setRange(low->value - pad, high->value + pad);
    QDateTime first = points.constFirst().time;
    QDateTime last = points.constLast().time;
    if (first == last) {
        first = first.addSecs(-60);
        last = last.addSecs(60);
    }
    m_chart->axes(Qt::Horizontal).constFirst()->setRange(first.toLocalTime(), last.toLocalTime());
}

QPoint ValueChart::positionOf(qsizetype index) const
{
    const ValuePoint &point = m_points.at(index);
    const QPointF inChart =
        m_chart->mapToPosition({ qreal(point.time.toMSecsSinceEpoch()), point.value }, m_dots);
    return m_view->mapFromScene(m_chart->mapToScene(inChart));
}

QString ValueChart::hoverText() const
{
    return m_hover->text();
}

void ValueChart::onHovered(const QPointF &at, bool entered)
{
    if (!entered || m_points.isEmpty()) {
        m_hover->clear();
        QToolTip::hideText();
        return;
    }
    // The point nearest to the pointer, by time.
    const auto nearest = std::min_element(m_points.cbegin(), m_points.cend(),
                                          [&at](const ValuePoint &a, const ValuePoint &b) {
                                              return std::abs(a.time.toMSecsSinceEpoch() - at.x()) <
                                                  std::abs(b.time.toMSecsSinceEpoch() - at.x());
                                          });
    const QString text =
        tr("%1: %2").arg(QLocale().toString(nearest->time.toLocalTime(), QLocale::ShortFormat),
                         QLocale().toString(nearest->value, 'g', 12));
    m_hover->setText(text);
    QToolTip::showText(QCursor::pos(), text, m_view);
    emit hovered(text);
}

} // namespace hearth::ui
