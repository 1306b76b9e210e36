#pragma once

#include "ApiTypes.h"

#include <QJsonValue>
#include <QString>
#include <optional>

// How the CLI and the tray word what the API answers, written once. GUI-free;
// the tray's translator (when one is loaded) translates it.
namespace hearth::client::format {

// "every 5 minute(s)", "once at 2026-12-01 09:00:00", "cron */5 * * * * (UTC)":
// cron stays cron, with its zone; intervals and one-shots read as words.
QString schedule(const scheduler::Schedule &schedule);
// What starts a watcher: its schedule, or "after price check changes".
QString startsWhen(const scheduler::WatcherSpec &spec);
// An instant in local time ("2026-11-23 09:00:05"), or "—".
QString localTime(const QDateTime &instant);
QString localTime(const Timestamp &instant);
// "850 ms", "2.5 s", or "—".
QString duration(std::optional<qint64> milliseconds);
// Any JSON value, indented, for result panes.
QString prettyJson(const QJsonValue &value);

} // namespace hearth::client::format
