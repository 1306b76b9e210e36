#pragma once

#include "RunControl.h"
#include "WorkerPresence.h"
#include "core/Error.h"
#include "core/Result.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"
#include "store/WorkerRepository.h"

#include <QList>
#include <optional>

namespace hearth {
namespace events {
class EventBus;
}
} // namespace hearth

namespace hearth::services {

class RunService;

// What device workers do, each written once: registering and changing
// themselves, being removed (their active runs cancelled), claiming an agent
// run, heartbeating it (the lease renewed, its log lines recorded and
// published) and completing it (through the scheduler, which records,
// announces and retries). Calls on a run need the worker that holds it.
class WorkerService
{
public:
    // A worker as the API shows it.
    struct WorkerState
    {
        WorkerRecord worker;
        bool online = false; // polling now, or seen within OnlineWindowMs
        QList<qint64> activeRuns;
    };
    // How a completion was taken.
    struct Completed
    {
        RunRecord run;
        // The run had already been completed by this worker (a retried
        // request): nothing changed.
        bool idempotent = false;
    };

    // A worker that neither polls nor heartbeats for this long is offline.
    static constexpr qint64 OnlineWindowMs = 45'000;

    WorkerService(WorkerRepository &workers, RunRepository &runs, const WatcherRepository &watchers,
                  const RunService &runService, RunControl &runControl, WorkerPresence &presence,
                  events::EventBus &events, qint64 leaseMs);

    qint64 leaseMs() const { return m_leaseMs; }
    qint64 nowMs() const { return m_runControl.nowMs(); }

    Result<WorkerRepository::Registration, Error> registerWorker(const QString &name,
                                                                 const QStringList &kinds) const;
    // The worker a bearer token names, recorded as seen now; none for a
    // token no worker has.
    Result<std::optional<WorkerRecord>, Error> authenticate(const QByteArray &token) const;
    Result<QList<WorkerState>, Error> list() const;
    // A worker changes itself (NotThisWorker for another's id); runs of a
    // kind it did not take before may be claimable now.
    Result<WorkerState, Error> update(const WorkerRecord &caller, qint64 workerId,
                                      const QString &name, const QStringList &kinds) const;
    // Its pending and running runs are cancelled (a running agent learns it
    // at its next heartbeat); watchers pinned to it keep the pin.
    Result<void, Error> remove(qint64 workerId) const;

    // An agent run a worker took, and the run token for the run's own MCP
    // server (RunScopeService), valid while the run runs.
    struct ClaimedRun
    {
        RunRepository::Claimed claimed;
        QByteArray runToken;
    };
    // The next agent run this worker may take, now leased to it and
    // announced as started; none while there is none.
    Result<std::optional<ClaimedRun>, Error> claimNext(const WorkerRecord &worker) const;
    // Renews the lease of a run the worker holds and records its new log
    // lines; when the lease now ends.
    Result<qint64, Error> heartbeat(const WorkerRecord &worker, qint64 runId,
                                    const QList<lua::LogLine> &lines) const;
    // A succeeded run whose result does not match its watcher's
    // result_schema (an escalation: its verdict schema) is recorded failed
    // (schema_mismatch): the runtime does not take an agent's word for its
    // result's shape.
    Result<Completed, Error> complete(const WorkerRecord &worker, qint64 runId,
                                      const RunCompletion &completion) const;
    // A worker that cannot say how the run ended must not leave it running
    // until its lease expires: it fails as malformed_completion.
    void failMalformed(const WorkerRecord &worker, qint64 runId, const QString &problem) const;
    // The run, which the worker must hold (have claimed): NotFound or
    // NotClaimer otherwise.
    Result<RunRecord, Error> heldRun(const WorkerRecord &worker, qint64 runId) const;

private:
    bool isOnline(const WorkerRecord &worker) const;
    // What a run's result must match (empty: anything): its agent
    // watcher's result_schema, or an escalation's verdict schema.
    Result<QJsonObject, Error> resultSchemaOf(const RunRecord &run) const;
    Result<WorkerState, Error> stateOf(const WorkerRecord &worker) const;

    WorkerRepository &m_workers;
    RunRepository &m_runs;
    const WatcherRepository &m_watchers;
    const RunService &m_runService;
    RunControl &m_runControl;
    WorkerPresence &m_presence;
    events::EventBus &m_events;
    qint64 m_leaseMs;
};

} // namespace hearth::services
