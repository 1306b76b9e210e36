#pragma once

#include "RunControl.h"
#include "core/Error.h"
#include "store/RunRepository.h"

namespace hearth {
namespace events {
class EventBus;
}
} // namespace hearth

namespace hearth::services {

// What can be done to a run once it exists, each written once: the store's
// transaction, then stopping its execution, the event, and the scheduler's
// wake-up (a freed slot or a new attempt changes what runs next).
class RunService
{
public:
    RunService(RunRepository &runs, RunControl &runControl, events::EventBus &events);

    Result<RunRecord, Error> get(qint64 runId) const;
    // Newest first; `more` says whether older runs match too.
    Result<QList<RunRecord>, Error> list(const RunFilter &filter, bool *more) const;
    // The run must exist.
    Result<QList<RunLogRecord>, Error> logs(qint64 runId, int afterSeq) const;

    // A pending or running run; a running one's execution (sandbox host or
    // device worker) is stopped. RunFinished if it already ended.
    Result<RunRecord, Error> cancel(qint64 runId) const;
    // Cancels each run still active; runs that ended meanwhile are left as
    // they are. Stops at the first storage failure.
    Result<void, Error> cancelActive(const QList<qint64> &runIds) const;
    // A new attempt of a failed or dead run, due now, started by `actor`.
    // NotRetryable if it did not fail or has a later attempt already, or
    // its watcher awaits approval.
    Result<RunRecord, Error> retry(qint64 runId, const Actor &actor) const;

private:
    RunRepository &m_runs;
    RunControl &m_runControl;
    events::EventBus &m_events;
};

} // namespace hearth::services
