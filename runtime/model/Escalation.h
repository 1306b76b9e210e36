#pragma once

#include "WatcherSpec.h"
#include "core/Result.h"
#include "core/Validation.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

// Escalations (agent.escalate): a Lua run hands a finding to a local CLI
// agent. The agent's run is a run of the same watcher (trigger
// "escalation"); what the agent is asked is stored on it (runs.task) and the
// data it is given is the run's event. Its verdict decides whether a
// notification is raised (RunPolicy's planEscalationEnd).
namespace hearth::scheduler {

struct EscalationTask
{
    // With the prompt's 64 KiB, what the agent is given stays well under a
    // command line argument's limit (128 KiB on Linux).
    static constexpr qsizetype MaxDataBytes = 32 * 1024;
    static constexpr qint64 DefaultTimeoutSeconds = 600;
    // The budgets (LuaTask::escalationsPerDay, hearthd's own) count the
    // escalations of this window before now.
    static constexpr qint64 BudgetWindowMs = 24LL * 3600 * 1000;
    // hearthd's budget for all watchers together (--escalation-budget).
    static constexpr int DefaultGlobalBudget = 100;
    static constexpr int MaxGlobalBudget = 100'000;

    QString agentKind; // the agent profile ("claude", "codex", a custom one)
    QString prompt;
    // The verdict's JSON Schema; empty: defaultVerdictSchema().
    QJsonObject resultSchema;
    qint64 timeoutMs = DefaultTimeoutSeconds * 1000;

    // What a script asked for: {"profile", "prompt", "data", "schema",
    // "timeout_s"} (the data is not read here: it becomes the run's event). Errors name the field
    // as the script wrote it; the schema must be one ResultSchema can check.
    static Result<EscalationTask, FieldError> fromRequest(const QJsonObject &json);
    // The runs.task column and the API's "escalation", and back (nullopt:
    // not a task).
    QByteArray toStored() const;
    static std::optional<EscalationTask> fromStored(const QByteArray &json);
    QJsonObject toJson() const;
    static std::optional<EscalationTask> fromJson(const QJsonObject &json);

    // The schema the verdict is checked against.
    QJsonObject verdictSchema() const;
    // What the device worker runs: the prompt, then the data as JSON.
    AgentTask agentTask(const QByteArray &dataJson) const;
};

// {notify: boolean, title?, body?, level?}: the verdict an escalation that
// names no schema must give.
QJsonObject defaultVerdictSchema();

} // namespace hearth::scheduler
