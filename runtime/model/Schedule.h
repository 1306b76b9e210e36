#pragma once

#include "CronExpression.h"
#include "core/Result.h"
#include "core/Validation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>
#include <optional>

namespace hearth::scheduler {

// When a watcher fires. One of:
//   {"cron": "*/5 * * * *", "tz": "Europe/Berlin"}   tz optional: the system's
//   {"every_s": 300}                                   every_s >= 1
//   {"at": "2026-12-01T09:00:00+01:00"}                RFC 3339, one shot
class Schedule
{
public:
    enum class Kind { Cron, Interval, Once };

    // `field` prefixes error fields ("schedule" → "schedule.cron").
    static Result<Schedule, FieldError> fromJson(const QJsonValue &json,
                                                 const QString &field = QStringLiteral("schedule"));
    QJsonObject toJson() const;

    Kind kind() const { return m_kind; }
    qint64 everySeconds() const { return m_everySeconds; }
    // A cron schedule's expression and the zone it was given (empty: none).
    QString cronText() const { return m_cron ? m_cron->text() : QString(); }
    QString timeZoneId() const { return m_timeZoneId; }
    // A one-shot's instant.
    QDateTime at() const { return m_at; }
    // The zone cron fields are read in (the system's unless one was given).
    QTimeZone timeZone() const;
    // A cron without a zone of its own: it moves when the system's zone does.
    bool followsSystemZone() const { return m_kind == Kind::Cron && m_timeZoneId.isEmpty(); }

    // The first fire instant strictly after `instant`, or nothing (a one-shot
    // already past, a cron that never matches). An interval fires every_s
    // after the instant given: the scheduler passes the previous fire, so the
    // grid holds. Across a DST gap, a local time that does not exist fires
    // once, at the first instant after the gap; a local time that happens
    // twice fires once, at its first occurrence.
    std::optional<QDateTime> nextAfter(const QDateTime &instant) const;

private:
    Kind m_kind = Kind::Interval;
    std::optional<CronExpression> m_cron;
    QString m_timeZoneId; // empty: the system's
    qint64 m_everySeconds = 0;
    QDateTime m_at;
};

// Parses an RFC 3339 date-time with an offset (Z or ±hh:mm); null if it is not one.
QDateTime parseRfc3339(const QString &text);
// 2026-11-22T10:00:00Z
QString toRfc3339Utc(const QDateTime &instant);
// 2026-11-22T10:00:00.123Z, for instants kept as ms since the epoch.
QString rfc3339FromMs(qint64 msSinceEpoch);
// The same as a JSON value, null when there is no instant.
QJsonValue rfc3339OrNull(std::optional<qint64> msSinceEpoch);

} // namespace hearth::scheduler
