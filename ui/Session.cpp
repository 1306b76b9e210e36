#include "Session.h"

#include "model/Actor.h"

#include <QDateTime>

namespace hearth::ui {

namespace {
// A runtime that refuses this many reconnects in a row has gone away.
constexpr int ReconnectsBeforeGone = 5;
// How long run events are gathered before their watchers are read again.
constexpr int WatcherRefreshDelayMs = 250;
// More watchers than this to read again: one listing instead (a burst of a
// thousand watchers firing together is one request, not a thousand).
constexpr int WatchersReadOneByOne = 20;
} // namespace

Session::Session(const client::RuntimeInfo &runtime, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_client(std::make_unique<client::ApiClient>(runtime.baseUrl(),
                                                   Actor::clientHeader(Actor::Kind::Tray)))
    , m_api(*m_client)
    , m_stream(std::make_unique<client::EventStream>(*m_client))
    , m_watchers([](const client::Watcher &watcher) { return watcher.id; })
    , m_notifications([](const client::Notification &notification) { return notification.id; })
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Session::reconnect);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(WatcherRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refreshWatchers);
    connect(m_stream.get(), &client::EventStream::opened, this, [this]() {
        m_failedReconnects = 0;
        m_live = true;
        emit liveChanged(true, {});
    });
    connect(m_stream.get(), &client::EventStream::received, this,
            [this](qint64, const QByteArray &type, const QByteArray &data) {
                if (const std::optional<client::ApiEvent> event = client::readEvent(type, data))
                    dispatch(*event);
            });
    connect(m_stream.get(), &client::EventStream::ended, this, [this](const QString &error) {
        m_live = false;
        emit liveChanged(false,
                         error.isEmpty() ? tr("the runtime closed the event stream") : error);
        // Back off 0.5 s, 1 s, 2 s … up to 5 s between attempts.
        m_reconnectTimer.start(qMin(5000, 500 << qMin(m_failedReconnects, 4)));
    });
}

Session::~Session()
{
    m_reconnectTimer.stop();
    m_stream->close();
}

void Session::open()
{
    m_stream->open();
    reloadShared();
}

void Session::reloadShared()
{
    loadWatchers();
    loadNotifications();
}

void Session::reconnect()
{
    // Whatever now answers on the port proves itself again before it is sent
    // anything: the runtime may have been replaced by a squatter.
    m_client->verifyIdentityAsync(
        m_runtime, this, [this](Result<client::ProvenRuntime, client::ConnectError> result) {
            if (result) {
                m_stream->open(m_stream->lastEventId());
                return;
            }
            ++m_failedReconnects;
            if (result.error().kind == client::ConnectError::Kind::Unverifiable ||
                m_failedReconnects >= ReconnectsBeforeGone) {
                emit runtimeGone(result.error().message);
                return;
            }
            emit liveChanged(false, result.error().message);
            m_reconnectTimer.start(qMin(5000, 500 << qMin(m_failedReconnects, 4)));
        });
}

void Session::dispatch(const client::ApiEvent &event)
{
    if (const auto *run = std::get_if<client::RunEvent>(&event)) {
        if (run->action == client::RunEvent::Action::Created)
            refreshWatcherSoon(run->run.watcherId);
        emit runChanged(*run);
    } else if (const auto *log = std::get_if<client::LogEvent>(&event)) {
        emit logLineAdded(*log);
    } else if (const auto *watcher = std::get_if<client::WatcherEvent>(&event)) {
        if (watcher->watcher)
            showWatcher(*watcher->watcher);
        else
            m_watchers.remove(watcher->watcherId);
    } else if (const auto *notification = std::get_if<client::NotificationEvent>(&event)) {
        switch (notification->action) {
        case client::NotificationEvent::Action::ReadAll:
            loadNotifications();
            return;
        case client::NotificationEvent::Action::Read:
            if (m_notifications.indexOf(notification->notification->id) >= 0)
                m_notifications.upsert(*notification->notification);
            break;
        case client::NotificationEvent::Action::Created:
            m_notifications.upsert(*notification->notification, true);
            while (m_notifications.count() > NotificationsKept)
                m_notifications.remove(m_notifications.keyAt(m_notifications.count() - 1));
            emit notificationCreated(*notification->notification);
            break;
        }
        emit notificationsChanged();
    } else if (std::holds_alternative<client::ChannelsEvent>(event)) {
        emit channelsChanged();
    } else if (std::holds_alternative<client::ResetEvent>(event)) {
        reloadShared();
        emit resetNeeded();
    }
}

void Session::loadWatchers()
{
    loadWatchersFrom({}, {}, m_watchers.beginReload());
}

void Session::loadWatchersFrom(const QString &cursor, QList<client::Watcher> loaded,
                               RecordList<client::Watcher>::ReloadTicket ticket)
{
    m_api.send(client::api::watchers(cursor), this,
               [this, loaded = std::move(loaded),
                ticket](const client::Answer<client::Page<client::Watcher>> &answer) mutable {
                   if (!answer.ok()) {
                       m_watchers.abandonReload(ticket);
                       emit watchersLoadFailed(answer.reply.errorMessage());
                       return;
                   }
                   loaded.append(answer.value->items);
                   if (!answer.value->next.isEmpty()) {
                       loadWatchersFrom(answer.value->next, std::move(loaded), ticket);
                       return;
                   }
                   if (m_watchers.finishReload(ticket, loaded)) {
                       m_watchersLoaded = true;
                       emit watchersLoaded();
                   }
               });
}

void Session::loadNotifications()
{
    const auto ticket = m_notifications.beginReload();
    m_api.send(client::api::notifications(false, QString::number(NotificationsKept)), this,
               [this, ticket](const client::Answer<client::Page<client::Notification>> &answer) {
                   if (!answer.ok()) {
                       m_notifications.abandonReload(ticket);
                       emit notificationsLoadFailed(answer.reply.errorMessage());
                       return;
                   }
                   if (!m_notifications.finishReload(ticket, answer.value->items))
                       return; // a newer listing is on its way
                   emit notificationsChanged();
                   emit notificationsLoaded();
               });
}

void Session::refreshWatcherSoon(const QString &watcherId)
{
    m_watchersToRefresh.insert(watcherId);
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void Session::refreshWatchers()
{
    const QSet<QString> ids = std::exchange(m_watchersToRefresh, {});
    if (ids.size() > WatchersReadOneByOne) {
        loadWatchers();
        return;
    }
    for (const QString &id : ids) {
        m_api.send(client::api::watcher(id), this,
                   [this](const client::Answer<client::Watcher> &answer) {
                       if (answer.ok() && m_watchers.indexOf(answer.value->id) >= 0)
                           showWatcher(*answer.value);
                   });
    }
}

void Session::showWatcher(client::Watcher watcher)
{
    // The shared list holds watchers as listings do: without their scripts.
    if (scheduler::LuaTask *lua = watcher.spec.lua())
        lua->script.clear();
    m_watchers.upsert(watcher);
}

int Session::unreadNotifications() const
{
    const QList<client::Notification> &all = m_notifications.records();
    return int(std::count_if(all.cbegin(), all.cend(),
                             [](const client::Notification &n) { return !n.isRead(); }));
}

int Session::unreadErrors() const
{
    const QList<client::Notification> &all = m_notifications.records();
    return int(std::count_if(all.cbegin(), all.cend(), [](const client::Notification &n) {
        return !n.isRead() && n.level == NotificationLevel::Error;
    }));
}

bool Session::showRead(const QString &notificationId)
{
    const client::Notification *notification = m_notifications.find(notificationId);
    if (!notification || notification->isRead())
        return false;
    const client::Timestamp now(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    m_notifications.update(notificationId,
                           [&now](client::Notification &read) { read.readAt = now; });
    return true;
}

void Session::markedRead(const QString &notificationId)
{
    if (showRead(notificationId))
        emit notificationsChanged();
}

void Session::markedAllRead()
{
    bool changed = false;
    for (const client::Notification &notification : QList(m_notifications.records()))
        changed = showRead(notification.id) || changed;
    if (changed)
        emit notificationsChanged();
}

} // namespace hearth::ui
