#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::scheduler {

// Where a run is in its life. The names are the API's and the database's
// (one table, in RunStatus.cpp); nothing else spells them.
enum class RunStatus {
    Pending, // waiting for its time, a slot, or its device worker
    Running,
    Succeeded,
    Failed, // this attempt failed; a retry follows
    Dead, // the last attempt failed
    Cancelled,
    Skipped, // fired while another run was active under "forbid"
};

QString runStatusName(RunStatus status);
std::optional<RunStatus> runStatusFromName(const QString &name);
// Every name, in the enum's order (for "must be one of" messages).
QStringList runStatusNames();
// Pending or running: not finished yet.
bool isActive(RunStatus status);
// Failed or dead: a person may redrive it (if no later attempt exists).
bool isRetryable(RunStatus status);

// Why a run exists.
enum class RunTrigger {
    Schedule,
    Manual,
    Retry,
    CatchUp, // for fires missed while hearthd was stopped or the machine slept
    After, // the end of another watcher's run (a chained watcher's trigger)
    Folder, // files changed in a watched folder
    Webhook, // a delivery to the watcher's webhook URL
    Escalation, // a Lua run's agent.escalate (an agent's run of the Lua watcher)
};

QString runTriggerName(RunTrigger trigger);
std::optional<RunTrigger> runTriggerFromName(const QString &name);

} // namespace hearth::scheduler
