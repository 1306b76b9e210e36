#pragma once

#include "ChainTrigger.h"
#include "FolderTrigger.h"
#include "Schedule.h"
#include "WebhookTrigger.h"
#include "core/Validation.h"
#include "model/ScriptTypes.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <functional>
#include <optional>
#include <variant>

namespace hearth::scheduler {

// Compiles a script (in a sandbox host: hearthd runs no Lua) and says why it
// does not compile, or nothing.
using SyntaxChecker = std::function<QString(const QByteArray &source)>;

// What a run does when the previous one is still active at a fire.
enum class Concurrency {
    Forbid, // the fire is recorded as a skipped run
    Queue, // the run waits for the active one
    Replace, // the active run is cancelled
};
// What happens to fires missed while hearthd was not running or asleep.
enum class CatchUp {
    Once, // one catch_up run for all of them
    Skip, // none
    All, // one run per missed fire, at most MaxCatchUpRuns
};
enum class NotifyPolicy { OnFailure, Always, Never, OnChange };
// The API's spelling of each ("forbid", "once", "on_failure", …).
QString concurrencyName(Concurrency concurrency);
QString catchUpName(CatchUp catchUp);
QString notifyPolicyName(NotifyPolicy policy);

// What kind of work a watcher's runs do. Each kind is one alternative of
// WatcherTask (its fields, validated by its own parser in WatcherSpec.cpp's
// kind table) and one RunExecutor registered by kind (or, for agents, the
// device workers that claim its runs).
enum class WatcherKind { Lua, Agent };
QString watcherKindName(WatcherKind kind);

// kind "lua": a script the sandbox hosts run within its limits.
struct LuaTask
{
    static constexpr WatcherKind Kind = WatcherKind::Lua;
    static constexpr qsizetype MaxScriptBytes = 256 * 1024;

    // agent.escalate calls it may make in any 24 hours
    // (escalations.daily_budget); hearthd's own budget for all watchers
    // applies too.
    static constexpr int DefaultEscalationsPerDay = 10;
    static constexpr int MaxEscalationsPerDay = 1000;

    QString script;
    // timeoutMs is the watcher's timeout_s.
    lua::Limits limits;
    int escalationsPerDay = DefaultEscalationsPerDay;
};

// An agent profile's name as watchers and escalations give it: "claude",
// "codex" or a custom profile's.
bool isAgentProfileName(const QString &name);
// What an agent is asked, as watchers and escalations give it: non-empty
// text of at most AgentTask::MaxPromptBytes (errors name "prompt").
Result<QString, FieldError> agentPrompt(const QJsonValue &value);

// kind "agent": what a local CLI agent is asked, which agent profile runs it
// (claude, codex or a custom profile's name), on which device worker, with
// which secrets in its environment (variable → secret name) and in which
// directory on that device (empty: the worker's default).
struct AgentTask
{
    static constexpr WatcherKind Kind = WatcherKind::Agent;
    static constexpr qsizetype MaxPromptBytes = 64 * 1024;
    static constexpr int MaxEnvSecrets = 32;
    static constexpr qint64 DefaultTimeoutSeconds = 600;
    static constexpr qint64 MaxTimeoutSeconds = 24 * 3600;

    QString prompt;
    QString agentKind;
    std::optional<qint64> deviceWorkerId;
    QMap<QString, QString> envSecrets;
    QString workdir;
    qint64 timeoutMs = DefaultTimeoutSeconds * 1000;
    // A JSON Schema its result must match (empty: any result); checked
    // with ResultSchema when saved.
    QJsonObject resultSchema;
};

using WatcherTask = std::variant<LuaTask, AgentTask>;

// What starts a watcher other than a schedule or a person: another
// watcher's runs, changes in a folder, or a webhook.
using WatcherTrigger = std::variant<ChainTrigger, FolderTrigger, WebhookTrigger>;

// How much of a watcher's run history is kept: the newest `keepRuns` runs,
// none older than `keepDays`. Unset: hearthd's own (--keep-runs-per-watcher,
// --run-retention-days), with the same bounds.
struct HistoryLimits
{
    static constexpr int MinKeepRuns = 10;
    static constexpr int MaxKeepRuns = 1'000'000;
    static constexpr int MinKeepDays = 1;
    static constexpr int MaxKeepDays = 3650;

    std::optional<int> keepRuns;
    std::optional<int> keepDays;
    // Snapshots (the latest is always kept).
    static constexpr int MinKeepSnapshots = 1;
    static constexpr int MaxKeepSnapshots = 100'000;
    std::optional<int> keepSnapshots;
    std::optional<int> keepSnapshotDays;
};

// Everything a user sets on a watcher, validated. The JSON form is what the
// API takes and answers (snake_case fields, defaults filled in).
struct WatcherSpec
{
    static constexpr int MaxCatchUpRuns = 10;
    static constexpr qsizetype MaxNameChars = 100;
    // The largest watcher body of any kind (the API's body cap is twice it).
    static constexpr qsizetype MaxTaskBytes = LuaTask::MaxScriptBytes;

    QString name;
    WatcherTask task;
    // What starts it besides a person: exactly one of a schedule and a
    // trigger.
    std::optional<Schedule> schedule;
    std::optional<WatcherTrigger> trigger;
    bool enabled = true;
    int maxAttempts = 3;
    qint64 backoffBaseSeconds = 30;
    qint64 backoffMaxSeconds = 3600;
    Concurrency concurrency = Concurrency::Forbid;
    CatchUp catchUp = CatchUp::Once;
    NotifyPolicy notifyPolicy = NotifyPolicy::OnFailure;
    qint64 notifyMinIntervalSeconds = 0;
    int notifyDailyBudget = 20;
    // The channels its notifications go to besides the desktop, by name;
    // none given: the default channels.
    static constexpr int MaxNotifyChannels = 20;
    std::optional<QStringList> notifyChannels;
    HistoryLimits history;

    // Checks every field (unknown ones too) against hearthd's ceilings; the
    // script must compile. Errors name the field.
    static Result<WatcherSpec, FieldError> fromJson(const QJsonObject &json,
                                                    const lua::Limits &ceilings,
                                                    const SyntaxChecker &checkSyntax);
    // A spec read back from the database: checked for shape only, so that a
    // lowered ceiling or a newer Lua does not make stored watchers unreadable
    // (the run clamps limits to the ceilings in force when it starts).
    static Result<WatcherSpec, FieldError> fromStored(const QJsonObject &json);
    // The "notify" object of toJson().
    QJsonObject notifyJson() const;
    // For PATCH: the stored spec with `patch`'s fields replacing its own.
    static Result<WatcherSpec, FieldError> patched(const WatcherSpec &current,
                                                   const QJsonObject &patch,
                                                   const lua::Limits &ceilings,
                                                   const SyntaxChecker &checkSyntax);
    QJsonObject toJson() const;

    WatcherKind kind() const;
    bool isAgent() const { return kind() == WatcherKind::Agent; }
    // The task of its kind, or null.
    const LuaTask *lua() const { return std::get_if<LuaTask>(&task); }
    LuaTask *lua() { return std::get_if<LuaTask>(&task); }
    const AgentTask *agent() const { return std::get_if<AgentTask>(&task); }
    AgentTask *agent() { return std::get_if<AgentTask>(&task); }
    // The trigger of its kind, or null.
    const ChainTrigger *chain() const
    {
        return trigger ? std::get_if<ChainTrigger>(&*trigger) : nullptr;
    }
    const FolderTrigger *folder() const
    {
        return trigger ? std::get_if<FolderTrigger>(&*trigger) : nullptr;
    }
    const WebhookTrigger *webhook() const
    {
        return trigger ? std::get_if<WebhookTrigger>(&*trigger) : nullptr;
    }
    WebhookTrigger *webhook() { return trigger ? std::get_if<WebhookTrigger>(&*trigger) : nullptr; }
    // The watcher's timeout_s, whatever its kind.
    qint64 timeoutMs() const;

private:
    // Without a checker (stored specs) scripts are not compiled.
    static Result<WatcherSpec, FieldError>
    parse(const QJsonObject &json, const lua::Limits &ceilings, const SyntaxChecker *checkSyntax);
};

} // namespace hearth::scheduler
