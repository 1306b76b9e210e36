#pragma once

#include "RunStatus.h"
#include "ScriptTypes.h"
#include "WatcherSpec.h"

#include <QList>
#include <QtGlobal>
#include <optional>

// The pure decisions about a run's outcome: its final status, when to retry,
// whether to notify and in what words. The store applies them in the one
// transaction that ends the attempt; kept apart so that tests can pin them.
namespace hearth::scheduler {

// Capped exponential backoff with full jitter: a delay drawn uniformly from
// [0, min(max, base · 2^(attempt−1))] (AWS's "full jitter": retries of many
// watchers failing together spread out instead of arriving in waves).
// `attempt` is the attempt that failed (1 for the first); `unitRandom` is in
// [0, 1).
qint64 retryDelayMs(const WatcherSpec &spec, int attempt, double unitRandom);

// A watcher's notification bookkeeping, kept on its row.
struct NotifyState
{
    qint64 lastNotifiedAt = 0; // 0: never
    qint64 windowStart = 0; // start of the rolling 24-hour budget window
    int windowCount = 0; // notifications sent in that window
};

enum class NotifyDecision {
    Silent, // the policy does not ask for one
    Notify,
    SuppressedByCooldown, // within notify.min_interval_s of the previous one
    SuppressedByBudget, // notify.daily_budget used up in the last 24 hours
};

// What finished: a run's final status ("succeeded" or "dead"; a failed
// attempt that will be retried notifies nobody) and, for a success, whether
// its result differs from the previous successful run's.
NotifyDecision decideNotification(const WatcherSpec &spec, RunStatus finalStatus,
                                  bool resultChanged, const NotifyState &state, qint64 nowMs);
// A notification that is wanted: sent, or held back by the watcher's
// notify.min_interval_s or notify.daily_budget.
NotifyDecision throttled(const WatcherSpec &spec, const NotifyState &state, qint64 nowMs);
// The state after a notification was sent at nowMs.
NotifyState afterNotification(const NotifyState &state, qint64 nowMs);

constexpr qint64 NotifyWindowMs = 24LL * 3600 * 1000;

// What is known when an attempt of a run ends.
struct AttemptEnd
{
    const WatcherSpec &spec;
    NotifyState notifyState;
    int attempt = 1;
    bool succeeded = false;
    QString errorMessage;
    QByteArray resultJson; // a success's result
    // The watcher's previous successful result (empty: none); read only for
    // a success, whose on_change notification compares with it.
    QByteArray previousResultJson;
    qint64 nowMs = 0;
    double retryJitter = 0; // [0, 1)
};

struct NotificationText
{
    NotificationLevel level = NotificationLevel::Info;
    QString title;
    QString body;
};

// What ending the attempt means.
struct AttemptPlan
{
    RunStatus status = RunStatus::Succeeded; // or Failed (a retry follows), or Dead
    std::optional<qint64> retryNotBefore; // failed: when the next attempt may start
    // A success whose result differs from the previous success's (not the
    // first success).
    bool resultChanged = false;
    NotifyDecision notifyDecision = NotifyDecision::Silent;
    std::optional<NotificationText> notification; // when notifyDecision is Notify
    NotifyState notifyStateAfter; // the watcher's bookkeeping after it
    QList<lua::LogLine> notes; // the scheduler's own lines for the run's log
};

AttemptPlan planAttemptEnd(const AttemptEnd &end);
// The end of an escalation (an agent's run that a Lua run asked for), with
// `end.spec` the Lua watcher's: it is not retried (the next Lua run may
// escalate again); a verdict that asks for it raises a notification, and an
// escalation that failed is news under every notify policy but "never" —
// both under the watcher's cooldown and budget. It never compares results.
AttemptPlan planEscalationEnd(const AttemptEnd &end);
// The notification a verdict asks for: an object whose "notify" is true,
// with its "title" (default "<watcher>: escalation"), "body" and "level"
// ("info", "warning" or "error"; default info). None for any other verdict.
std::optional<NotificationText> verdictNotification(const QByteArray &resultJson,
                                                    const QString &watcherName);
// The run's log line saying that run `retryRunId` retries it at `notBefore`.
lua::LogLine retryNote(const AttemptEnd &end, qint64 retryRunId, qint64 notBefore);

} // namespace hearth::scheduler
