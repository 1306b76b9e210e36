#pragma once

#include "model/ScriptTypes.h"

#include <QList>
#include <QString>

namespace hearth {
struct Notification;
struct RunRecord;
} // namespace hearth

namespace hearth::events {

class EventBus;

// The event stream's `run` and `log` events, in one shape wherever a run
// changes (scheduler, API handlers, device workers).
void publishRun(EventBus &bus, const QString &action, const RunRecord &run);
void publishLogs(EventBus &bus, qint64 runId, const QList<lua::LogLine> &lines);
// The `notification` event ("created", "read", "read_all": no notification).
void publishNotification(EventBus &bus, const QString &action,
                         const Notification *notification = nullptr);

} // namespace hearth::events
