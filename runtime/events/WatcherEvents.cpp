#include "WatcherEvents.h"

#include "EventBus.h"

namespace hearth::events {

void publishWatcher(EventBus &bus, const QString &action, const QJsonObject &watcher)
{
    bus.publish("watcher",
                { { QStringLiteral("action"), action }, { QStringLiteral("watcher"), watcher } });
}

} // namespace hearth::events
