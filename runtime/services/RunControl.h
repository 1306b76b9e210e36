#pragma once

#include "core/Result.h"
#include "store/RunRepository.h"
#include "store/StoreError.h"

#include <QList>
#include <QtGlobal>

namespace hearth::services {

// What the use cases need of whatever executes runs (the scheduler, which
// sits above the services and implements this): the time, a nudge to look
// again after a write, stopping the executions of runs a write ended, and
// recording the end of a run executed elsewhere.
// Every member is thread-safe: API handlers call them on their threads.
class RunControl
{
public:
    virtual ~RunControl() = default;
    virtual qint64 nowMs() const = 0;
    virtual void wake() = 0;
    // After a write that changed watchers: what starts their runs (the
    // schedule, folder triggers) looks at them again.
    virtual void watchersChanged() = 0;
    virtual void stopExecutions(const QList<qint64> &runIds) = 0;
    // Records the end of a run executed elsewhere (a device worker's agent
    // run), announces it and follows the retry policy; says whether the run
    // had already finished.
    virtual Result<CompletionResult, StoreError> completeRun(qint64 runId,
                                                             const RunCompletion &completion) = 0;
};

} // namespace hearth::services
