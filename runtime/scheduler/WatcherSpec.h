#pragma once

#include "Schedule.h"
#include "core/Validation.h"
#include "lua/Sandbox.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace hearth::scheduler {

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

    QString name;
    QString kind = QStringLiteral("lua");
    QString script;
    Schedule schedule;
    bool enabled = true;
    // The run's limits; timeoutMs is the watcher's timeout_s.
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
                                                    const lua::Limits &ceilings);
    // A spec read back from the database: checked for shape only, so that a
    // lowered ceiling or a newer Lua does not make stored watchers unreadable
    // (the run clamps limits to the ceilings in force when it starts).
    static Result<WatcherSpec, FieldError> fromStored(const QJsonObject &json);
    // For PATCH: the stored spec with `patch`'s fields replacing its own.
    static Result<WatcherSpec, FieldError>
    patched(const WatcherSpec &current, const QJsonObject &patch, const lua::Limits &ceilings);
    QJsonObject toJson() const;

private:
    enum class SyntaxCheck { Compile, Skip };
    static Result<WatcherSpec, FieldError>
    parse(const QJsonObject &json, const lua::Limits &ceilings, SyntaxCheck syntaxCheck);
};

} // namespace hearth::scheduler
