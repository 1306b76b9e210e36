#include "WorkerService.h"

#include "RunScopeService.h"
#include "RunService.h"
#include "ServiceErrors.h"
#include "core/Crypto.h"
#include "core/JsonText.h"
#include "events/RunEvents.h"
#include "model/ResultSchema.h"

#include <QDateTime>

namespace hearth::services {

WorkerService::WorkerService(WorkerRepository &workers, RunRepository &runs,
                             const WatcherRepository &watchers, const RunService &runService,
                             RunControl &runControl, WorkerPresence &presence,
                             events::EventBus &events, qint64 leaseMs)
    : m_workers(workers)
    , m_runs(runs)
    , m_watchers(watchers)
    , m_runService(runService)
    , m_runControl(runControl)
    , m_presence(presence)
    , m_events(events)
    , m_leaseMs(leaseMs)
{
}

Result<WorkerRepository::Registration, Error>
WorkerService::registerWorker(const QString &name, const QStringList &kinds) const
{
    return m_workers.registerWorker(name, kinds, m_runControl.nowMs())
        .transform_error(&Error::internal);
}

Result<std::optional<WorkerRecord>, Error>
WorkerService::authenticate(const QByteArray &token) const
{
    auto worker = m_workers.authenticate(token);
    if (!worker)
        return fail(Error::internal(worker.error()));
    // Being seen is a side note: a failure to record it refuses nothing.
    if (worker.value())
        (void)m_workers.touch(worker.value()->id, m_runControl.nowMs());
    return worker.value();
}

bool WorkerService::isOnline(const WorkerRecord &worker) const
{
    return m_presence.isPolling(worker.id) ||
        (worker.lastSeenAt && m_runControl.nowMs() - *worker.lastSeenAt < OnlineWindowMs);
}

Result<WorkerService::WorkerState, Error> WorkerService::stateOf(const WorkerRecord &worker) const
{
    auto active = m_runs.activeRunsOfWorker(worker.id);
    if (!active)
        return fail(Error::internal(active.error()));
    return WorkerState { worker, isOnline(worker), active.value() };
}

Result<QList<WorkerService::WorkerState>, Error> WorkerService::list() const
{
    auto workers = m_workers.list();
    if (!workers)
        return fail(Error::internal(workers.error()));
    QList<WorkerState> states;
    for (const WorkerRecord &worker : std::as_const(workers.value())) {
        auto state = stateOf(worker);
        if (!state)
            return fail(state.error());
        states.append(state.value());
    }
    return states;
}

Result<WorkerService::WorkerState, Error> WorkerService::update(const WorkerRecord &caller,
                                                                qint64 workerId,
                                                                const QString &name,
                                                                const QStringList &kinds) const
{
    if (caller.id != workerId)
        return fail(Error {
            ErrorCode::NotThisWorker,
            QStringLiteral("the token belongs to worker %1, not %2").arg(caller.id).arg(workerId),
            {} });
    auto updated = m_workers.update(caller.id, name, kinds);
    if (!updated)
        return fail(Error::internal(updated.error()));
    if (!updated.value())
        return fail(Error::notFound(QStringLiteral("no worker %1").arg(workerId)));
    WorkerRecord worker = caller;
    worker.name = name;
    worker.agentKinds = kinds;
    m_presence.notify();
    return stateOf(worker);
}

Result<void, Error> WorkerService::remove(qint64 workerId) const
{
    auto removed = m_workers.remove(workerId);
    if (!removed)
        return fail(Error::internal(removed.error()));
    if (!removed.value())
        return fail(Error::notFound(QStringLiteral("no worker %1").arg(workerId)));
    auto active = m_runs.activeRunsOfWorker(workerId);
    if (!active)
        return fail(Error::internal(active.error()));
    return m_runService.cancelActive(active.value());
}

Result<std::optional<WorkerService::ClaimedRun>, Error>
WorkerService::claimNext(const WorkerRecord &worker) const
{
    const QByteArray runToken = RunScopeService::newToken();
    auto claimed =
        m_runs.claimForWorker(worker.id, worker.agentKinds, worker.claimer(), m_runControl.nowMs(),
                              m_leaseMs, crypto::tokenHash(runToken));
    if (!claimed)
        return fail(Error::internal(claimed.error()));
    if (!claimed.value())
        return std::optional<ClaimedRun>();
    events::publishRun(m_events, QStringLiteral("started"), claimed.value()->run);
    // The lease now has to be renewed or expire: the scheduler's timer must
    // know about it.
    m_runControl.wake();
    return std::optional<ClaimedRun>(ClaimedRun { *claimed.value(), runToken });
}

Result<RunRecord, Error> WorkerService::heldRun(const WorkerRecord &worker, qint64 runId) const
{
    auto run = existing(m_runs.get(runId), "run", runId);
    if (!run)
        return run;
    if (run->claimedBy != worker.claimer())
        return fail(
            Error { ErrorCode::NotClaimer,
                    QStringLiteral("run %1 is not held by worker %2").arg(runId).arg(worker.id),
                    {} });
    return run;
}

namespace {
// Why a worker must stop working on a run the runtime ended.
Error notRunning(const RunRecord &run)
{
    if (run.errorCode == u"lease_expired")
        return { ErrorCode::LeaseExpired,
                 QStringLiteral("run %1's lease expired before this call; it was given up on "
                                "(and retried if attempts were left)")
                     .arg(run.id),
                 {} };
    return { ErrorCode::RunNotRunning,
             QStringLiteral("run %1 is %2; stop working on it")
                 .arg(run.id)
                 .arg(scheduler::runStatusName(run.status)),
             {} };
}
} // namespace

Result<qint64, Error> WorkerService::heartbeat(const WorkerRecord &worker, qint64 runId,
                                               const QList<lua::LogLine> &lines) const
{
    if (auto held = heldRun(worker, runId); !held)
        return fail(held.error());
    const qint64 leaseExpiresAt = m_runControl.nowMs() + m_leaseMs;
    auto renewed = m_runs.heartbeat(runId, worker.claimer(), leaseExpiresAt, lines);
    if (!renewed)
        return fail(Error::internal(renewed.error()));
    if (!renewed.value()) {
        auto now = existing(m_runs.get(runId), "run", runId);
        return fail(now ? notRunning(now.value()) : now.error());
    }
    events::publishLogs(m_events, runId, lines);
    m_runControl.wake();
    return leaseExpiresAt;
}

namespace {

// Where a result that did not match is shown whole in the log's data.
constexpr qsizetype MaxLoggedResultBytes = 64 * 1024;

// Why a succeeded run's result does not match the schema (none: it does).
QStringList schemaProblems(const QJsonObject &schemaJson, const QByteArray &resultJson)
{
    auto schema = ResultSchema::parse(schemaJson);
    if (!schema)
        return { QStringLiteral("the watcher's result_schema cannot be read: ") + schema.error() };
    // The completion's result was read as JSON when the request came in.
    return schema->problems(jsonValueOrNull(resultJson));
}

// The run fails closed; its log says why and keeps what the agent answered
// (its whole output stays the run's output).
void failAsMismatch(RunCompletion &completion, const QStringList &problems)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    completion.succeeded = false;
    completion.errorCode = QStringLiteral("schema_mismatch");
    const QString message = QStringLiteral("the result does not match the result_schema: ") +
        problems.join(QStringLiteral("; "));
    completion.errorMessage = message.left(8 * 1024);
    for (const QString &problem : problems)
        completion.logs.append(
            { LogLevel::Error, QStringLiteral("result_schema: ") + problem, {}, now });
    lua::LogLine answer {
        LogLevel::Info, QStringLiteral("the result as the agent gave it"), {}, now
    };
    if (completion.resultJson.size() <= MaxLoggedResultBytes)
        answer.dataJson = completion.resultJson;
    else
        answer.message +=
            QStringLiteral(" (%1 bytes; see the run's output)").arg(completion.resultJson.size());
    completion.logs.append(answer);
    completion.resultJson = "null";
}

} // namespace

Result<WorkerService::Completed, Error> WorkerService::complete(const WorkerRecord &worker,
                                                                qint64 runId,
                                                                const RunCompletion &reported) const
{
    auto held = heldRun(worker, runId);
    if (!held)
        return fail(held.error());
    RunCompletion completion = reported;
    if (completion.succeeded) {
        auto schema = resultSchemaOf(held.value());
        if (!schema)
            return fail(schema.error());
        if (!schema->isEmpty()) {
            if (const QStringList problems = schemaProblems(schema.value(), completion.resultJson);
                !problems.isEmpty())
                failAsMismatch(completion, problems);
        }
    }
    auto completed = m_runControl.completeRun(runId, completion);
    if (!completed)
        return fail(fromStore(completed.error(), ErrorCode::RunNotRunning));
    auto after = existing(m_runs.get(runId), "run", runId);
    if (!after)
        return fail(after.error());
    if (!completed->alreadyFinished)
        return Completed { after.value(), false };
    // Finished already: by this worker's earlier completion (a retried
    // request, answered the same way), or by the runtime (lease expired,
    // cancelled), which the worker must hear about.
    const RunRecord &finished = after.value();
    const bool byRuntime = finished.status == scheduler::RunStatus::Cancelled ||
        scheduler::isActive(finished.status) || finished.errorCode == u"lease_expired" ||
        finished.errorCode == u"malformed_completion";
    if (byRuntime)
        return fail(notRunning(finished));
    return Completed { finished, true };
}

Result<QJsonObject, Error> WorkerService::resultSchemaOf(const RunRecord &run) const
{
    if (run.isEscalation()) {
        // Its verdict: the schema the escalation named, or the default one.
        const auto task = scheduler::EscalationTask::fromStored(run.taskJson);
        return task ? task->verdictSchema() : scheduler::defaultVerdictSchema();
    }
    auto watcher = m_watchers.get(run.watcherId);
    if (!watcher)
        return fail(Error::internal(watcher.error()));
    const scheduler::AgentTask *task = watcher.value() ? watcher.value()->spec.agent() : nullptr;
    return task ? task->resultSchema : QJsonObject();
}

void WorkerService::failMalformed(const WorkerRecord &worker, qint64 runId,
                                  const QString &problem) const
{
    if (!heldRun(worker, runId))
        return;
    RunCompletion malformed;
    malformed.errorCode = QStringLiteral("malformed_completion");
    malformed.errorMessage = QStringLiteral("the worker's completion was malformed: ") + problem;
    // If it cannot be recorded, the lease expiring ends the run instead.
    (void)m_runControl.completeRun(runId, malformed);
}

} // namespace hearth::services
