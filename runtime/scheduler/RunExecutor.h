#pragma once

#include "store/RunRepository.h"

#include <QObject>

namespace hearth::scheduler {

// Where the runs of one kind of watcher execute: Lua scripts in sandbox
// hosts (LuaExecutor). Agent runs have no executor in hearthd: device
// workers claim them over the API.
// Lives on the scheduler's thread; `finished` is emitted there.
class RunExecutor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The watcher kind whose runs this executor takes ("lua").
    virtual QString kind() const = 0;
    // Who the runs' claimed_by names.
    virtual QString claimer() const = 0;
    // Where more runs can go now.
    virtual RunRepository::Places freePlaces() const = 0;
    // Starts a claimed run; `finished` follows exactly once unless the run
    // is cancelled first (then it may still follow, and is ignored).
    virtual void start(const RunRepository::Claimed &claimed) = 0;
    // Asks a run to stop soon; its completion will find it already finished.
    virtual void cancel(qint64 runId) = 0;
    virtual QList<qint64> activeRuns() const = 0;

signals:
    void finished(qint64 runId, const hearth::RunCompletion &completion);
};

} // namespace hearth::scheduler
