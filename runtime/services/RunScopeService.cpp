#include "RunScopeService.h"

#include "KvService.h"
#include "NotificationService.h"
#include "RunControl.h"
#include "ServiceErrors.h"
#include "core/Crypto.h"
#include "events/RunEvents.h"

#include <algorithm>

namespace hearth::services {

QByteArray RunScopeService::newToken()
{
    return crypto::newToken("hr_");
}

RunScopeService::RunScopeService(const RunRepository &runs, const WatcherRepository &watchers,
                                 const RunControl &clock, events::EventBus &events)
    : m_runs(runs)
    , m_watchers(watchers)
    , m_clock(clock)
    , m_events(events)
{
}

Result<std::optional<RunScopeService::Scope>, Error>
RunScopeService::authenticate(const QByteArray &token) const
{
    if (token.isEmpty())
        return std::optional<Scope>();
    auto run = m_runs.runningWithScopeToken(crypto::tokenHash(token));
    if (!run)
        return fail(Error::internal(run.error()));
    if (!run.value())
        return std::optional<Scope>();
    auto watcher =
        existing(m_watchers.get(run.value()->watcherId), "watcher", run.value()->watcherId);
    if (!watcher)
        return fail(watcher.error());
    const QString watcherId = QString::number(watcher->id);
    return std::optional<Scope>(Scope { run.value()->id, watcher->id, watcher->spec.name,
                                        KvService::watcherNamespace(watcherId) });
}

Result<void, Error> RunScopeService::log(const Scope &scope, const QList<lua::LogLine> &lines) const
{
    auto appended = m_runs.appendToRunning(scope.runId, lines);
    if (!appended)
        return fail(Error::internal(appended.error()));
    if (!appended.value())
        return fail(Error {
            ErrorCode::RunNotRunning, QStringLiteral("run %1 has ended").arg(scope.runId), {} });
    events::publishLogs(m_events, scope.runId, lines);
    return {};
}

Result<RunScopeService::Notified, Error>
RunScopeService::notify(const Scope &scope, const scheduler::NotificationText &text) const
{
    if (auto checked = NotificationService::check(text.title, text.body); !checked)
        return fail(checked.error());
    const qint64 nowMs = m_clock.nowMs();
    auto outcome = m_runs.notifyFromRun(scope.runId, text, nowMs);
    if (!outcome)
        return fail(fromStore(outcome.error(), ErrorCode::RunNotRunning));
    Notified notified { outcome->decision, outcome->sent, 0, 0 };
    const scheduler::NotifyState &state = outcome->watcher.notifyState;
    switch (outcome->decision) {
    case scheduler::NotifyDecision::SuppressedByCooldown:
        notified.nextAllowedAt =
            state.lastNotifiedAt + outcome->watcher.spec.notifyMinIntervalSeconds * 1000;
        break;
    case scheduler::NotifyDecision::SuppressedByBudget:
        // A budget of 0 never opens a window; the next day does not help.
        notified.nextAllowedAt = outcome->watcher.spec.notifyDailyBudget == 0
            ? 0
            : state.windowStart + scheduler::NotifyWindowMs;
        break;
    case scheduler::NotifyDecision::Notify:
        events::publishNotification(m_events, QStringLiteral("created"), &*notified.notification);
        break;
    case scheduler::NotifyDecision::Silent:
        break;
    }
    if (notified.nextAllowedAt > 0)
        notified.waitMs = std::max<qint64>(0, notified.nextAllowedAt - nowMs);
    return notified;
}

} // namespace hearth::services
