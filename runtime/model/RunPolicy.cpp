#include "RunPolicy.h"

#include "Schedule.h"
#include "core/JsonText.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace hearth::scheduler {

namespace {

// A success's notification shows the start of its result.
constexpr qsizetype NotificationBodyPreview = 500;

lua::LogLine schedulerNote(LogLevel level, const QString &message)
{
    return { level, message, {}, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) };
}

NotificationText notificationText(const AttemptEnd &end, RunStatus finalStatus)
{
    const QString &name = end.spec.name;
    if (finalStatus == RunStatus::Dead) {
        return { NotificationLevel::Error, QStringLiteral("%1 failed").arg(name),
                 QStringLiteral("Gave up after attempt %1 of %2: %3")
                     .arg(end.attempt)
                     .arg(end.spec.maxAttempts)
                     .arg(end.errorMessage) };
    }
    const QString result = QString::fromUtf8(end.resultJson).left(NotificationBodyPreview);
    if (end.spec.notifyPolicy == NotifyPolicy::OnChange)
        return { NotificationLevel::Info, QStringLiteral("%1: result changed").arg(name), result };
    return { NotificationLevel::Info, QStringLiteral("%1 succeeded").arg(name), result };
}

} // namespace

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

NotifyDecision decideNotification(const WatcherSpec &spec, RunStatus finalStatus,
                                  bool resultChanged, const NotifyState &state, qint64 nowMs)
{
    const bool dead = finalStatus == RunStatus::Dead;
    const bool succeeded = finalStatus == RunStatus::Succeeded;
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

AttemptPlan planAttemptEnd(const AttemptEnd &end)
{
    AttemptPlan plan;
    if (end.succeeded)
        plan.status = RunStatus::Succeeded;
    else if (end.attempt < end.spec.maxAttempts)
        plan.status = RunStatus::Failed;
    else
        plan.status = RunStatus::Dead;
    if (plan.status == RunStatus::Failed)
        plan.retryNotBefore = end.nowMs + retryDelayMs(end.spec, end.attempt, end.retryJitter);

    plan.resultChanged = end.succeeded && !end.previousResultJson.isEmpty() &&
        jsonValueOrNull(end.previousResultJson) != jsonValueOrNull(end.resultJson);
    plan.notifyDecision =
        decideNotification(end.spec, plan.status, plan.resultChanged, end.notifyState, end.nowMs);
    plan.notifyStateAfter = end.notifyState;
    switch (plan.notifyDecision) {
    case NotifyDecision::Silent:
        break;
    case NotifyDecision::SuppressedByCooldown:
        plan.notes.append(
            schedulerNote(LogLevel::Info,
                          QStringLiteral("notification not sent: within "
                                         "notify.min_interval_s of the previous one")));
        break;
    case NotifyDecision::SuppressedByBudget:
        plan.notes.append(
            schedulerNote(LogLevel::Info,
                          QStringLiteral("notification not sent: notify.daily_budget (%1) used up")
                              .arg(end.spec.notifyDailyBudget)));
        break;
    case NotifyDecision::Notify:
        plan.notification = notificationText(end, plan.status);
        plan.notifyStateAfter = afterNotification(end.notifyState, end.nowMs);
        break;
    }
    return plan;
}

lua::LogLine retryNote(const AttemptEnd &end, qint64 retryRunId, qint64 notBefore)
{
    return schedulerNote(LogLevel::Warn,
                         QStringLiteral("attempt %1 of %2 failed; run %3 retries at %4")
                             .arg(end.attempt)
                             .arg(end.spec.maxAttempts)
                             .arg(retryRunId)
                             .arg(rfc3339FromMs(notBefore)));
}

} // namespace hearth::scheduler
