#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace hearth::events {

// An event's data, made into JSON text the first time a reader asks for it
// and kept: publishing (a few times per run, on the scheduler's thread) costs
// a copy of implicitly shared values, and a feed nobody reads serializes
// nothing.
class EventData
{
public:
    using Serializer = std::function<QJsonObject()>;
    explicit EventData(Serializer serializer);
    explicit EventData(QByteArray json);
    // Any thread; the serializer runs once.
    QByteArray json() const;

private:
    mutable std::once_flag m_once;
    mutable QByteArray m_json;
    mutable Serializer m_serializer;
};

struct Event
{
    qint64 id = 0;
    QByteArray type; // run, log, notification, watcher
    std::shared_ptr<const EventData> data;

    QByteArray dataJson() const { return data->json(); }
};

// The in-process feed behind GET /api/v1/events. Any thread publishes; the
// stream's connections read from a bounded backlog, so a slow or absent
// reader costs nothing but its place in it.
class EventBus
{
public:
    static constexpr int DefaultBacklog = 2000;
    explicit EventBus(int backlog = DefaultBacklog);

    // Serialized at once: a built object takes more room than its text.
    qint64 publish(const QByteArray &type, const QJsonObject &data);
    // `serializer` runs later, on a reader's thread: it must hold copies.
    qint64 publish(const QByteArray &type, EventData::Serializer serializer);

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
    qint64 append(const QByteArray &type, std::shared_ptr<const EventData> data);

    const int m_backlog;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_published;
    std::deque<Event> m_events;
    qint64 m_lastId = 0;
    bool m_closed = false;
};

} // namespace hearth::events
