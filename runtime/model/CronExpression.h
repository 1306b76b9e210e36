#pragma once

#include "core/Result.h"

#include <QDate>
#include <QString>
#include <bitset>
#include <optional>

namespace hearth::scheduler {

// A minute on a wall clock, without a time zone.
struct LocalMinute
{
    QDate date;
    int minuteOfDay = 0;

    bool operator==(const LocalMinute &other) const = default;
    bool operator<(const LocalMinute &other) const
    {
        return date != other.date ? date < other.date : minuteOfDay < other.minuteOfDay;
    }
};

// A five-field cron expression (minute hour day-of-month month day-of-week)
// or one of @hourly @daily @midnight @weekly @monthly @yearly @annually.
// Fields take *, numbers, ranges a-b, steps */n a-b/n a/n, lists, and month
// (JAN-DEC) and weekday (SUN-SAT) names; day of week 7 is Sunday too. When
// both day fields are restricted (do not start with *), a day matches if
// either does, as in every cron since Vixie's.
class CronExpression
{
public:
    // The error names the field: `field 3 (day of month) "32": …`.
    static Result<CronExpression> parse(const QString &text);

    QString text() const { return m_text; }
    bool matchesDay(const QDate &date) const;
    // The first matching minute strictly after `after`, or nothing when none
    // comes within nine years (which covers Feb 29 across 2100).
    std::optional<LocalMinute> nextAfter(const LocalMinute &after) const;

private:
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // 1-31
    std::bitset<13> m_months; // 1-12
    std::bitset<7> m_daysOfWeek; // 0 = Sunday
    bool m_dayOfMonthRestricted = false;
    bool m_dayOfWeekRestricted = false;
    QString m_text;
};

} // namespace hearth::scheduler
