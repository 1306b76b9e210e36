#include "WorkerDispatch.h"

namespace hearth::agents {

WorkerDispatch::Ticket::Ticket(WorkerDispatch &dispatch, qint64 workerId)
    : m_dispatch(dispatch)
    , m_workerId(workerId)
{
}

WorkerDispatch::Ticket::~Ticket()
{
    m_dispatch.endPoll(m_workerId);
}

std::unique_ptr<WorkerDispatch::Ticket> WorkerDispatch::beginPoll(qint64 workerId)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_polls >= MaxPolls)
            return nullptr;
        ++m_polls;
        ++m_pollsByWorker[workerId];
    }
    return std::make_unique<Ticket>(*this, workerId);
}

void WorkerDispatch::endPoll(qint64 workerId)
{
    std::lock_guard lock(m_mutex);
    --m_polls;
    if (--m_pollsByWorker[workerId] <= 0)
        m_pollsByWorker.remove(workerId);
}

bool WorkerDispatch::isPolling(qint64 workerId) const
{
    std::lock_guard lock(m_mutex);
    return m_pollsByWorker.value(workerId) > 0;
}

quint64 WorkerDispatch::generation() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

void WorkerDispatch::notify()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_generation;
    }
    m_changed.notify_all();
}

bool WorkerDispatch::waitForWork(quint64 seen, Deadline deadline,
                                 const std::function<bool()> &interrupted)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_until(lock, deadline, [&]() {
        return m_closed || m_generation != seen || (interrupted && interrupted());
    });
    return m_generation != seen && !m_closed;
}

void WorkerDispatch::wakeWaiters()
{
    // Taking the mutex orders this after a waiter's last look at its
    // predicate, so the wake cannot fall between that look and its sleep.
    {
        std::lock_guard lock(m_mutex);
    }
    m_changed.notify_all();
}

void WorkerDispatch::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

bool WorkerDispatch::isClosed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

} // namespace hearth::agents
