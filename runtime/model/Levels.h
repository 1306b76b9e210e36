#pragma once

#include <QString>
#include <optional>

namespace hearth {

// How loud a run's log line is. The names are the API's, the database's and
// the host protocol's (one table, in Levels.cpp).
enum class LogLevel { Trace, Debug, Info, Warn, Error };
QString logLevelName(LogLevel level);
std::optional<LogLevel> logLevelFromName(const QString &name);

// How loud a notification is; the tray's balloon icon follows it.
enum class NotificationLevel { Info, Warning, Error };
QString notificationLevelName(NotificationLevel level);
std::optional<NotificationLevel> notificationLevelFromName(const QString &name);

} // namespace hearth
