#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "model/RunPolicy.h"
#include "store/NotificationRepository.h"
#include "store/RunRepository.h"

#include <QByteArray>
#include <optional>

namespace hearth::events {
class EventBus;
}

namespace hearth::services {

class RunControl;

// What an agent's run may do for itself (issue 22): the worker that claims
// it is handed a run token, which the run's own MCP server (`hearth mcp
// --run ID`) presents. The token opens the run's watcher's KV namespace, a
// notification under the watcher's cooldown and daily budget, and the run's
// log — and only while the run is running.
class RunScopeService
{
public:
    // What a run token opens.
    struct Scope
    {
        qint64 runId = 0;
        qint64 watcherId = 0;
        QString watcherName;
        QString kvNamespace; // the watcher's: its scripts' and escalations' too
    };
    // How a notification asked for went.
    struct Notified
    {
        // Notify (sent), SuppressedByCooldown or SuppressedByBudget.
        scheduler::NotifyDecision decision = scheduler::NotifyDecision::Notify;
        std::optional<Notification> notification; // sent
        // Held back: when one may go out again and how long that is from
        // now (0: not by waiting, the budget is 0).
        qint64 nextAllowedAt = 0;
        qint64 waitMs = 0;
    };

    // A new run token (hr_…) and what the run keeps of it.
    static QByteArray newToken();

    RunScopeService(const RunRepository &runs, const WatcherRepository &watchers,
                    const RunControl &clock, events::EventBus &events);

    // The scope of a running run's token; none for a token no running run
    // has (unknown, or its run has ended).
    Result<std::optional<Scope>, Error> authenticate(const QByteArray &token) const;
    // Appends the lines to the run's log and publishes them; RunNotRunning
    // once the run has ended.
    Result<void, Error> log(const Scope &scope, const QList<lua::LogLine> &lines) const;
    // Checks the texts, then sends the notification unless the watcher's
    // notify.min_interval_s or notify.daily_budget holds it back.
    Result<Notified, Error> notify(const Scope &scope,
                                   const scheduler::NotificationText &text) const;

private:
    const RunRepository &m_runs;
    const WatcherRepository &m_watchers;
    const RunControl &m_clock;
    events::EventBus &m_events;
};

} // namespace hearth::services
