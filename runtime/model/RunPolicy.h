#pragma once

#include "WatcherSpec.h"

#include <QtGlobal>

// The pure decisions the scheduler makes about a run's outcome: when to
// retry, and whether to notify. Kept apart so that tests can pin them.
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
NotifyDecision decideNotification(const WatcherSpec &spec, const QString &finalStatus,
                                  bool resultChanged, const NotifyState &state, qint64 nowMs);
// The state after a notification was sent at nowMs.
NotifyState afterNotification(const NotifyState &state, qint64 nowMs);

constexpr qint64 NotifyWindowMs = 24LL * 3600 * 1000;

} // namespace hearth::scheduler
