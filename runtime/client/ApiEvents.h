#pragma once

#include "ApiTypes.h"

#include <QByteArray>
#include <optional>
#include <variant>

// The event stream's events (GET /api/v1/events) as typed values, read from
// their JSON in one place (ApiEvents.cpp), like ApiTypes' answers.
namespace hearth::client {

struct RunEvent
{
    // Any other action a newer runtime sends is read as Changed.
    enum class Action { Created, Started, Finished, Changed };
    Action action = Action::Changed;
    Run run;
};

// A line of a run's log.
struct LogEvent
{
    QString runId;
    LogLine line;
};

struct NotificationEvent
{
    enum class Action { Created, Read, ReadAll };
    Action action = Action::Created;
    std::optional<Notification> notification; // none for ReadAll
};

struct WatcherEvent
{
    enum class Action { Created, Updated, Deleted };
    Action action = Action::Updated;
    QString watcherId;
    std::optional<Watcher> watcher; // none for Deleted
};

// A channel or a delivery changed (saved, removed, sent, retried, given up):
// what a client shows of channels and deliveries is stale.
struct ChannelsEvent
{
};

// The stream could not resume: state built from earlier events is stale.
struct ResetEvent
{
};

using ApiEvent =
    std::variant<RunEvent, LogEvent, NotificationEvent, WatcherEvent, ChannelsEvent, ResetEvent>;

// An event of the stream; nothing for a type this client does not know or
// data it cannot read.
std::optional<ApiEvent> readEvent(const QByteArray &type, const QByteArray &dataJson);

} // namespace hearth::client
