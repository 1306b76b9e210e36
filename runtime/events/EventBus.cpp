#include "EventBus.h"

#include <QJsonDocument>

namespace hearth::events {

EventBus::EventBus(int backlog)
    : m_backlog(backlog)
{
}

EventData::EventData(Serializer serializer)
    : m_serializer(std::move(serializer))
{
}

QByteArray EventData::json() const
{
    std::call_once(m_once, [this]() {
        if (!m_serializer)
            return; // made with its text
        m_json = QJsonDocument(m_serializer()).toJson(QJsonDocument::Compact);
        m_serializer = {}; // what it held is no longer needed
    });
    return m_json;
}

EventData::EventData(QByteArray json)
    : m_json(std::move(json))
{
}

qint64 EventBus::publish(const QByteArray &type, const QJsonObject &data)
{
    return append(
        type,
        std::make_shared<const EventData>(QJsonDocument(data).toJson(QJsonDocument::Compact)));
}

qint64 EventBus::publish(const QByteArray &type, EventData::Serializer serializer)
{
    return append(type, std::make_shared<const EventData>(std::move(serializer)));
}

qint64 EventBus::append(const QByteArray &type, std::shared_ptr<const EventData> data)
{
    qint64 id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = ++m_lastId;
        m_events.push_back({ id, type, std::move(data) });
        while (m_events.size() > size_t(m_backlog))
            m_events.pop_front();
    }
    m_published.notify_all();
    return id;
}

QList<Event> EventBus::after(qint64 afterId, bool *complete) const
{
    std::lock_guard lock(m_mutex);
    QList<Event> events;
    *complete =
        m_events.empty() ? afterId >= m_lastId || afterId == 0 : afterId >= m_events.front().id - 1;
    for (auto it = m_events.rbegin(); it != m_events.rend() && it->id > afterId; ++it)
        events.prepend(*it);
    return events;
}

bool EventBus::waitAfter(qint64 afterId, std::chrono::milliseconds timeout,
                         const std::function<bool()> &interrupted) const
{
    std::unique_lock lock(m_mutex);
    m_published.wait_for(lock, timeout, [&]() {
        return m_closed || m_lastId > afterId || (interrupted && interrupted());
    });
    return m_lastId > afterId;
}

void EventBus::wakeWaiters() const
{
    // Taking the mutex orders this after a waiter's last look at its
    // predicate, so the wake cannot fall between that look and its sleep.
    {
        std::lock_guard lock(m_mutex);
    }
    m_published.notify_all();
}

qint64 EventBus::lastId() const
{
    std::lock_guard lock(m_mutex);
    return m_lastId;
}

void EventBus::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_published.notify_all();
}

bool EventBus::closed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

} // namespace hearth::events
