#include "RunPolicy.h"

#include "Schedule.h"
#include "core/JsonText.h"

#include <QDateTime>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <functional>

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

// The plan's notification, if the decision was to send it, and the
// bookkeeping and log notes of the decision.
void settleNotification(const AttemptEnd &end, AttemptPlan &plan,
                        const std::function<NotificationText()> &text)
{
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
        plan.notification = text();
        plan.notifyStateAfter = afterNotification(end.notifyState, end.nowMs);
        break;
    }
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
    return wanted ? throttled(spec, state, nowMs) : NotifyDecision::Silent;
}

NotifyDecision throttled(const WatcherSpec &spec, const NotifyState &state, qint64 nowMs)
{
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
    settleNotification(end, plan, [&end, &plan]() { return notificationText(end, plan.status); });
    return plan;
}

AttemptPlan planEscalationEnd(const AttemptEnd &end)
{
    AttemptPlan plan;
    plan.status = end.succeeded ? RunStatus::Succeeded : RunStatus::Dead;
    std::optional<NotificationText> text;
    if (end.succeeded)
        text = verdictNotification(end.resultJson, end.spec.name);
    else if (end.spec.notifyPolicy != NotifyPolicy::Never)
        text = NotificationText { NotificationLevel::Error,
                                  QStringLiteral("%1: escalation failed").arg(end.spec.name),
                                  end.errorMessage };
    plan.notifyDecision =
        text ? throttled(end.spec, end.notifyState, end.nowMs) : NotifyDecision::Silent;
    settleNotification(end, plan, [&text]() { return *text; });
    return plan;
}

std::optional<NotificationText> verdictNotification(const QByteArray &resultJson,
                                                    const QString &watcherName)
{
    const QJsonObject verdict = jsonValueOrNull(resultJson).toObject();
    if (verdict.value(QStringLiteral("notify")) != QJsonValue(true))
        return std::nullopt;
    NotificationText text;
    text.level = notificationLevelFromName(verdict.value(QStringLiteral("level")).toString())
                     .value_or(NotificationLevel::Info);
    text.title = verdict.value(QStringLiteral("title")).toString().trimmed();
    if (text.title.isEmpty())
        text.title = QStringLiteral("%1: escalation").arg(watcherName);
    text.body = verdict.value(QStringLiteral("body")).toString();
    return text;
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
