#include "LuaExecutor.h"

#include "model/Schedule.h"
#include "sandbox/SandboxPool.h"

#include <QDateTime>
#include <QMetaObject>
#include <algorithm>

namespace hearth::scheduler {

namespace {

// `claimedAt`: the run's started_at as claimed (the scheduler's clock); a
// run that waited in the pool's queue really started that much later.
RunCompletion toCompletion(const lua::ExecutionResult &result, qint64 claimedAt)
{
    RunCompletion completion;
    completion.succeeded = result.outcome == lua::Outcome::Succeeded;
    if (!completion.succeeded) {
        completion.errorCode = lua::outcomeName(result.outcome);
        completion.errorMessage = result.errorMessage;
        if (!result.traceback.isEmpty()) {
            completion.logs.append({ LogLevel::Error,
                                     result.traceback,
                                     {},
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) });
        }
    }
    completion.resultJson = result.resultJson;
    completion.snapshot = result.snapshot;
    completion.markedFeedItems = result.markedFeedItems;
    completion.logs = result.logs + completion.logs;
    completion.durationMs = result.durationMs;
    completion.instructions = result.instructions;
    completion.peakMemory = result.peakMemoryBytes;
    if (result.queuedMicros)
        completion.startedAt = claimedAt + *result.queuedMicros / 1000;
    return completion;
}

} // namespace

LuaExecutor::LuaExecutor(sandbox::SandboxPool &sandboxes, lua::Limits ceilings, QObject *parent)
    : RunExecutor(parent)
    , m_sandboxes(sandboxes)
    , m_ceilings(ceilings)
{
}

LuaExecutor::~LuaExecutor()
{
    for (const auto &ticket : std::as_const(m_active))
        ticket->cancel();
}

RunRepository::Places LuaExecutor::freePlaces() const
{
    const int hosts = m_sandboxes.hostCount();
    const int active = int(m_active.size());
    const int now = std::max(0, hosts - active);
    const int all = std::max(0, hosts + lookahead() - active);
    return { now, all - now, LookaheadHorizonMicros / 1000 };
}

int LuaExecutor::lookahead() const
{
    if (!m_typicalHostMicros)
        return 0;
    const double begunWithinHorizon = double(LookaheadHorizonMicros) * m_sandboxes.hostCount() /
        std::max(1.0, *m_typicalHostMicros);
    return int(std::min(begunWithinHorizon, double(MaxLookahead)));
}

void LuaExecutor::observe(qint64 hostMicros)
{
    // Weighs the last few dozen runs: a change from short to long runs
    // (another watcher's turn) stops the lookahead within a few ends.
    constexpr double Weight = 1.0 / 16;
    m_typicalHostMicros = m_typicalHostMicros
        ? *m_typicalHostMicros + Weight * (double(hostMicros) - *m_typicalHostMicros)
        : double(hostMicros);
}

void LuaExecutor::start(const RunRepository::Claimed &claimed)
{
    const RunRecord &run = claimed.run;
    const WatcherSpec &spec = claimed.watcher.spec;
    lua::ScriptContext context;
    context.runId = QString::number(run.id);
    context.attempt = run.attempt;
    context.trigger = runTriggerName(run.trigger);
    context.scheduledFor = rfc3339FromMs(run.scheduledFor);
    context.watcherId = QString::number(claimed.watcher.id);
    context.watcherName = spec.name;
    context.eventJson = run.eventJson;
    context.lastResultJson = claimed.lastResultJson;
    context.lastSnapshot = claimed.lastSnapshot;
    // Only runs of lua watchers are claimed for this executor.
    const LuaTask task = spec.lua() ? *spec.lua() : LuaTask {};
    // A watcher saved under higher ceilings runs within today's.
    const lua::Limits limits { std::min(task.limits.instructions, m_ceilings.instructions),
                               std::min(task.limits.memoryBytes, m_ceilings.memoryBytes),
                               std::min(task.limits.timeoutMs, m_ceilings.timeoutMs) };
    const qint64 runId = run.id;
    const qint64 claimedAt = run.startedAt.value_or(0);
    m_active.insert(
        run.id,
        m_sandboxes.submit(task.script.toUtf8(), context, limits,
                           [this, runId, claimedAt](lua::ExecutionResult result) {
                               // Back to the scheduler's thread.
                               QMetaObject::invokeMethod(
                                   this,
                                   [this, runId, claimedAt, result = std::move(result)]() {
                                       m_active.remove(runId);
                                       if (result.queuedMicros)
                                           observe(result.hostMicros);
                                       emit finished(runId, toCompletion(result, claimedAt));
                                   },
                                   Qt::QueuedConnection);
                           }));
}

void LuaExecutor::cancel(qint64 runId)
{
    if (const auto ticket = m_active.value(runId))
        ticket->cancel();
}

} // namespace hearth::scheduler
