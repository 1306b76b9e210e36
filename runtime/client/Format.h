#pragma once

#include <QJsonObject>
#include <QString>

namespace hearth::ui::format {

// "every 5 minutes", "at 09:00 on weekdays (Europe/Berlin)" is beyond us:
// cron stays cron, with its zone; intervals and one-shots read as words.
QString schedule(const QJsonObject &schedule);
// An RFC 3339 instant in local time ("2026-11-23 09:00:05"), or "—".
QString localTime(const QJsonValue &rfc3339);
QString durationMs(const QJsonValue &milliseconds);
// Any JSON value, indented, for result panes.
QString prettyJson(const QJsonValue &value);

} // namespace hearth::ui::format
