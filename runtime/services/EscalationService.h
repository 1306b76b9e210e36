#pragma once

#include "RunControl.h"
#include "core/Error.h"
#include "core/Result.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QJsonObject>

namespace hearth::events {
class EventBus;
}

namespace hearth::services {

// agent.escalate, written once: a running Lua run hands a finding to a local
// CLI agent. What the script asked is checked, the agent's run is made within
// the watcher's and hearthd's daily budgets (RunRepository::escalate), then
// announced, and the device workers are woken to claim it.
class EscalationService
{
public:
    EscalationService(RunRepository &runs, const WatcherRepository &watchers,
                      RunControl &runControl, events::EventBus &events, int globalBudget);

    // What a script asked for, checked: the task, and the data as JSON.
    struct Asked
    {
        scheduler::EscalationTask task;
        QByteArray dataJson;
    };
    // `request` is what the script passed ({profile, prompt, data, schema,
    // timeout_s}); InvalidInput names the field. A test run checks it too.
    static Result<Asked, Error> check(const QJsonObject &request);
    // Makes what `check` let through; a refusal (a budget used up, no
    // worker with the profile) is an Escalation without a run.
    Result<Escalation, Error> escalate(qint64 watcherId, qint64 runId, const Asked &asked) const;

    // How much of hearthd's budget the last 24 hours used.
    struct Usage
    {
        int lastDay = 0;
        int budget = 0;
    };
    Result<Usage, Error> usage() const;

private:
    RunRepository &m_runs;
    const WatcherRepository &m_watchers;
    RunControl &m_runControl;
    events::EventBus &m_events;
    const int m_globalBudget;
};

} // namespace hearth::services
