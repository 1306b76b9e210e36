#include "ApiEvents.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::client {

namespace {

std::optional<ApiEvent> runEvent(const QJsonObject &data)
{
    std::optional<Run> run = Run::fromJson(data.value(QStringLiteral("run")).toObject());
    if (!run)
        return std::nullopt;
    const QString action = data.value(QStringLiteral("action")).toString();
    RunEvent event { RunEvent::Action::Changed, std::move(*run) };
    if (action == u"created")
        event.action = RunEvent::Action::Created;
    else if (action == u"started")
        event.action = RunEvent::Action::Started;
    else if (action == u"finished")
        event.action = RunEvent::Action::Finished;
    return event;
}

std::optional<ApiEvent> logEvent(const QJsonObject &data)
{
    std::optional<LogLine> line = LogLine::fromJson(data);
    const QString runId = idOf(data.value(QStringLiteral("run_id")));
    if (!line || runId.isEmpty())
        return std::nullopt;
    return LogEvent { runId, std::move(*line) };
}

std::optional<ApiEvent> notificationEvent(const QJsonObject &data)
{
    const QString action = data.value(QStringLiteral("action")).toString();
    if (action == u"read_all")
        return NotificationEvent { NotificationEvent::Action::ReadAll, std::nullopt };
    std::optional<Notification> notification =
        Notification::fromJson(data.value(QStringLiteral("notification")).toObject());
    if (!notification)
        return std::nullopt;
    return NotificationEvent { action == u"read" ? NotificationEvent::Action::Read
                                                 : NotificationEvent::Action::Created,
                               std::move(notification) };
}

std::optional<ApiEvent> watcherEvent(const QJsonObject &data)
{
    const QString action = data.value(QStringLiteral("action")).toString();
    const QJsonObject json = data.value(QStringLiteral("watcher")).toObject();
    if (action == u"deleted") {
        const QString watcherId = idOf(json.value(QStringLiteral("id")));
        if (watcherId.isEmpty())
            return std::nullopt;
        return WatcherEvent { WatcherEvent::Action::Deleted, watcherId, std::nullopt };
    }
    std::optional<Watcher> watcher = Watcher::fromJson(json);
    if (!watcher)
        return std::nullopt;
    const QString id = watcher->id;
    return WatcherEvent { action == u"created" ? WatcherEvent::Action::Created
                                               : WatcherEvent::Action::Updated,
                          id, std::move(watcher) };
}

} // namespace

std::optional<ApiEvent> readEvent(const QByteArray &type, const QByteArray &dataJson)
{
    if (type == "reset")
        return ResetEvent {};
    const QJsonObject data = QJsonDocument::fromJson(dataJson).object();
    if (type == "run")
        return runEvent(data);
    if (type == "log")
        return logEvent(data);
    if (type == "notification")
        return notificationEvent(data);
    if (type == "watcher")
        return watcherEvent(data);
    if (type == "channel" || type == "delivery")
        return ChannelsEvent {};
    return std::nullopt;
}

} // namespace hearth::client
