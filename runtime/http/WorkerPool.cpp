#include "WorkerPool.h"

namespace hearth::http {

WorkerPool::WorkerPool(int threads, int maxQueued)
    : m_maxQueued(size_t(maxQueued))
{
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this]() { work(); });
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
    }
    m_ready.notify_all();
    // A handler still running holds references into the server: wait for it.
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

bool WorkerPool::tryPost(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_finishing || m_jobs.size() >= m_maxQueued)
            return false;
        m_jobs.push_back(std::move(job));
    }
    m_ready.notify_one();
    return true;
}

bool WorkerPool::finish(std::chrono::steady_clock::time_point deadline)
{
    {
        std::unique_lock lock(m_mutex);
        m_finishing = true;
        m_ready.notify_all();
        if (!m_idle.wait_until(lock, deadline,
                               [this]() { return m_jobs.empty() && m_running == 0; }))
            return false;
    }
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
    return true;
}

void WorkerPool::work()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_ready.wait(lock, [this]() { return m_finishing || !m_jobs.empty(); });
        if (m_jobs.empty()) {
            m_idle.notify_all();
            return; // finishing, with nothing left to run
        }
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_running;
        lock.unlock();
        job();
        job = nullptr; // what the job holds goes before the pool counts it done
        lock.lock();
        --m_running;
        if (m_jobs.empty() && m_running == 0)
            m_idle.notify_all();
    }
}

} // namespace hearth::http
