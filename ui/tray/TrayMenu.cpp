#include "TrayMenu.h"

#include <QAction>
#include <QMenu>

namespace hearth::ui {

TrayMenu::TrayMenu(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
    , m_muteMenu(std::make_unique<QMenu>(tr("&Mute notifications")))
{
    m_status = m_menu->addAction(QString());
    m_status->setEnabled(false);
    m_restart = m_menu->addAction(tr("Hearth was updated — restart to finish"));
    m_restart->setVisible(false);
    m_menu->addSeparator();
    m_start = m_menu->addAction(tr("&Start"));
    m_connect = m_menu->addAction(tr("&Connect"));
    m_stop = m_menu->addAction(tr("S&top"));
    m_menu->addSeparator();
    m_open = m_menu->addAction(tr("&Open Hearth…"));
    m_pause = m_menu->addAction(QString());
    setSomePaused(false);
    m_muteMenu->addAction(tr("For 1 hour"), this, [this]() { emit muteRequested(3600); });
    m_muteMenu->addAction(tr("For 4 hours"), this, [this]() { emit muteRequested(4 * 3600); });
    m_muteMenu->addAction(tr("Until tomorrow"), this, &TrayMenu::muteUntilTomorrowRequested);
    m_muteMenu->addAction(tr("Unmute"), this, [this]() { emit muteRequested(0); });
    m_menu->addMenu(m_muteMenu.get());
    m_notificationsSeparator = m_menu->addSection(tr("Notifications"));
    m_notificationsSeparator->setVisible(false);
    m_menu->addSeparator();
    m_showLog = m_menu->addAction(tr("Show the runtime's &log…"));
    m_quit = m_menu->addAction(tr("&Quit"));
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayMenu::aboutToShow);
}

TrayMenu::~TrayMenu() = default;

void TrayMenu::setStatus(const QString &line)
{
    m_status->setText(line);
}

void TrayMenu::setSomePaused(bool somePaused)
{
    m_pause->setText(somePaused ? tr("&Resume watchers") : tr("&Pause all watchers"));
}

void TrayMenu::setNotifications(const QList<client::Notification> &latest)
{
    qDeleteAll(m_notificationItems);
    m_notificationItems.clear();
    QAction *before =
        m_menu->actions().value(m_menu->actions().indexOf(m_notificationsSeparator) + 1);
    for (const client::Notification &notification :
         latest.first(qMin<qsizetype>(NotificationItems, latest.size()))) {
        const QString id = notification.id;
        auto *action = new QAction(notification.title, m_menu.get());
        if (!notification.isRead()) {
            QFont bold = action->font();
            bold.setBold(true);
            action->setFont(bold);
        }
        connect(action, &QAction::triggered, this,
                [this, id]() { emit notificationActivated(id); });
        m_menu->insertAction(before, action);
        m_notificationItems.append(action);
    }
    m_notificationsSeparator->setVisible(!m_notificationItems.isEmpty());
}

} // namespace hearth::ui
