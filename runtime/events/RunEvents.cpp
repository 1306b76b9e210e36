#include "RunEvents.h"

#include "ApiJson.h"
#include "EventBus.h"
#include "store/RunRepository.h"

namespace hearth::events {

void publishRun(EventBus &bus, const QString &action, const RunRecord &run)
{
    bus.publish("run", [action, run]() {
        return QJsonObject { { QStringLiteral("action"), action },
                             { QStringLiteral("run"), toApiJson(run) } };
    });
}

void publishLogs(EventBus &bus, qint64 runId, const QList<lua::LogLine> &lines)
{
    for (const lua::LogLine &line : lines) {
        bus.publish("log", [runId, line]() {
            return QJsonObject { { QStringLiteral("run_id"), QString::number(runId) },
                                 { QStringLiteral("ts"), line.time },
                                 { QStringLiteral("level"), logLevelName(line.level) },
                                 { QStringLiteral("message"), line.message } };
        });
    }
}

void publishNotification(EventBus &bus, const QString &action, const Notification *notification)
{
    QJsonObject data { { QStringLiteral("action"), action } };
    if (notification)
        data.insert(QStringLiteral("notification"), toApiJson(*notification));
    bus.publish("notification", data);
}

} // namespace hearth::events
