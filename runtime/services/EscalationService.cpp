#include "EscalationService.h"

#include "ServiceErrors.h"
#include "core/JsonText.h"
#include "events/RunEvents.h"

namespace hearth::services {

EscalationService::EscalationService(RunRepository &runs, const WatcherRepository &watchers,
                                     RunControl &runControl, events::EventBus &events,
                                     int globalBudget)
    : m_runs(runs)
    , m_watchers(watchers)
    , m_runControl(runControl)
    , m_events(events)
    , m_globalBudget(globalBudget)
{
}

Result<EscalationService::Asked, Error> EscalationService::check(const QJsonObject &request)
{
    auto task = scheduler::EscalationTask::fromRequest(request);
    if (!task)
        return fail(fromField(task.error()));
    const QByteArray data = compactJsonText(request.value(QStringLiteral("data")));
    if (data.size() > scheduler::EscalationTask::MaxDataBytes)
        return fail(Error::invalid(QStringLiteral("data"),
                                   QStringLiteral("is %1 bytes as JSON; the limit is %2")
                                       .arg(data.size())
                                       .arg(scheduler::EscalationTask::MaxDataBytes)));
    return Asked { task.value(), data };
}

Result<Escalation, Error> EscalationService::escalate(qint64 watcherId, qint64 runId,
                                                      const Asked &asked) const
{
    auto watcher = existing(m_watchers.get(watcherId), "watcher", watcherId);
    if (!watcher)
        return fail(watcher.error());
    const scheduler::LuaTask *script = watcher->spec.lua();
    if (!script)
        return fail(Error {
            ErrorCode::Conflict, QStringLiteral("only a Lua watcher's run escalates"), {} });
    EscalationRequest request;
    request.watcherId = watcherId;
    request.luaRunId = runId;
    request.task = asked.task;
    request.dataJson = asked.dataJson;
    request.watcherBudget = script->escalationsPerDay;
    request.globalBudget = m_globalBudget;
    request.nowMs = m_runControl.nowMs();
    auto escalated = m_runs.escalate(request);
    if (!escalated)
        return fail(fromStore(escalated.error(), ErrorCode::RunNotRunning));
    if (escalated->run) {
        events::publishRun(m_events, QStringLiteral("created"), *escalated->run);
        m_runControl.wake();
    }
    return escalated.value();
}

Result<EscalationService::Usage, Error> EscalationService::usage() const
{
    auto count = m_runs.countEscalationsSince(m_runControl.nowMs() -
                                              scheduler::EscalationTask::BudgetWindowMs);
    if (!count)
        return fail(Error::internal(count.error()));
    return Usage { count.value(), m_globalBudget };
}

} // namespace hearth::services
