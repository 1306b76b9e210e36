#pragma once

#include <QJsonObject>
#include <QString>

namespace hearth::events {

class EventBus;

// The event stream's `watcher` events (created, updated, deleted), with the
// watcher as events::toApiJson shows it.
void publishWatcher(EventBus &bus, const QString &action, const QJsonObject &watcher);

} // namespace hearth::events
