#pragma once

#include "client/ApiEvents.h"
#include "client/EventStream.h"
#include "client/HearthApi.h"
#include "client/RuntimeConnection.h"
#include "models/RecordList.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>
#include <type_traits>

namespace hearth::ui {

// The window's and the tray's connection to one verified runtime: the typed
// API (asynchronous: nothing blocks the UI), the live event stream as typed
// events (reconnected with Last-Event-ID, the proof checked again first),
// and the state the pages and the tray share: the watchers and the latest
// notifications, loaded once and kept current from the events.
class Session : public QObject
{
    Q_OBJECT
public:
    // The notifications kept (newest first): the page's list and the tray's
    // menu and unread count are over these.
    static constexpr int NotificationsKept = 200;

    explicit Session(const client::RuntimeInfo &runtime, QObject *parent = nullptr);
    ~Session() override;

    const client::RuntimeInfo &runtime() const { return m_runtime; }
    client::ApiClient &client() { return *m_client; }
    bool isLive() const { return m_live; }

    // Sends an operation; `done` runs on `context` (skipped if it is gone
    // by then).
    template<typename T>
    void send(const client::Operation<T> &operation, QObject *context,
              std::type_identity_t<std::function<void(const client::Answer<T> &)>> done) const
    {
        m_api.send(operation, context, std::move(done));
    }

    // Every watcher (listings leave Lua scripts out).
    RecordList<client::Watcher> &watchers() { return m_watchers; }
    // Whether a listing of them came in (until then an empty list says
    // nothing about the store).
    bool hasLoadedWatchers() const { return m_watchersLoaded; }
    // A watcher the runtime answered with (saved, changed), shown at once.
    void showWatcher(client::Watcher watcher);
    // The latest notifications, newest first.
    RecordList<client::Notification> &notifications() { return m_notifications; }
    int unreadNotifications() const;
    int unreadErrors() const;
    // What the runtime confirmed read, shown read at once.
    void markedRead(const QString &notificationId);
    void markedAllRead();

    // Opens the event stream (once; reconnects by itself after that) and
    // loads the shared lists.
    void open();
    // Loads the shared lists again (after a reset).
    void reloadShared();

signals:
    void runChanged(const hearth::client::RunEvent &event);
    void logLineAdded(const hearth::client::LogEvent &event);
    // The runtime created a notification (it is in notifications() now).
    void notificationCreated(const hearth::client::Notification &notification);
    // The shared lists' read state or contents changed.
    void notificationsChanged();
    void watchersLoaded();
    void watchersLoadFailed(const QString &message);
    void notificationsLoaded();
    void notificationsLoadFailed(const QString &message);
    // A channel or a delivery changed in the runtime.
    void channelsChanged();
    // The stream could not resume: reload everything (the shared lists are
    // reloaded already).
    void resetNeeded();
    // live: events are flowing; otherwise reconnecting (message says why).
    void liveChanged(bool live, const QString &message);
    // Reconnecting found nothing there (the runtime is gone).
    void runtimeGone(const QString &reason);

private:
    void reconnect();
    void dispatch(const client::ApiEvent &event);
    void loadWatchers();
    // The listing's pages from `cursor` on; the list is replaced once all
    // are in.
    void loadWatchersFrom(const QString &cursor, QList<client::Watcher> loaded,
                          RecordList<client::Watcher>::ReloadTicket ticket);
    void loadNotifications();
    // A new run moved its watcher's schedule on: its next_run_at is read
    // again, once per watcher for a burst of runs (or all of them at once).
    void refreshWatcherSoon(const QString &watcherId);
    void refreshWatchers();
    // Shows a notification read; false if it is not listed or read already.
    bool showRead(const QString &notificationId);

    client::RuntimeInfo m_runtime;
    std::unique_ptr<client::ApiClient> m_client;
    client::HearthApi m_api;
    std::unique_ptr<client::EventStream> m_stream;
    QTimer m_reconnectTimer;
    int m_failedReconnects = 0;
    bool m_live = false;
    bool m_watchersLoaded = false;
    RecordList<client::Watcher> m_watchers;
    RecordList<client::Notification> m_notifications;
    QSet<QString> m_watchersToRefresh;
    QTimer m_refreshTimer;
};

} // namespace hearth::ui
