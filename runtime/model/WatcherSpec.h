#pragma once

#include "Schedule.h"
#include "core/Validation.h"
#include "model/ScriptTypes.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <functional>
#include <optional>

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

// Everything a user sets on a watcher, validated. The JSON form is what the
// API takes and answers (snake_case fields, defaults filled in).
struct WatcherSpec
{
    static constexpr int MaxCatchUpRuns = 10;
    static constexpr qsizetype MaxNameChars = 100;
    static constexpr qsizetype MaxScriptBytes = 256 * 1024;
    static constexpr qsizetype MaxPromptBytes = 64 * 1024;
    static constexpr int MaxEnvSecrets = 32;
    static constexpr qint64 DefaultAgentTimeoutSeconds = 600;
    static constexpr qint64 MaxAgentTimeoutSeconds = 24 * 3600;

    QString name;
    QString kind = QStringLiteral("lua");
    // kind "lua"
    QString script;
    // kind "agent": what the agent is asked, which agent profile runs it
    // (claude, codex or a custom profile's name), on which device worker,
    // with which secrets in its environment (variable → secret name) and
    // in which directory on that device (empty: the worker's default).
    QString prompt;
    QString agentKind;
    std::optional<qint64> deviceWorkerId;
    QMap<QString, QString> envSecrets;
    QString workdir;
    Schedule schedule;
    bool enabled = true;
    // The run's limits; timeoutMs is the watcher's timeout_s (the only one
    // that applies to agent runs).
    lua::Limits limits;
    int maxAttempts = 3;
    qint64 backoffBaseSeconds = 30;
    qint64 backoffMaxSeconds = 3600;
    Concurrency concurrency = Concurrency::Forbid;
    CatchUp catchUp = CatchUp::Once;
    NotifyPolicy notifyPolicy = NotifyPolicy::OnFailure;
    qint64 notifyMinIntervalSeconds = 0;
    int notifyDailyBudget = 20;

    // Checks every field (unknown ones too) against hearthd's ceilings; the
    // script must compile. Errors name the field.
    static Result<WatcherSpec, FieldError> fromJson(const QJsonObject &json,
                                                    const lua::Limits &ceilings,
                                                    const SyntaxChecker &checkSyntax);
    // A spec read back from the database: checked for shape only, so that a
    // lowered ceiling or a newer Lua does not make stored watchers unreadable
    // (the run clamps limits to the ceilings in force when it starts).
    static Result<WatcherSpec, FieldError> fromStored(const QJsonObject &json);
    // For PATCH: the stored spec with `patch`'s fields replacing its own.
    static Result<WatcherSpec, FieldError> patched(const WatcherSpec &current,
                                                   const QJsonObject &patch,
                                                   const lua::Limits &ceilings,
                                                   const SyntaxChecker &checkSyntax);
    QJsonObject toJson() const;
    bool isAgent() const { return kind == u"agent"; }

private:
    // Without a checker (stored specs) scripts are not compiled.
    static Result<WatcherSpec, FieldError>
    parse(const QJsonObject &json, const lua::Limits &ceilings, const SyntaxChecker *checkSyntax);
};

} // namespace hearth::scheduler
