#pragma once

#include <QList>
#include <QtGlobal>

namespace hearth::services {

// What the use cases need of whatever executes runs (the scheduler, which
// sits above the services and implements this): the time, a nudge to look
// again after a write, and stopping the executions of runs a write ended.
// Every member is thread-safe: API handlers call them on their threads.
class RunControl
{
public:
    virtual ~RunControl() = default;
    virtual qint64 nowMs() const = 0;
    virtual void wake() = 0;
    virtual void stopExecutions(const QList<qint64> &runIds) = 0;
};

} // namespace hearth::services
