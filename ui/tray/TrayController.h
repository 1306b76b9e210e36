#pragma once

#include "DesktopNotifier.h"
#include "RuntimeSupervisor.h"
#include "StateIcon.h"
#include "TrayMenu.h"
#include "TraySettings.h"
#include "client/HearthApi.h"

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>
#include <functional>
#include <memory>

class QAction;
class QMenu;

namespace hearth::client {
class Worker;
}

namespace hearth::ui {

class MainWindow;
class Session;

// The tray app, wiring its parts: the menu (TrayMenu) and the icon
// (StateIcon), the runtime it starts or connects to (RuntimeSupervisor), the
// session that feeds the window and the menu, this device's agent worker,
// and the pop-ups DesktopNotifier decides on. Without a system tray the main
// window stands in for the menu.
class TrayController : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDir;
        quint16 port = 0;
        bool portGiven = false;
        QString hearthdPath;
        // The `hearth` CLI beside the tray, which serves the worker's runs
        // their own MCP server; empty: none there.
        QString hearthCliPath;
        // Tests: no system tray even when one exists.
        bool forceNoTray = false;
    };

    explicit TrayController(Options options, QObject *parent = nullptr);
    ~TrayController() override;

    // Starts (or connects to) the runtime when the settings say so, and
    // shows the tray icon, or the window when there is no tray.
    void launch();

    TrayState trayState() const { return m_trayState; }
    QString statusLine() const;
    QString toolTip() const;
    RuntimeSupervisor &supervisor() { return *m_supervisor; }
    Session *session() const { return m_session.get(); }
    MainWindow *window() const { return m_window.get(); }
    QMenu *menu() const { return m_menu->menu(); }
    const TraySettings &settings() const { return m_settings; }
    bool hasTray() const { return m_tray != nullptr; }
    client::Worker *worker() const { return m_worker.get(); }

    QAction *restartAction() const { return m_menu->restartAction(); }
    // Quit asked to start the tray again (from disk: the updated one).
    bool restartRequested() const { return m_restartRequested; }
    QAction *startAction() const { return m_menu->startAction(); }
    QAction *connectAction() const { return m_menu->connectAction(); }
    QAction *stopAction() const { return m_menu->stopAction(); }
    QAction *openAction() const { return m_menu->openAction(); }
    QAction *pauseAction() const { return m_menu->pauseAction(); }
    QAction *quitAction() const { return m_menu->quitAction(); }

    void openWindow();
    void pauseAll();
    void resumeAll();
    void muteFor(qint64 seconds); // 0: unmute
    void muteUntilTomorrow();
    // Stops the worker and (unless it is to outlive the tray) a runtime the
    // tray started, then quits the application.
    void quit();

signals:
    void trayStateChanged(TrayState state);
    // A desktop notification was raised (shown by the tray, or skipped for
    // lack of one): tests and the window follow it.
    void desktopNotification(const QString &title, const QString &body);
    // Whether some watchers are paused (by this tray, the CLI or anyone).
    void pauseChanged(bool paused);
    void workerChanged(const QString &line);

private:
    void buildMenu();
    void onSupervisorState(RuntimeSupervisor::State state);
    void onReady(const client::RuntimeInfo &runtime);
    void onVersionDiffers(const QString &runtimeVersion);
    void dropSession();
    void startWorker();
    // Asynchronous: `then` runs once the worker has stopped (or given up).
    void stopWorker(std::function<void()> then = {});
    void refreshSummary();
    void updateTray();
    void raiseNotification(const QString &title, const QString &body,
                           QSystemTrayIcon::MessageIcon icon, std::function<void()> onClick);
    void onNotificationCreated(const client::Notification &notification);
    void onNotificationsChanged();
    void rebuildNotificationItems();
    void applySettings(const TraySettings &settings);
    void changeAllWatchers(const client::Operation<client::Page<client::Watcher>> &change);
    RuntimeSupervisor::Options supervisorOptions() const;

    Options m_options;
    TraySettings m_settings;
    DesktopNotifier m_notifier;
    std::unique_ptr<RuntimeSupervisor> m_supervisor;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<client::Worker> m_worker;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayMenu> m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    TrayState m_trayState = TrayState::Stopped;
    std::function<void()> m_messageClick;
    // What the status line and tooltip summarise.
    int m_activeWatchers = 0;
    // Watchers Pause all disabled, as the runtime says.
    int m_pausedWatchers = 0;
    int m_awaitingApproval = 0; // watchers whose change made over MCP awaits the user
    QString m_nextRun;
    int m_unread = 0;
    QString m_workerLine;
    bool m_quitting = false;
    bool m_restartRequested = false;
    QString m_otherVersion; // of the runtime, once it differs from ours
    // Bursts of run and watcher events refresh the summary once.
    QTimer m_summaryTimer;
};

} // namespace hearth::ui
