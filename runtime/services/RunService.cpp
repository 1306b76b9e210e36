#include "RunService.h"

#include "ServiceErrors.h"
#include "events/RunEvents.h"

namespace hearth::services {

RunService::RunService(RunRepository &runs, RunControl &runControl, events::EventBus &events)
    : m_runs(runs)
    , m_runControl(runControl)
    , m_events(events)
{
}

Result<RunRecord, Error> RunService::get(qint64 runId) const
{
    return existing(m_runs.get(runId), "run", runId);
}

Result<QList<RunRecord>, Error> RunService::list(const RunFilter &filter, bool *more) const
{
    return m_runs.list(filter, more).transform_error(&Error::internal);
}

Result<QList<RunLogRecord>, Error> RunService::logs(qint64 runId, int afterSeq) const
{
    return m_runs.logs(runId, afterSeq).transform_error(&Error::internal);
}

Result<RunRecord, Error> RunService::cancel(qint64 runId) const
{
    auto cancelled = m_runs.cancel(runId, m_runControl.nowMs());
    if (!cancelled)
        return fail(fromStore(cancelled.error(), ErrorCode::RunFinished));
    if (cancelled->wasRunning)
        m_runControl.stopExecutions({ runId });
    events::publishRun(m_events, QStringLiteral("finished"), cancelled->run);
    m_runControl.wake();
    return cancelled->run;
}

Result<void, Error> RunService::cancelActive(const QList<qint64> &runIds) const
{
    for (qint64 runId : runIds) {
        auto cancelled = cancel(runId);
        if (!cancelled && cancelled.error().code == ErrorCode::Internal)
            return fail(cancelled.error());
    }
    return {};
}

Result<RunRecord, Error> RunService::retry(qint64 runId, const Actor &actor) const
{
    auto retry = m_runs.redrive(runId, m_runControl.nowMs(), actor);
    if (!retry)
        return fail(fromStore(retry.error(), ErrorCode::NotRetryable));
    events::publishRun(m_events, QStringLiteral("created"), retry.value());
    m_runControl.wake();
    return retry.value();
}

} // namespace hearth::services
