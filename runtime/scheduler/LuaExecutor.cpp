#include "LuaExecutor.h"

#include "Schedule.h"
#include "lua/ScriptRunner.h"

#include <QDateTime>
#include <QMetaObject>
#include <algorithm>

namespace hearth::scheduler {

namespace {

RunCompletion toCompletion(const lua::ExecutionResult &result)
{
    RunCompletion completion;
    completion.succeeded = result.outcome == lua::Outcome::Succeeded;
    if (!completion.succeeded) {
        completion.errorCode = lua::outcomeName(result.outcome);
        completion.errorMessage = result.errorMessage;
        if (!result.traceback.isEmpty()) {
            completion.logs.append({ QStringLiteral("error"),
                                     result.traceback,
                                     {},
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) });
        }
    }
    completion.resultJson = result.resultJson;
    completion.logs = result.logs + completion.logs;
    completion.durationMs = result.durationMs;
    completion.instructions = result.instructions;
    completion.peakMemory = result.peakMemoryBytes;
    return completion;
}

} // namespace

LuaExecutor::LuaExecutor(lua::ScriptRunner &runner, lua::Limits ceilings, QObject *parent)
    : RunExecutor(parent)
    , m_runner(runner)
    , m_ceilings(ceilings)
{
}

LuaExecutor::~LuaExecutor()
{
    for (const auto &flag : std::as_const(m_active))
        flag->store(true);
    m_runner.waitForDone();
}

int LuaExecutor::freeSlots() const
{
    return std::max(0, m_runner.threadCount() - int(m_active.size()));
}

void LuaExecutor::start(const RunRepository::Claimed &claimed)
{
    const RunRecord &run = claimed.run;
    const WatcherSpec &spec = claimed.watcher.spec;
    lua::ScriptContext context;
    context.runId = QString::number(run.id);
    context.attempt = run.attempt;
    context.trigger = run.trigger;
    context.scheduledFor = rfc3339FromMs(run.scheduledFor);
    context.watcherId = QString::number(claimed.watcher.id);
    context.watcherName = spec.name;
    context.eventJson = run.eventJson;
    context.lastResultJson = claimed.lastResultJson;
    // A watcher saved under higher ceilings runs within today's.
    const lua::Limits limits { std::min(spec.limits.instructions, m_ceilings.instructions),
                               std::min(spec.limits.memoryBytes, m_ceilings.memoryBytes),
                               std::min(spec.limits.timeoutMs, m_ceilings.timeoutMs) };
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_active.insert(run.id, cancelFlag);
    const qint64 runId = run.id;
    m_runner.submit(spec.script.toUtf8(), context, limits, cancelFlag,
                    [this, runId](lua::ExecutionResult result) {
                        // Back to the scheduler's thread.
                        QMetaObject::invokeMethod(
                            this,
                            [this, runId, result = std::move(result)]() {
                                m_active.remove(runId);
                                emit finished(runId, toCompletion(result));
                            },
                            Qt::QueuedConnection);
                    });
}

void LuaExecutor::cancel(qint64 runId)
{
    if (const auto flag = m_active.value(runId))
        flag->store(true);
}

} // namespace hearth::scheduler
