#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace hearth::events {

struct Event
{
    qint64 id = 0;
    QByteArray type; // run, log, notification, watcher
    QByteArray dataJson;
};

// The in-process feed behind GET /api/v1/events. Any thread publishes; the
// stream's connections read from a bounded backlog, so a slow or absent
// reader costs nothing but its place in it.
class EventBus
{
public:
    static constexpr int DefaultBacklog = 2000;
    explicit EventBus(int backlog = DefaultBacklog);

    qint64 publish(const QByteArray &type, const QJsonObject &data);

    // Events with ids above afterId, oldest first. *complete is false when
    // some of them already left the backlog.
    QList<Event> after(qint64 afterId, bool *complete) const;
    // Waits until an event above afterId exists, the timeout passes, the bus
    // closes or `interrupted` (checked whenever the waiter is woken) says so;
    // true if there is one.
    bool waitAfter(qint64 afterId, std::chrono::milliseconds timeout,
                   const std::function<bool()> &interrupted = {}) const;
    // Wakes every waiter to check its `interrupted` (its client hung up).
    void wakeWaiters() const;
    qint64 lastId() const;
    // Wakes every waiter for good (hearthd shutting down).
    void close();
    bool closed() const;

private:
    const int m_backlog;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_published;
    std::deque<Event> m_events;
    qint64 m_lastId = 0;
    bool m_closed = false;
};

} // namespace hearth::events
