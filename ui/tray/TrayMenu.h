#pragma once

#include "client/ApiTypes.h"

#include <QList>
#include <QObject>
#include <memory>

class QAction;
class QMenu;

namespace hearth::ui {

// The tray's menu: a status line, Start / Connect / Stop, Open, Pause all or
// Resume, Mute, the latest notifications, the runtime's log and Quit. It
// only shows and asks; TrayController acts on its actions and signals.
class TrayMenu : public QObject
{
    Q_OBJECT
public:
    // The latest notifications listed in the menu.
    static constexpr int NotificationItems = 5;

    explicit TrayMenu(QObject *parent = nullptr);
    ~TrayMenu() override;

    QMenu *menu() const { return m_menu.get(); }
    QAction *startAction() const { return m_start; }
    QAction *connectAction() const { return m_connect; }
    QAction *stopAction() const { return m_stop; }
    QAction *openAction() const { return m_open; }
    QAction *pauseAction() const { return m_pause; }
    QAction *showLogAction() const { return m_showLog; }
    QAction *quitAction() const { return m_quit; }
    // "Hearth was updated — restart to finish", shown once versions differ.
    QAction *restartAction() const { return m_restart; }

    void setStatus(const QString &line);
    // Whether Pause all or Resume is offered.
    void setSomePaused(bool somePaused);
    // Newest first; unread ones in bold.
    void setNotifications(const QList<client::Notification> &latest);

signals:
    // Seconds from now; 0: unmute.
    void muteRequested(qint64 seconds);
    void muteUntilTomorrowRequested();
    void notificationActivated(const QString &notificationId);
    void aboutToShow();

private:
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QMenu> m_muteMenu;
    QAction *m_status = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_start = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_open = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_showLog = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_notificationsSeparator = nullptr;
    QList<QAction *> m_notificationItems;
};

} // namespace hearth::ui
