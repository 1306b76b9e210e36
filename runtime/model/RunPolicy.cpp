#include "RunPolicy.h"

#include <algorithm>
#include <cmath>

namespace hearth::scheduler {

qint64 retryDelayMs(const WatcherSpec &spec, int attempt, double unitRandom)
{
    const qint64 maxMs = spec.backoffMaxSeconds * 1000;
    // 2^(attempt−1) overflows long before attempt 20 would matter; the cap
    // is reached by then anyway.
    const int doublings = std::clamp(attempt - 1, 0, 40);
    const double uncapped = double(spec.backoffBaseSeconds) * 1000.0 * std::ldexp(1.0, doublings);
    const qint64 ceiling = uncapped >= double(maxMs) ? maxMs : qint64(uncapped);
    return qint64(std::clamp(unitRandom, 0.0, 1.0) * double(ceiling));
}

NotifyDecision decideNotification(const WatcherSpec &spec, const QString &finalStatus,
                                  bool resultChanged, const NotifyState &state, qint64 nowMs)
{
    const bool dead = finalStatus == u"dead";
    const bool succeeded = finalStatus == u"succeeded";
    bool wanted = false;
    switch (spec.notifyPolicy) {
    case NotifyPolicy::Never:
        wanted = false;
        break;
    case NotifyPolicy::OnFailure:
        wanted = dead;
        break;
    case NotifyPolicy::Always:
        wanted = dead || succeeded;
        break;
    case NotifyPolicy::OnChange:
        // A run that gave up is news under every policy but "never".
        wanted = dead || (succeeded && resultChanged);
        break;
    }
    if (!wanted)
        return NotifyDecision::Silent;
    if (state.lastNotifiedAt > 0 && spec.notifyMinIntervalSeconds > 0 &&
        nowMs - state.lastNotifiedAt < spec.notifyMinIntervalSeconds * 1000)
        return NotifyDecision::SuppressedByCooldown;
    const bool windowOpen = state.windowStart > 0 && nowMs - state.windowStart < NotifyWindowMs;
    if (windowOpen && state.windowCount >= spec.notifyDailyBudget)
        return NotifyDecision::SuppressedByBudget;
    if (!windowOpen && spec.notifyDailyBudget == 0)
        return NotifyDecision::SuppressedByBudget;
    return NotifyDecision::Notify;
}

NotifyState afterNotification(const NotifyState &state, qint64 nowMs)
{
    NotifyState next = state;
    if (state.windowStart <= 0 || nowMs - state.windowStart >= NotifyWindowMs) {
        next.windowStart = nowMs;
        next.windowCount = 0;
    }
    next.windowCount += 1;
    next.lastNotifiedAt = nowMs;
    return next;
}

} // namespace hearth::scheduler
