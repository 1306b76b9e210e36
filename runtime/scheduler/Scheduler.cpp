#include "Scheduler.h"

#include "events/EventBus.h"
#include "events/RunEvents.h"
#include "model/FirePlanner.h"
#include "store/Database.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>
#include <algorithm>

Q_LOGGING_CATEGORY(lcScheduler, "hearth.scheduler")

namespace hearth::scheduler {

namespace {

// The longest the timer is set for; a later wake-up is simply re-armed.
constexpr qint64 MaxSleepMs = 24LL * 3600 * 1000;
constexpr qint64 RetryFireMs = 1000;
// Watchers fired per durable commit in a burst.
constexpr qsizetype FireBatchSize = 250;

} // namespace

Scheduler::Scheduler(WatcherRepository &watchers, RunRepository &runs, const Clock &clock,
                     events::EventBus &events, Config config, QObject *parent)
    : QObject(parent)
    , m_watchers(watchers)
    , m_runs(runs)
    , m_clock(clock)
    , m_events(events)
    , m_config(config)
    , m_random([]() { return QRandomGenerator::global()->generateDouble(); })
{
    // This thread executes the same few statements for every run.
    PreparedQuery::keepStatementsOnThisThread();
    m_timer.setSingleShot(true);
    // Due times are exact instants; a coarse timer may be 5 % late.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
}

void Scheduler::addExecutor(RunExecutor *executor)
{
    m_executors.append(executor);
    connect(executor, &RunExecutor::finished, this, &Scheduler::queueFinished);
}

void Scheduler::setRandomSource(std::function<double()> unitRandom)
{
    m_random = std::move(unitRandom);
}

void Scheduler::start()
{
    const qint64 now = m_clock.wallMs();
    m_lastWall = now;
    m_lastMonotonic = m_clock.monotonicMs();
    m_lastSystemZone = QTimeZone::systemTimeZoneId();
    // Nothing of ours can be running yet: whatever the previous process left
    // running died with it. (Runs of other claimers keep their leases.)
    for (RunExecutor *executor : std::as_const(m_executors)) {
        auto orphans = m_runs.runningClaimedBy(executor->claimer());
        if (!orphans) {
            qCWarning(lcScheduler).noquote() << orphans.error();
            continue;
        }
        for (qint64 runId : orphans.value()) {
            RunCompletion lost;
            lost.errorCode = QStringLiteral("lease_expired");
            lost.errorMessage = QStringLiteral("hearthd stopped while the run was running");
            onFinished(runId, lost);
        }
    }
    // Missed fires become runs (catch-up), then everything due right now is
    // spread over a few seconds instead of starting in one burst: watcher by
    // watcher, so that a queue keeps its order.
    while (fireDue(now, false)) { }
    if (auto spread = m_runs.spreadPending(now, m_config.restartSpreadMs); !spread)
        qCWarning(lcScheduler).noquote() << spread.error();
    m_started = true;
    tick();
}

void Scheduler::tick()
{
    m_wakeQueued = false;
    const qint64 now = m_clock.wallMs();
    checkClock(now);
    const bool moreDue = fireDue(now, true);
    renewLeases(now);
    expireLeases(now);
    failUnclaimed(now);
    startPending(m_clock.wallMs());
    arm(now);
    emit runsMayBeReady();
    // A burst larger than a batch goes on in the next turn of the event
    // loop, once the ends that came in meanwhile are recorded (which claims
    // runs for the freed places).
    if (moreDue)
        wake();
}

void Scheduler::wake()
{
    if (!m_wakeQueued.exchange(true))
        QMetaObject::invokeMethod(this, &Scheduler::tick, Qt::QueuedConnection);
}

void Scheduler::watchersChanged()
{
    emit watchersMayHaveChanged();
    wake();
}

void Scheduler::stopExecutions(const QList<qint64> &runIds)
{
    if (runIds.isEmpty())
        return;
    QMetaObject::invokeMethod(
        this,
        [this, runIds]() {
            for (RunExecutor *executor : std::as_const(m_executors)) {
                for (qint64 runId : runIds)
                    executor->cancel(runId);
            }
        },
        Qt::QueuedConnection);
}

void Scheduler::checkClock(qint64 wall)
{
    const qint64 monotonic = m_clock.monotonicMs();
    const qint64 drift = (wall - m_lastWall) - (monotonic - m_lastMonotonic);
    if (drift > m_config.clockJumpMs) {
        // Suspend/resume or the clock set forward: the fires in between are
        // due now and fireDue applies each watcher's catch-up policy.
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("the wall clock moved %1 s ahead of the monotonic clock (sleep or "
                              "clock change); applying catch-up policies")
                   .arg(drift / 1000);
    } else if (drift < -m_config.clockJumpMs) {
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("the wall clock went back %1 s; rescheduling").arg(-drift / 1000);
        pullSchedulesEarlier(wall);
    }
    m_lastWall = wall;
    m_lastMonotonic = monotonic;

    // Cron schedules without a zone follow the system's, which may change
    // (a laptop that travels): their next fire is recomputed in the new one.
    // Looked at on the clock-check cadence, not on every pass (a busy
    // scheduler passes hundreds of times a second).
    if (monotonic < m_nextZoneCheck)
        return;
    m_nextZoneCheck = monotonic + m_config.clockCheckMs;
    const QByteArray zone = QTimeZone::systemTimeZoneId();
    if (zone != m_lastSystemZone) {
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("the system time zone changed from %1 to %2")
                   .arg(QString::fromUtf8(m_lastSystemZone), QString::fromUtf8(zone));
        m_lastSystemZone = zone;
        auto all = m_watchers.list();
        if (!all) {
            qCWarning(lcScheduler).noquote() << all.error();
            return;
        }
        for (const WatcherRecord &watcher : all.value()) {
            const std::optional<Schedule> &schedule = watcher.spec.schedule;
            if (!watcher.nextRunAt || !schedule || !schedule->followsSystemZone())
                continue;
            if (const auto next = firstFireAfter(*schedule, wall);
                next && *next != *watcher.nextRunAt)
                (void)m_watchers.moveNextRunAt(watcher.id, *watcher.nextRunAt, *next);
        }
    }
}

void Scheduler::pullSchedulesEarlier(qint64 wall)
{
    auto all = m_watchers.list();
    if (!all) {
        qCWarning(lcScheduler).noquote() << all.error();
        return;
    }
    for (const WatcherRecord &watcher : all.value()) {
        if (!watcher.nextRunAt || *watcher.nextRunAt <= wall || !watcher.spec.schedule)
            continue;
        // Only ever earlier: a cron instant computed before the jump is still
        // right unless an earlier one now lies ahead; an interval restarts
        // from now instead of waiting out the time the clock went back.
        const Schedule &schedule = *watcher.spec.schedule;
        const std::optional<qint64> candidate = schedule.kind() == Schedule::Kind::Interval
            ? std::optional<qint64>(wall + schedule.everySeconds() * 1000)
            : firstFireAfter(schedule, wall);
        if (candidate && *candidate < *watcher.nextRunAt) {
            if (auto moved = m_watchers.moveNextRunAt(watcher.id, *watcher.nextRunAt, *candidate);
                !moved)
                qCWarning(lcScheduler).noquote() << moved.error();
        }
    }
}

bool Scheduler::fireDue(qint64 now, bool claimTheirRuns)
{
    auto due = m_watchers.due(now, int(FireBatchSize));
    if (!due) {
        qCWarning(lcScheduler).noquote() << due.error();
        return false;
    }
    // One batch of a burst: one durable commit for many watchers, short
    // enough not to hold the write lock from the API for long. The runs it
    // makes due may be claimed in the same commit, to start as soon as it is
    // durable; nothing is announced, started or stopped before.
    WriteBatch batch = m_runs.batch();
    if (auto begun = batch.begin(); !begun) {
        qCWarning(lcScheduler).noquote() << begun.error();
        return false;
    }
    QList<FireResult> fired;
    for (const WatcherRecord &watcher : std::as_const(due.value())) {
        if (auto result = fireWatcher(watcher, now))
            fired.append(std::move(*result));
    }
    const QList<ClaimedRun> claimed =
        claimTheirRuns ? claimPending(m_clock.wallMs()) : QList<ClaimedRun>();
    if (auto committed = batch.commit(); !committed) {
        // Nothing of this batch happened; the next pass fires it again.
        qCWarning(lcScheduler).noquote() << committed.error();
        return false;
    }
    for (const FireResult &result : std::as_const(fired)) {
        for (const RunRecord &run : result.created)
            events::publishRun(m_events, QStringLiteral("created"), run);
        for (RunExecutor *executor : std::as_const(m_executors)) {
            for (qint64 runId : result.replacedRunning)
                executor->cancel(runId);
        }
    }
    startClaimed(claimed);
    // A full batch that fired something: more may be due.
    return due->size() == FireBatchSize && !fired.isEmpty();
}

std::optional<FireResult> Scheduler::fireWatcher(const WatcherRecord &watcher, qint64 now)
{
    const FirePlan plan = planFires(watcher.spec, *watcher.nextRunAt, now);
    FireRequest request;
    request.watcherId = watcher.id;
    request.concurrency = watcher.spec.concurrency;
    request.advance = true;
    request.expectedNextRunAt = *watcher.nextRunAt;
    request.nextRunAt = plan.nextRunAt;
    request.lastFiredAt = plan.lastDue;
    request.nowMs = now;
    for (const FirePlan::Fire &fire : plan.fires) {
        request.runs.append(
            { fire.scheduledFor, fire.trigger, now, fire.eventJson,
              watcher.spec.agent() ? watcher.spec.agent()->deviceWorkerId : std::nullopt,
              std::nullopt, 0 });
    }
    auto fired = m_runs.fire(request);
    if (!fired) {
        // Conflict: an edit moved the schedule since we read it; the next
        // pass sees the new one.
        if (fired.error().code != StoreError::Conflict)
            qCWarning(lcScheduler).noquote() << fired.error().message;
        return std::nullopt;
    }
    if (plan.missed > 0) {
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("watcher %1 (%2) missed %3 fires; catch-up policy %4")
                   .arg(watcher.id)
                   .arg(watcher.spec.name)
                   .arg(plan.missed)
                   .arg(watcher.spec.toJson().value(QStringLiteral("catch_up")).toString());
    }
    return std::move(fired.value());
}

void Scheduler::renewLeases(qint64 now)
{
    // Claims come with a full lease; a third of one is plenty of margin.
    if (now < m_nextRenewAt && now >= m_nextRenewAt - m_config.leaseMs)
        return;
    m_nextRenewAt = now + m_config.leaseMs / 3;
    for (RunExecutor *executor : std::as_const(m_executors)) {
        const QList<qint64> active = executor->activeRuns();
        if (auto renewed = m_runs.renewLeases(active, now + m_config.leaseMs); !renewed)
            qCWarning(lcScheduler).noquote() << renewed.error();
    }
}

void Scheduler::expireLeases(qint64 now)
{
    auto expired = m_runs.expiredLeases(now);
    if (!expired) {
        qCWarning(lcScheduler).noquote() << expired.error();
        return;
    }
    QSet<qint64> ours;
    for (RunExecutor *executor : std::as_const(m_executors)) {
        for (qint64 runId : executor->activeRuns())
            ours.insert(runId);
    }
    for (qint64 runId : expired.value()) {
        if (ours.contains(runId))
            continue;
        RunCompletion lost;
        lost.errorCode = QStringLiteral("lease_expired");
        lost.errorMessage =
            QStringLiteral("the run's lease expired: whoever ran it stopped renewing it");
        onFinished(runId, lost);
    }
}

void Scheduler::failUnclaimed(qint64 now)
{
    auto unclaimed = m_runs.unclaimedPastDeadline(now);
    if (!unclaimed) {
        qCWarning(lcScheduler).noquote() << unclaimed.error();
        return;
    }
    for (qint64 runId : unclaimed.value()) {
        auto run = m_runs.get(runId);
        if (!run || !run.value())
            continue;
        const QString worker = run.value()->workerId
            ? QStringLiteral("device worker %1").arg(*run.value()->workerId)
            : QStringLiteral("any device worker");
        RunCompletion unclaimedRun;
        unclaimedRun.errorCode = QStringLiteral("no_worker");
        unclaimedRun.errorMessage =
            QStringLiteral("%1 did not claim the run within the watcher's timeout: the worker is "
                           "offline (is `hearth worker` or the tray running?) or no longer runs "
                           "this agent kind")
                .arg(worker);
        auto failed = m_runs.failPending(runId, unclaimedRun, now, m_random());
        if (!failed) {
            qCWarning(lcScheduler).noquote() << failed.error().message;
            continue;
        }
        if (!failed->alreadyFinished) {
            publishCompletion(failed.value());
            emit runFinished(runId, runStatusName(failed->status.value()));
        }
    }
}

void Scheduler::startPending(qint64 now)
{
    startClaimed(claimPending(now));
}

QList<Scheduler::ClaimedRun> Scheduler::claimPending(qint64 now)
{
    QList<ClaimedRun> claimed;
    for (RunExecutor *executor : std::as_const(m_executors)) {
        auto runs = m_runs.claimPending(executor->kind(), executor->claimer(), now,
                                        m_config.leaseMs, executor->freePlaces());
        if (!runs) {
            qCWarning(lcScheduler).noquote() << runs.error();
            continue;
        }
        for (RunRepository::Claimed &run : runs.value())
            claimed.append({ executor, std::move(run) });
    }
    return claimed;
}

void Scheduler::startClaimed(const QList<ClaimedRun> &claimed)
{
    for (const ClaimedRun &run : claimed) {
        events::publishRun(m_events, QStringLiteral("started"), run.claimed.run);
        run.executor->start(run.claimed);
    }
}

void Scheduler::arm(qint64 now)
{
    std::optional<qint64> next;
    auto consider = [&next](std::optional<qint64> instant) {
        if (instant)
            next = next ? std::min(*next, *instant) : *instant;
    };
    auto due = m_watchers.earliestDue();
    auto pending = m_runs.earliestPendingAfter(now);
    auto lease = m_runs.earliestLeaseExpiry();
    auto unclaimed = m_runs.earliestClaimDeadline();
    if (!due || !pending || !lease || !unclaimed) {
        // Storage trouble: look again in a while rather than never.
        qCWarning(lcScheduler) << "cannot read the schedule; retrying in" << m_config.clockCheckMs
                               << "ms";
        consider(now + m_config.clockCheckMs);
    } else {
        // A due fire that could not be recorded (storage trouble, a
        // watcher whose stored spec cannot be read) is tried again in a
        // second, not in a busy loop.
        const std::optional<qint64> nextDue = due.value();
        consider(nextDue && *nextDue <= now ? std::optional<qint64>(now + RetryFireMs) : nextDue);
        consider(pending.value());
        consider(unclaimed.value() ? std::optional<qint64>(std::max(*unclaimed.value(), now + 1))
                                   : std::nullopt);
        // Leases of our own runs are renewed before they expire.
        consider(lease.value() ? std::optional<qint64>(*lease.value() + 1) : std::nullopt);
        bool running = false;
        for (RunExecutor *executor : std::as_const(m_executors))
            running = running || !executor->activeRuns().isEmpty();
        if (running)
            consider(std::max(m_nextRenewAt, now));
        // Watching for clock jumps only matters while something is scheduled.
        if (due.value() || pending.value() || lease.value())
            consider(now + m_config.clockCheckMs);
    }
    m_nextWakeAt = next;
    if (!next) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(*next - now, 0, MaxSleepMs)));
}

void Scheduler::onFinished(qint64 runId, const RunCompletion &completion)
{
    if (auto completed = completeRun(runId, completion); !completed) {
        // The run stays running; its lease expiring retries the completion
        // as lease_expired, so nothing is lost.
        qCWarning(lcScheduler).noquote() << QStringLiteral("cannot record the end of run %1: %2")
                                                .arg(runId)
                                                .arg(completed.error().message);
    }
}

void Scheduler::queueFinished(qint64 runId, const RunCompletion &completion)
{
    // The ends that arrive together (a burst finishing on every sandbox
    // host) are recorded together, once the events already queued are in.
    m_finished.append({ runId, completion });
    if (m_finished.size() == 1)
        QMetaObject::invokeMethod(this, &Scheduler::recordFinished, Qt::QueuedConnection);
}

void Scheduler::recordFinished()
{
    // The ends, and the runs that take the freed places, in one durable
    // commit: nothing is announced or started before it.
    const QList<FinishedRun> finished = std::exchange(m_finished, {});
    QList<std::pair<const FinishedRun *, CompletionResult>> recorded;
    QList<ClaimedRun> claimed;
    WriteBatch batch = m_runs.batch();
    Result<void> durable = batch.begin();
    if (durable) {
        const qint64 now = m_clock.wallMs();
        for (const FinishedRun &run : finished) {
            auto completed = m_runs.complete(run.runId, run.completion, now, m_random());
            if (completed)
                recorded.append({ &run, completed.value() });
            else
                qCWarning(lcScheduler).noquote()
                    << QStringLiteral("cannot record the end of run %1: %2")
                           .arg(run.runId)
                           .arg(completed.error().message);
        }
        claimed = claimPending(now);
        durable = batch.commit();
    }
    if (!durable) {
        // The runs stay running; their leases expiring retries the ends as
        // lease_expired, so nothing is lost. The claims are undone.
        qCWarning(lcScheduler).noquote() << QStringLiteral("cannot record the end of %1 runs: %2")
                                                .arg(finished.size())
                                                .arg(durable.error());
        recorded.clear();
        claimed.clear();
    }
    for (const auto &[run, result] : std::as_const(recorded))
        announceCompletion(run->runId, run->completion, result);
    startClaimed(claimed);
    if (m_started)
        wake();
}

Result<CompletionResult, StoreError> Scheduler::completeRun(qint64 runId,
                                                            const RunCompletion &completion)
{
    auto completed = m_runs.complete(runId, completion, m_clock.wallMs(), m_random());
    if (!completed)
        return completed;
    announceCompletion(runId, completion, completed.value());
    if (m_started)
        wake();
    return completed;
}

void Scheduler::announceCompletion(qint64 runId, const RunCompletion &completion,
                                   const CompletionResult &result)
{
    if (result.alreadyFinished)
        return;
    events::publishLogs(m_events, runId, completion.logs);
    publishCompletion(result);
    emit runFinished(runId, runStatusName(result.status.value()));
}

void Scheduler::publishCompletion(const CompletionResult &result)
{
    if (result.run)
        events::publishRun(m_events, QStringLiteral("finished"), *result.run);
    if (result.retry)
        events::publishRun(m_events, QStringLiteral("created"), *result.retry);
    // The runs of watchers chained after it, and what their "replace" ended.
    for (const RunRecord &run : result.chained.created)
        events::publishRun(m_events, QStringLiteral("created"), run);
    stopExecutions(result.chained.replacedRunning);
    if (result.notification)
        events::publishNotification(m_events, QStringLiteral("created"), &*result.notification);
}

} // namespace hearth::scheduler
