#include "Schedule.h"

#include <QRegularExpression>
#include <chrono>

namespace hearth::scheduler {

namespace {

QDateTime utcFromSecs(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// The instant a wall-clock minute happens in `zone`: its first occurrence if
// the clock passes it twice, the end of the gap if the clock skips it.
QDateTime resolveLocal(const LocalMinute &local, const QTimeZone &zone)
{
    const qint64 naive =
        QDateTime(local.date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch() + local.minuteOfDay * 60;
    // At most one transition within a day on either side, in every zone.
    const int before = zone.offsetFromUtc(utcFromSecs(naive - 86400));
    const int after = zone.offsetFromUtc(utcFromSecs(naive + 86400));
    for (const int offset : { qMax(before, after), qMin(before, after) }) {
        if (zone.offsetFromUtc(utcFromSecs(naive - offset)) == offset)
            return utcFromSecs(naive - offset);
    }
    // In a gap: the transition that opened it.
    const QTimeZone::OffsetData transition = zone.nextTransition(utcFromSecs(naive - after));
    return transition.atUtc.isValid() ? transition.atUtc.toUTC() : utcFromSecs(naive - before);
}

QString systemZoneId()
{
    return QString::fromUtf8(QTimeZone::systemTimeZoneId());
}

} // namespace

QDateTime parseRfc3339(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"re(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$)re"));
    if (!pattern.match(text).hasMatch())
        return {};
    QString normalized = text;
    normalized[10] = u'T';
    if (normalized.endsWith(u'z'))
        normalized[normalized.size() - 1] = u'Z';
    const QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString toRfc3339Utc(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString rfc3339FromMs(qint64 msSinceEpoch)
{
    // Every run event and listing formats several instants: the calendar
    // arithmetic of std::chrono is a tenth of QDateTime::toString's cost.
    using namespace std::chrono;
    const sys_time<milliseconds> instant { milliseconds(msSinceEpoch) };
    const sys_days day = floor<days>(instant);
    const year_month_day date(day);
    const int yearNumber = int(date.year());
    if (yearNumber < 0 || yearNumber > 9999) {
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    }
    const hh_mm_ss time(instant - day);
    char text[] = "0000-00-00T00:00:00.000Z";
    const auto put = [&text](int at, int digits, long long value) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10)
            text[i] = char('0' + value % 10);
    };
    put(0, 4, yearNumber);
    put(5, 2, unsigned(date.month()));
    put(8, 2, unsigned(date.day()));
    put(11, 2, time.hours().count());
    put(14, 2, time.minutes().count());
    put(17, 2, time.seconds().count());
    put(20, 3, time.subseconds().count());
    return QString::fromLatin1(text, sizeof(text) - 1);
}

QJsonValue rfc3339OrNull(std::optional<qint64> msSinceEpoch)
{
    return msSinceEpoch ? QJsonValue(rfc3339FromMs(*msSinceEpoch)) : QJsonValue(QJsonValue::Null);
}

Result<Schedule, FieldError> Schedule::fromJson(const QJsonValue &json, const QString &field)
{
    if (!json.isObject())
        return fail(FieldError { field, QStringLiteral("must be an object") });
    const QJsonObject object = json.toObject();
    const QString kinds = QStringLiteral("must have exactly one of cron, every_s, at");
    int given = 0;
    for (const char *key : { "cron", "every_s", "at" })
        given += object.contains(QLatin1String(key)) ? 1 : 0;
    if (given != 1)
        return fail(FieldError { field, kinds });
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"cron" && it.key() != u"every_s" && it.key() != u"at" && it.key() != u"tz")
            return fail(FieldError { field % u'.' % it.key(), QStringLiteral("is not a field") });
    }

    Schedule schedule;
    if (object.contains(QStringLiteral("cron"))) {
        const QJsonValue cron = object.value(QStringLiteral("cron"));
        if (!cron.isString())
            return fail(
                FieldError { field + QStringLiteral(".cron"), QStringLiteral("must be a string") });
        auto parsed = CronExpression::parse(cron.toString());
        if (!parsed)
            return fail(FieldError { field + QStringLiteral(".cron"), parsed.error() });
        schedule.m_kind = Kind::Cron;
        schedule.m_cron = std::move(parsed.value());
        const QJsonValue zone = object.value(QStringLiteral("tz"));
        if (!zone.isUndefined() && !zone.isNull()) {
            if (!zone.isString() || !QTimeZone(zone.toString().toUtf8()).isValid()) {
                return fail(FieldError { field + QStringLiteral(".tz"),
                                         QStringLiteral("\"%1\" is not a known IANA time zone")
                                             .arg(zone.toVariant().toString()) });
            }
            schedule.m_timeZoneId = zone.toString();
        }
        // A cron that never matches (Feb 30) would never fire: refuse it now.
        if (!schedule.nextAfter(QDateTime::currentDateTimeUtc())) {
            return fail(FieldError { field + QStringLiteral(".cron"),
                                     QStringLiteral("never matches a date") });
        }
        return schedule;
    }
    if (object.contains(QStringLiteral("tz")))
        return fail(
            FieldError { field + QStringLiteral(".tz"), QStringLiteral("only applies to cron") });
    if (object.contains(QStringLiteral("every_s"))) {
        const QJsonValue every = object.value(QStringLiteral("every_s"));
        const qint64 seconds = every.toInteger(0);
        constexpr qint64 MaxSeconds = 366LL * 24 * 3600;
        if (!every.isDouble() || double(seconds) != every.toDouble() || seconds < 1 ||
            seconds > MaxSeconds) {
            return fail(FieldError {
                field + QStringLiteral(".every_s"),
                QStringLiteral("must be a whole number of seconds from 1 to %1").arg(MaxSeconds) });
        }
        schedule.m_kind = Kind::Interval;
        schedule.m_everySeconds = seconds;
        return schedule;
    }
    const QJsonValue at = object.value(QStringLiteral("at"));
    schedule.m_at = at.isString() ? parseRfc3339(at.toString()) : QDateTime();
    if (!schedule.m_at.isValid()) {
        return fail(FieldError { field + QStringLiteral(".at"),
                                 QStringLiteral("must be an RFC 3339 date-time with an offset, "
                                                "like 2026-12-01T09:00:00+01:00") });
    }
    schedule.m_kind = Kind::Once;
    return schedule;
}

QJsonObject Schedule::toJson() const
{
    switch (m_kind) {
    case Kind::Cron: {
        QJsonObject json { { QStringLiteral("cron"), m_cron->text() } };
        if (!m_timeZoneId.isEmpty())
            json.insert(QStringLiteral("tz"), m_timeZoneId);
        return json;
    }
    case Kind::Interval:
        return { { QStringLiteral("every_s"), m_everySeconds } };
    case Kind::Once:
        return { { QStringLiteral("at"), toRfc3339Utc(m_at) } };
    }
    return {};
}

QTimeZone Schedule::timeZone() const
{
    const QTimeZone zone((m_timeZoneId.isEmpty() ? systemZoneId() : m_timeZoneId).toUtf8());
    return zone.isValid() ? zone : QTimeZone(QByteArrayLiteral("UTC"));
}

std::optional<QDateTime> Schedule::nextAfter(const QDateTime &instant) const
{
    switch (m_kind) {
    case Kind::Interval:
        return instant.toUTC().addSecs(m_everySeconds);
    case Kind::Once:
        if (m_at > instant)
            return m_at;
        return std::nullopt;
    case Kind::Cron:
        break;
    }
    const QTimeZone zone = timeZone();
    const QDateTime local = instant.toTimeZone(zone);
    LocalMinute cursor { local.date(), local.time().hour() * 60 + local.time().minute() };
    // Skips local minutes whose instant is not after `instant`: the second
    // pass through a repeated hour, whose minutes fired on the first.
    for (int i = 0; i < 1000; ++i) {
        const std::optional<LocalMinute> next = m_cron->nextAfter(cursor);
        if (!next)
            return std::nullopt;
        const QDateTime fire = resolveLocal(*next, zone);
        if (fire > instant)
            return fire;
        cursor = *next;
    }
    return std::nullopt;
}

} // namespace hearth::scheduler
