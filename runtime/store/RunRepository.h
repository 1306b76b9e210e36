#pragma once

#include "Database.h"
#include "NotificationRepository.h"
#include "StoreError.h"
#include "WatcherRepository.h"
#include "core/Result.h"
#include "model/Escalation.h"
#include "model/RunPolicy.h"
#include "model/RunStatus.h"
#include "model/ScriptTypes.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>

namespace hearth {

class Database;

// One attempt of a watcher's run (the runs table). Instants are ms since the
// epoch.
struct RunRecord
{
    qint64 id = 0;
    qint64 watcherId = 0;
    qint64 scheduledFor = 0;
    int attempt = 1;
    scheduler::RunTrigger trigger = scheduler::RunTrigger::Schedule;
    scheduler::RunStatus status = scheduler::RunStatus::Pending;
    qint64 notBefore = 0;
    qint64 createdAt = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
    QString claimedBy;
    std::optional<qint64> leaseExpiresAt;
    QByteArray eventJson = "{}";
    QByteArray resultJson; // empty: none
    QString errorCode;
    QString errorMessage;
    std::optional<qint64> durationMs;
    std::optional<qint64> instructions;
    std::optional<qint64> peakMemory;
    // Agent runs: the device worker the run is pinned to, what the agent
    // printed (not loaded by list(): nullopt) and how it exited.
    std::optional<qint64> workerId;
    std::optional<QString> output;
    std::optional<qint64> exitCode;
    // A chained run: the upstream run whose end started it (none once that
    // run is pruned) and its depth in the chain (0: not chained).
    std::optional<qint64> parentRunId;
    int chainDepth = 0;
    // Who started the run, as Actor::toString writes it ("hearthd" for
    // schedules and triggers; a retry keeps its first attempt's); empty for
    // runs from before actors were recorded.
    QString actor;
    // An escalation's task (scheduler::EscalationTask's stored form; empty:
    // the run is not an escalation).
    QByteArray taskJson;

    bool active() const { return scheduler::isActive(status); }
    bool isEscalation() const { return !taskJson.isEmpty(); }
};

struct RunLogRecord
{
    int seq = 0;
    QString ts;
    LogLevel level = LogLevel::Info;
    QString message;
    QByteArray dataJson; // empty: none
};

// A run to create when a watcher fires or is run by hand.
struct NewRun
{
    qint64 scheduledFor = 0;
    scheduler::RunTrigger trigger = scheduler::RunTrigger::Schedule;
    qint64 notBefore = 0;
    QByteArray eventJson = "{}";
    // For agent watchers: the worker the watcher is pinned to right now.
    std::optional<qint64> workerId;
    // Chained runs (RunRecord's fields of the same names).
    std::optional<qint64> parentRunId;
    int chainDepth = 0;
    Actor actor = Actor::hearthd();
    QByteArray taskJson = {}; // an escalation's task
};

struct FireRequest
{
    qint64 watcherId = 0;
    scheduler::Concurrency concurrency = scheduler::Concurrency::Forbid;
    QList<NewRun> runs; // oldest first
    // A scheduled fire advances the schedule in the same transaction, but
    // only if next_run_at is still what the scheduler read (an edit that
    // raced with the fire wins). A manual run leaves the schedule alone.
    bool advance = false;
    qint64 expectedNextRunAt = 0;
    std::optional<qint64> nextRunAt;
    qint64 lastFiredAt = 0;
    // A manual run under "forbid" is refused (Conflict) rather than skipped.
    // Manual runs asked for at an instant already taken get the next free
    // millisecond.
    bool refuseWhileActive = false;
    qint64 nowMs = 0;
};

struct FireResult
{
    QList<RunRecord> created; // pending ones and skipped ones
    QList<qint64> replacedRunning; // running runs cancelled by "replace"
};

struct RunCompletion
{
    bool succeeded = false;
    QString errorCode; // script_error, timeout, lease_expired, …
    QString errorMessage;
    QByteArray resultJson = "null";
    QList<lua::LogLine> logs;
    qint64 durationMs = 0;
    qint64 instructions = 0;
    qint64 peakMemory = 0;
    // When the run really began, if later than its claim: a claimed Lua run
    // may wait a moment in the sandbox pool's queue.
    std::optional<qint64> startedAt;
    // What a Lua run kept (stored if it succeeded), and whether it has feed
    // items to confirm.
    std::optional<QByteArray> snapshot;
    bool markedFeedItems = false;
    // Agent runs.
    std::optional<QString> output;
    std::optional<qint64> exitCode;
};

struct CompletionResult
{
    // The run was no longer running (finished, cancelled, deleted): nothing
    // changed. `status` is then its current status (none if it is gone).
    bool alreadyFinished = false;
    std::optional<scheduler::RunStatus> status; // succeeded, failed (a retry follows) or dead
    std::optional<RunRecord> run; // as this end left it (none if alreadyFinished)
    std::optional<RunRecord> retry;
    std::optional<Notification> notification;
    scheduler::NotifyDecision notifyDecision = scheduler::NotifyDecision::Silent;
    qint64 watcherId = 0;
    // The runs of chained watchers this end started (pending, or skipped by
    // their concurrency policy or the depth limit), and the running runs
    // their "replace" policy cancelled.
    FireResult chained;
};

// An escalation a Lua run asks for (agent.escalate), and the budgets it
// must fit in: escalations in the last 24 hours, of the watcher and of all.
struct EscalationRequest
{
    qint64 watcherId = 0;
    qint64 luaRunId = 0; // the running run that asks
    scheduler::EscalationTask task;
    QByteArray dataJson = "null";
    int watcherBudget = 0;
    int globalBudget = 0;
    qint64 nowMs = 0;
};

// The agent's run, pending for the device worker it is pinned to; or why
// none was made (a budget used up, no worker with the profile), in words
// for the script.
struct Escalation
{
    std::optional<RunRecord> run;
    QString refusal;
};

struct RunFilter
{
    std::optional<qint64> watcherId;
    std::optional<scheduler::RunStatus> status; // none: any
    std::optional<qint64> since; // created at or after
    std::optional<qint64> before; // created before
    std::optional<qint64> beforeId; // the cursor: ids below it
    int limit = 50;
};

// The runs and run_logs tables: every state change of a run is one
// transaction here, guarded by the state it expects (a run that is no longer
// running cannot be completed twice).
class RunRepository
{
public:
    RunRepository(Database &database, const WatcherRepository &watchers);

    // Groups this thread's writes through the store into one durable
    // commit (see WriteBatch).
    WriteBatch batch() const { return WriteBatch(m_database.connection()); }

    // Materialises runs (and advances the schedule) applying the concurrency
    // policy: "forbid" records a fire as skipped while a run is active,
    // "replace" cancels the active ones, "queue" adds it. NotFound if the
    // watcher is gone; Conflict if the schedule moved or a manual run was
    // refused.
    Result<FireResult, StoreError> fire(const FireRequest &request) const;

    // Makes the escalation's run if both budgets allow one and a device
    // worker offers the profile (the one seen last), and counts it against
    // the budgets, in one transaction. Conflict if the asking run is no
    // longer running.
    Result<Escalation, StoreError> escalate(const EscalationRequest &request) const;
    // Escalations of all watchers counted against the budgets after `sinceMs`.
    Result<int> countEscalationsSince(qint64 sinceMs) const;

    // A run that its trigger could not start, recorded as skipped with why
    // (a folder that can no longer be watched). NotFound if the watcher is
    // gone.
    Result<std::optional<RunRecord>, StoreError> recordSkipped(qint64 watcherId, const NewRun &run,
                                                               const QString &errorCode,
                                                               const QString &errorMessage,
                                                               qint64 nowMs) const;

    struct Claimed
    {
        RunRecord run;
        WatcherRecord watcher;
        QByteArray lastResultJson; // the previous successful run's; empty: none
        std::optional<QByteArray> lastSnapshot; // the watcher's latest (Lua runs)
    };
    // Where claimed runs go: `now` of them start at once; `ahead` wait a
    // moment in their executor's queue, and those places go only to runs
    // of watchers whose previous successful run took at most `aheadMaxMs`
    // (or that have none), so that no run waits behind a long one for long.
    struct Places
    {
        int now = 0;
        int ahead = 0;
        qint64 aheadMaxMs = 0;
    };
    // Starts pending runs due by nowMs on `places`, of watchers of `kind`
    // that have no running run and no change awaiting approval (their runs
    // wait for it), oldest first; each gets a lease. Reads the queue a page
    // at a time from its head, never the whole backlog.
    Result<QList<Claimed>> claimPending(const QString &kind, const QString &claimer, qint64 nowMs,
                                        qint64 leaseMs, Places places) const;
    // The same with `max` places to start at once.
    Result<QList<Claimed>> claimPending(const QString &kind, const QString &claimer, qint64 nowMs,
                                        qint64 leaseMs, int max) const
    {
        return claimPending(kind, claimer, nowMs, leaseMs, Places { max, 0, 0 });
    }
    Result<void> renewLeases(const QList<qint64> &runIds, qint64 leaseExpiresAt) const;

    // The oldest pending agent run due by nowMs that is pinned to
    // `workerId`, of an agent kind in `agentKinds`, whose watcher has nothing
    // running and no change awaiting approval; claimed for `claimer` with a
    // lease, and given the run token whose hash is `scopeTokenHash`. None:
    // nothing to do.
    Result<std::optional<Claimed>> claimForWorker(qint64 workerId, const QStringList &agentKinds,
                                                  const QString &claimer, qint64 nowMs,
                                                  qint64 leaseMs,
                                                  const QByteArray &scopeTokenHash) const;
    // The running run whose run token hashes to `scopeTokenHash`; none for
    // a hash no run has, and once the run has ended.
    Result<std::optional<RunRecord>> runningWithScopeToken(const QByteArray &scopeTokenHash) const;
    // Appends log lines to a run while it runs; false (nothing written) once
    // it has ended.
    Result<bool> appendToRunning(qint64 runId, const QList<lua::LogLine> &lines) const;
    // A notification a running run raises itself, under its watcher's
    // notify.min_interval_s and notify.daily_budget: sent and counted, or
    // held back (decision), in one transaction. Conflict once the run ended.
    struct RunNotification
    {
        scheduler::NotifyDecision decision = scheduler::NotifyDecision::Silent;
        std::optional<Notification> sent;
        WatcherRecord watcher; // as it was before: its spec and notify state
    };
    Result<RunNotification, StoreError>
    notifyFromRun(qint64 runId, const scheduler::NotificationText &text, qint64 nowMs) const;
    // A worker's heartbeat: renews the lease of a run `claimer` holds and
    // appends log lines, in one transaction. False (and nothing changed) if
    // the run is no longer running or is not the claimer's.
    Result<bool> heartbeat(qint64 runId, const QString &claimer, qint64 leaseExpiresAt,
                           const QList<lua::LogLine> &lines) const;
    // Pending agent runs nobody claimed within their watcher's timeout after
    // they became due; and the earliest instant one will be.
    Result<QList<qint64>> unclaimedPastDeadline(qint64 nowMs) const;
    Result<std::optional<qint64>> earliestClaimDeadline() const;
    // Pending or running runs pinned to the worker.
    Result<QList<qint64>> activeRunsOfWorker(qint64 workerId) const;

    // Finishes a running run with its logs. A failure is retried (a new
    // pending attempt after `retryDelayMs`) until max_attempts, then the run
    // is dead. Notifies per the watcher's policy and starts the watchers
    // chained after it whose condition the end meets, in the same
    // transaction.
    Result<CompletionResult, StoreError> complete(qint64 runId, const RunCompletion &completion,
                                                  qint64 nowMs, double retryJitter) const;
    // The same for a run that is still pending (nobody claimed it in time).
    Result<CompletionResult, StoreError> failPending(qint64 runId, const RunCompletion &completion,
                                                     qint64 nowMs, double retryJitter) const;

    struct Cancelled
    {
        RunRecord run; // as it is now
        bool wasRunning = false; // its execution must be stopped
    };
    // Cancels a pending or running run; Conflict if it already finished.
    Result<Cancelled, StoreError> cancel(qint64 runId, qint64 nowMs) const;
    // A new attempt of a dead or failed run, due now, started by `actor`.
    // Conflict if the run has a later attempt already or did not fail, or
    // its watcher awaits approval.
    Result<RunRecord, StoreError> redrive(qint64 runId, qint64 nowMs, const Actor &actor) const;

    // Running runs whose lease expired before nowMs.
    Result<QList<qint64>> expiredLeases(qint64 nowMs) const;
    Result<QList<qint64>> runningClaimedBy(const QString &claimer) const;
    // Restart jitter: delays the pending runs due by nowMs, watcher by
    // watcher (all of one watcher's by the same offset, so its queue keeps
    // its order), the watchers evenly over [nowMs, nowMs + spreadMs).
    // Returns the number of watchers.
    Result<int> spreadPending(qint64 nowMs, qint64 spreadMs) const;

    // The earliest not_before after nowMs of a pending run (runs already
    // due wait for a slot or for their watcher's running run, whose end
    // wakes the scheduler anyway); the earliest lease expiry.
    Result<std::optional<qint64>> earliestPendingAfter(qint64 nowMs) const;
    Result<std::optional<qint64>> earliestLeaseExpiry() const;

    Result<std::optional<RunRecord>> get(qint64 runId) const;
    // Newest first.
    Result<QList<RunRecord>> list(const RunFilter &filter, bool *more) const;
    Result<QList<RunLogRecord>> logs(qint64 runId, int afterSeq) const;
    Result<bool> exists(qint64 runId) const;

    // Pruning history, a bounded batch per call (HistoryPruner): finished
    // runs go with their logs; dead and active runs are never pruned.
    // A watcher's own history limits (its spec's `history`) replace
    // hearthd's for its runs.
    // Runs that finished before finishedBeforeMs, of the watchers without
    // an age of their own; how many went.
    Result<int> pruneFinishedBefore(qint64 finishedBeforeMs, int limit) const;
    struct OwnAge
    {
        qint64 watcherId = 0;
        int keepDays = 0;
    };
    // The watchers that keep their runs for their own number of days.
    Result<QList<OwnAge>> watchersWithOwnAge() const;
    // The watcher's runs that finished before finishedBeforeMs.
    Result<int> pruneFinishedBefore(qint64 watcherId, qint64 finishedBeforeMs, int limit) const;
    struct Excess
    {
        qint64 watcherId = 0;
        qint64 lastRunId = 0; // the newest run beyond the ones to keep
    };
    // Each watcher with more runs than it keeps (its own number, or
    // keepPerWatcher), and where its runs beyond those begin.
    Result<QList<Excess>> excessRuns(int keepPerWatcher) const;
    // Finished runs of the watcher up to lastRunId; how many went.
    Result<int> pruneFinishedUpTo(const Excess &excess, int limit) const;

private:
    struct UpstreamEnd
    {
        RunRecord run; // as its end left it
        bool changed = false; // its result or snapshot changed
    };
    // Starts the runs of the watchers chained after an ended run (inside
    // finish's transaction) and notes each in the upstream run's `logs`.
    Result<void, StoreError> startFollowers(QSqlDatabase &db, const UpstreamEnd &upstream,
                                            qint64 nowMs, FireResult &started,
                                            QList<lua::LogLine> &logs) const;
    Result<CompletionResult, StoreError> finish(qint64 runId, const RunCompletion &completion,
                                                qint64 nowMs, double retryJitter,
                                                scheduler::RunStatus expectedStatus) const;
    Result<QList<Claimed>> claim(QSqlDatabase &db, const QList<qint64> &candidates,
                                 const QString &claimer, qint64 nowMs, qint64 leaseMs,
                                 Places places) const;

    Database &m_database;
    const WatcherRepository &m_watchers;
};

} // namespace hearth
