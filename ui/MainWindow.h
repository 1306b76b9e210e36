#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace hearth::ui {

class HistoryDialog;
class LogsPage;
class NotificationsPage;
class Page;
class RunsPage;
class SecretsPage;
class Session;
class SettingsPage;
class WatchersPage;

// "Open Hearth…": the pages down the side, the connection state in the status
// bar, and a banner line for what the user must know (no system tray, a
// runtime that is not running).
class MainWindow : public QMainWindow
{
    Q_OBJECT
    // historyOpened's argument is a known QObject pointer in signal spies.
    Q_MOC_INCLUDE("pages/HistoryDialog.h")
public:
    enum PageId { Watchers, Runs, Logs, Secrets, Notifications, Settings };

    MainWindow(const QString &dataDir, const QString &workerSettingsPath,
               QWidget *parent = nullptr);

    void setSession(Session *session);
    void showPage(PageId page);
    PageId currentPage() const;
    void openRun(const QString &runId);
    // A watcher's history at `runId`'s snapshot. `orTheRun`: when the
    // watcher kept no snapshots and no values, the run is shown instead.
    HistoryDialog *openHistory(const QString &watcherId, const QString &runId, bool orTheRun);
    void setBanner(const QString &text);
    QString bannerText() const;
    QString connectionText() const;
    void showMessage(const QString &text);
    // The tray menu's runtime actions, as a toolbar (the only way to reach
    // them where there is no system tray).
    void addRuntimeActions(const QList<class QAction *> &actions);

    WatchersPage *watchersPage() const { return m_watchers; }
    RunsPage *runsPage() const { return m_runs; }
    LogsPage *logsPage() const { return m_logs; }
    SecretsPage *secretsPage() const { return m_secrets; }
    NotificationsPage *notificationsPage() const { return m_notifications; }
    SettingsPage *settingsPage() const { return m_settings; }

signals:
    void closing();
    void historyOpened(HistoryDialog *dialog);

protected:
    void closeEvent(class QCloseEvent *event) override;

private:
    void addPage(Page *page, const QString &title);

    QPointer<Session> m_session;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_banner;
    QLabel *m_connection;
    QList<Page *> m_pages;
    WatchersPage *m_watchers;
    RunsPage *m_runs;
    LogsPage *m_logs;
    SecretsPage *m_secrets;
    NotificationsPage *m_notifications;
    SettingsPage *m_settings;
};

} // namespace hearth::ui
