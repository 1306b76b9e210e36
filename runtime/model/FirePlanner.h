#pragma once

#include "RunStatus.h"
#include "WatcherSpec.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace hearth::scheduler {

// The runs one due watcher gets at a tick, and where its schedule goes next.
struct FirePlan
{
    struct Fire
    {
        qint64 scheduledFor = 0; // ms since the epoch
        RunTrigger trigger = RunTrigger::Schedule; // or CatchUp
        QByteArray eventJson = "{}";
    };
    QList<Fire> fires; // oldest first
    std::optional<qint64> nextRunAt; // none: the schedule has no more fires
    qint64 lastDue = 0; // the latest due instant, becomes last_fired_at
    qint64 missed = 0; // fires more than LateGraceMs late
};

// A fire seen more than this late was missed (hearthd was not running, the
// machine slept, the clock jumped) and follows the catch-up policy instead of
// running as a scheduled fire.
constexpr qint64 LateGraceMs = 60'000;

// Every fire from `firstDue` (the watcher's next_run_at) up to nowMs: fires at
// most LateGraceMs late run as "schedule" runs, older ones are missed and
// become "catch_up" runs per the policy (once: one run for the latest missed
// instant; all: one per missed instant, the latest MaxCatchUpRuns; skip:
// none). Pure: the scheduler's tests and the daemon use the same function.
FirePlan planFires(const WatcherSpec &spec, qint64 firstDue, qint64 nowMs);

// The first fire strictly after nowMs, for a new, edited or re-enabled watcher.
std::optional<qint64> firstFireAfter(const Schedule &schedule, qint64 nowMs);

} // namespace hearth::scheduler
