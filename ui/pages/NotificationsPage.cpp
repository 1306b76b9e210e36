#include "NotificationsPage.h"

#include "Session.h"
#include "Tables.h"
#include "client/Format.h"

#include <QFont>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

NotificationsPage::NotificationsPage(QWidget *parent)
    : Page(parent)
    , m_view(new QTableView(this))
{
    using Row = const client::Notification &;
    const auto cell = [](auto get) {
        return [get](Row notification, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return get(notification);
            if (role == Qt::FontRole && !notification.isRead()) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            if (role == Qt::AccessibleDescriptionRole)
                return notification.isRead() ? tr("read") : tr("unread");
            return {};
        };
    };
    m_model = new Model(
        {
            { tr("When"),
              cell([](Row notification) {
                  return client::format::localTime(notification.createdAt);
              }),
              {} },
            { tr("Level"),
              cell([](Row notification) { return notificationLevelName(notification.level); }),
              {} },
            { tr("Title"), cell([](Row notification) { return notification.title; }), {} },
            { tr("Message"), cell([](Row notification) { return notification.body; }), {} },
        },
        this);
    setUpTable(m_view, m_model, tr("Notifications"));
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex &index) { activate(m_model->keyAt(index.row())); });

    m_markRead = new QPushButton(tr("Mark &read"), this);
    m_markAll = new QPushButton(tr("Mark &all read"), this);
    connect(m_markRead, &QPushButton::clicked, this,
            [this]() { markRead(selectedKey(*m_view, *m_model)); });
    connect(m_markAll, &QPushButton::clicked, this, &NotificationsPage::markAllRead);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_markRead);
    bar->addWidget(m_markAll);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view);
}

void NotificationsPage::setSession(Session *session)
{
    followSession(session);
    m_model->setList(session ? &session->notifications() : nullptr);
    m_markRead->setEnabled(session != nullptr);
    m_markAll->setEnabled(session != nullptr);
    if (session) {
        connect(session, &Session::notificationsLoaded, this, &NotificationsPage::loaded);
        connect(session, &Session::notificationsLoadFailed, this, [this](const QString &why) {
            emit message(tr("Could not load notifications: %1").arg(why));
        });
    }
}

void NotificationsPage::reload()
{
    // The notifications are the session's: it reloads them after a reset.
}

void NotificationsPage::markRead(const QString &id)
{
    if (!m_session || id.isEmpty())
        return;
    m_session->send(client::api::markNotificationRead(id), this,
                    [this, id](const client::Answer<client::Done> &answer) {
                        if (!answer.ok()) {
                            emit message(
                                tr("Could not mark it read: %1").arg(answer.reply.errorMessage()));
                            return;
                        }
                        m_session->markedRead(id);
                    });
}

void NotificationsPage::markAllRead()
{
    if (!m_session)
        return;
    m_session->send(
        client::api::markAllNotificationsRead(), this,
        [this](const client::Answer<qint64> &answer) {
            if (!answer.ok()) {
                emit message(tr("Could not mark them read: %1").arg(answer.reply.errorMessage()));
                return;
            }
            m_session->markedAllRead();
        });
}

void NotificationsPage::activate(const QString &id)
{
    const client::Notification *notification = m_model->find(id);
    if (!notification)
        return;
    const QString runId = notification->runId;
    const QString watcherId = notification->watcherId;
    markRead(id);
    // A watcher's finding opens what it saw (its history shows the run's
    // snapshot, or its values); the main window opens the run instead when
    // the watcher kept neither. A failure opens the run: its log says why.
    if (!watcherId.isEmpty() && notification->level != NotificationLevel::Error)
        emit openFindingRequested(watcherId, runId);
    else if (!runId.isEmpty())
        emit openRunRequested(runId);
}

} // namespace hearth::ui
