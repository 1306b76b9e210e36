#pragma once

#include <QJsonObject>
#include <QString>

namespace hearth {
struct WatcherRecord;
}

namespace hearth::events {

class EventBus;

// A watcher as the API and the event stream show it: its spec plus id,
// schedule state, whether Pause all disabled it, and times.
QJsonObject watcherJson(const WatcherRecord &watcher);

// The event stream's `watcher` events (created, updated, deleted).
void publishWatcher(EventBus &bus, const QString &action, const QJsonObject &watcher);

} // namespace hearth::events
