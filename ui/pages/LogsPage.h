#pragma once

#include "Page.h"

#include <QJsonObject>
#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace hearth::ui {

// The live tail of every run's log lines from the event stream, with a
// level filter, a search box and Pause (lines that arrive while paused are
// kept and shown on resume).
class LogsPage : public Page
{
    Q_OBJECT
public:
    explicit LogsPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    void setLevelFilter(const QString &minimumLevel);
    void setSearch(const QString &text);
    void setPaused(bool paused);
    QString visibleText() const;
    int lineCount() const { return int(m_lines.size()); }

protected:
    void onEvent(const QByteArray &type, const QJsonObject &data) override;

private:
    void append(const QJsonObject &line);
    bool visible(const QJsonObject &line) const;
    QString render(const QJsonObject &line) const;
    void rerender();

    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_pause;
    QLabel *m_state;
    QPlainTextEdit *m_view;
    QList<QJsonObject> m_lines; // bounded
    int m_heldWhilePaused = 0;
};

} // namespace hearth::ui
