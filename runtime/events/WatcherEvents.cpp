#include "WatcherEvents.h"

#include "EventBus.h"
#include "scheduler/Schedule.h"
#include "store/WatcherRepository.h"

namespace hearth::events {

QJsonObject watcherJson(const WatcherRecord &watcher)
{
    QJsonObject json = watcher.spec.toJson();
    json.insert(QStringLiteral("id"), QString::number(watcher.id));
    json.insert(QStringLiteral("paused"), watcher.paused);
    json.insert(QStringLiteral("next_run_at"), scheduler::rfc3339OrNull(watcher.nextRunAt));
    json.insert(QStringLiteral("last_fired_at"), scheduler::rfc3339OrNull(watcher.lastFiredAt));
    json.insert(QStringLiteral("created_at"), watcher.createdAt);
    json.insert(QStringLiteral("updated_at"), watcher.updatedAt);
    return json;
}

void publishWatcher(EventBus &bus, const QString &action, const QJsonObject &watcher)
{
    bus.publish("watcher",
                { { QStringLiteral("action"), action }, { QStringLiteral("watcher"), watcher } });
}

} // namespace hearth::events
