#pragma once

#include "Page.h"
#include "client/ApiEvents.h"

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

    void setLevelFilter(LogLevel minimumLevel);
    void setSearch(const QString &text);
    void setPaused(bool paused);
    QString visibleText() const;
    int lineCount() const { return int(m_lines.size()); }

private:
    void append(const client::LogEvent &line);
    bool visible(const client::LogEvent &line) const;
    QString render(const client::LogEvent &line) const;
    void rerender();

    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_pause;
    QLabel *m_state;
    QPlainTextEdit *m_view;
    QList<client::LogEvent> m_lines; // bounded
    int m_heldWhilePaused = 0;
};

} // namespace hearth::ui
