#pragma once

#include <QPointer>
#include <QWidget>

namespace hearth::ui {

class Session;

// A main-window page: shown with or without a connected runtime. Pages load
// what they show through the session and then follow its events.
class Page : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // nullptr: no runtime; the page clears itself and disables its actions.
    virtual void setSession(Session *session) = 0;
    // Loads everything again (after a reset or a reconnect).
    virtual void reload() = 0;

    // Who created or changed a watcher or started a run, for people: the
    // API's "tray", "cli", "mcp:<client>", … ("—" when not known).
    static QString actorText(const QString &actor);

signals:
    // A page wants to show a run (notifications, watchers).
    void openRunRequested(const QString &runId);
    // A page wants to show what a watcher's run found (its history at that
    // run; the run itself when the watcher keeps no history).
    void openFindingRequested(const QString &watcherId, const QString &runId);
    // A one-line outcome for the status bar (errors included).
    void message(const QString &text);

protected:
    // Makes `session` the page's (nullptr: none) and stops following the
    // old one's signals and its lists'; the page connects to the new one's
    // it needs.
    void followSession(Session *session);

    QPointer<Session> m_session;
};

} // namespace hearth::ui
