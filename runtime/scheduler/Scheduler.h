#pragma once

#include "Clock.h"
#include "RunExecutor.h"
#include "services/RunControl.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QObject>
#include <QTimer>
#include <atomic>
#include <functional>
#include <optional>

namespace hearth::events {
class EventBus;
}

namespace hearth::scheduler {

// The durable scheduler. All of its state that matters is in the database
// (next_run_at, runs, leases); this object only decides when to look again.
// Lives on the main thread; API handlers on other threads call wake() and
// stopExecutions(), which are thread-safe.
class Scheduler : public QObject, public services::RunControl
{
    Q_OBJECT
public:
    struct Config
    {
        // A running run's lease, renewed while its executor still has it.
        qint64 leaseMs = 60'000;
        // After start, runs due at once are spread over this window.
        qint64 restartSpreadMs = 5'000;
        // While anything is scheduled the scheduler looks at least this
        // often, to notice suspend/resume and clock changes.
        qint64 clockCheckMs = 30'000;
        // Wall-clock drift against the monotonic clock that counts as a jump.
        qint64 clockJumpMs = 2'000;
    };

    Scheduler(WatcherRepository &watchers, RunRepository &runs, const Clock &clock,
              events::EventBus &events, Config config, QObject *parent = nullptr);

    // Executors are not owned; one per watcher kind.
    void addExecutor(RunExecutor *executor);
    // For tests: where the randomness of jitter comes from ([0, 1)).
    void setRandomSource(std::function<double()> unitRandom);
    // Recovers from the previous process (runs it left running fail with
    // lease_expired and follow the retry policy; due runs are spread over
    // restartSpreadMs), then runs on the event loop until destroyed.
    void start();
    // One pass: notice clock jumps, fire due watchers, expire leases, start
    // what may start, and set the timer for the next pass.
    void tick();
    // Thread-safe: take another pass soon (after a write through the API).
    void wake() override;
    // Thread-safe: wake(), and tells the other triggers (watchersChanged).
    void watchersChanged() override;
    // Thread-safe: stop the executions of runs the store no longer has as
    // running (cancelled, replaced, deleted).
    void stopExecutions(const QList<qint64> &runIds) override;
    // Thread-safe: records the end of a run (an agent worker's completion
    // through the API), publishes it and takes another pass. The result
    // says whether the run was still running (alreadyFinished otherwise).
    Result<CompletionResult, StoreError> completeRun(qint64 runId,
                                                     const RunCompletion &completion) override;
    // When the timer fires next (wall-clock ms), if it is set.
    std::optional<qint64> nextWakeAt() const { return m_nextWakeAt; }
    qint64 nowMs() const override { return m_clock.wallMs(); }

signals:
    // A run reached a final state for this attempt (for tests and the bench).
    void runFinished(qint64 runId, const QString &status);
    // After every pass: pending runs may be claimable by workers now (the
    // long polls of WorkerDispatch listen).
    void runsMayBeReady();
    // Watchers were created, changed or deleted (emitted on the writer's
    // thread: connect queued).
    void watchersMayHaveChanged();

private:
    void checkClock(qint64 wall);
    void pullSchedulesEarlier(qint64 wall);
    // Fires one batch of due watchers, and claims what may start now in the
    // same commit if `claimTheirRuns` (not while hearthd starts: the runs due
    // then are spread first); true if more may be due.
    bool fireDue(qint64 now, bool claimTheirRuns);
    void expireLeases(qint64 now);
    void failUnclaimed(qint64 now);
    void renewLeases(qint64 now);
    void startPending(qint64 now);
    struct ClaimedRun
    {
        RunExecutor *executor;
        RunRepository::Claimed claimed;
    };
    // Claims what may start now on every executor's free places; the
    // caller starts the runs once the claims are durable.
    QList<ClaimedRun> claimPending(qint64 now);
    void startClaimed(const QList<ClaimedRun> &claimed);
    void arm(qint64 now);
    std::optional<FireResult> fireWatcher(const WatcherRecord &watcher, qint64 now);
    // Records one end at once (runs found lost at start or by their leases).
    void onFinished(qint64 runId, const RunCompletion &completion);
    // Executors' ends: recorded in one batch per turn of the event loop.
    void queueFinished(qint64 runId, const RunCompletion &completion);
    void recordFinished();
    // After an end is durable: its logs, the run, a retry and a notification
    // go out as events, and runFinished is emitted.
    void announceCompletion(qint64 runId, const RunCompletion &completion,
                            const CompletionResult &result);
    void publishCompletion(const CompletionResult &result);

    WatcherRepository &m_watchers;
    RunRepository &m_runs;
    const Clock &m_clock;
    events::EventBus &m_events;
    const Config m_config;
    QList<RunExecutor *> m_executors;
    std::function<double()> m_random;
    QTimer m_timer;
    std::optional<qint64> m_nextWakeAt;
    std::atomic<bool> m_wakeQueued { false };
    struct FinishedRun
    {
        qint64 runId;
        RunCompletion completion;
    };
    QList<FinishedRun> m_finished; // ends waiting for recordFinished()
    // Where the clocks were at the previous pass.
    qint64 m_lastWall = 0;
    qint64 m_lastMonotonic = 0;
    QByteArray m_lastSystemZone;
    qint64 m_nextZoneCheck = 0; // monotonic ms
    qint64 m_nextRenewAt = 0;
    std::atomic<bool> m_started { false };
};

} // namespace hearth::scheduler
