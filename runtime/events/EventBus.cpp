#include "EventBus.h"

#include <QJsonDocument>

namespace hearth::events {

EventBus::EventBus(int backlog)
    : m_backlog(backlog)
{
}

qint64 EventBus::publish(const QByteArray &type, const QJsonObject &data)
{
    const QByteArray json = QJsonDocument(data).toJson(QJsonDocument::Compact);
    qint64 id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = ++m_lastId;
        m_events.push_back({ id, type, json });
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
