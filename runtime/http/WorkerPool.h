#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hearth::http {

// The threads that run request handlers. Only complete requests come here
// (headers and body already read), so a slow client never holds one; a
// handler that waits (a long poll, an event stream) does, for as long as it
// waits. The queue is bounded: beyond it a request is refused, not queued.
class WorkerPool
{
public:
    WorkerPool(int threads, int maxQueued);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // False when the queue is full or the pool is finishing.
    bool tryPost(std::function<void()> job);
    // Takes no more jobs and waits until those taken have run, at most until
    // `deadline`; true when they all have (the threads are then joined).
    bool finish(std::chrono::steady_clock::time_point deadline);

private:
    void work();

    const size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_jobs;
    int m_running = 0;
    bool m_finishing = false;
    std::vector<std::thread> m_threads;
};

} // namespace hearth::http
