#pragma once

#include "services/WorkerPresence.h"

#include <QHash>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace hearth::agents {

// Where long-polling workers wait for runs (POST /api/v1/workers/poll). The
// scheduler calls notify() whenever runs may have become claimable; each
// waiting poll then tries to claim once and waits again. No busy loop: a
// poll with nothing to claim sleeps until notified or its deadline.
// Thread-safe.
class WorkerDispatch : public services::WorkerPresence
{
public:
    using Deadline = std::chrono::steady_clock::time_point;
    // Polls waiting at once, over all workers (each holds a server thread).
    static constexpr int MaxPolls = 16;

    // A poll's place: ends the poll when destroyed.
    class Ticket
    {
    public:
        Ticket(WorkerDispatch &dispatch, qint64 workerId);
        ~Ticket();
        Ticket(const Ticket &) = delete;
        Ticket &operator=(const Ticket &) = delete;

    private:
        WorkerDispatch &m_dispatch;
        qint64 m_workerId;
    };

    // Null when MaxPolls are already waiting.
    std::unique_ptr<Ticket> beginPoll(qint64 workerId);
    bool isPolling(qint64 workerId) const override;

    // The count of notify() calls so far; a poll reads it before it tries to
    // claim, so that a notify() between its try and its wait is not lost.
    quint64 generation() const;
    void notify() override;
    // Waits until notify() moved the generation past `seen`, the deadline,
    // close(), or `interrupted` (checked whenever the waiter is woken) says
    // so. False unless there may be new work.
    bool waitForWork(quint64 seen, Deadline deadline,
                     const std::function<bool()> &interrupted = {});
    // Wakes every waiting poll to check its `interrupted` (its client hung
    // up), without claiming there is work.
    void wakeWaiters();
    // Shutdown: every waiting poll returns at once (and answers 204).
    void close();
    bool isClosed() const;

private:
    void endPoll(qint64 workerId);

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    quint64 m_generation = 0;
    bool m_closed = false;
    int m_polls = 0;
    QHash<qint64, int> m_pollsByWorker;
};

} // namespace hearth::agents
