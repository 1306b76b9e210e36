#include "CronExpression.h"

#include <QStringList>
#include <array>

namespace hearth::scheduler {

namespace {

struct FieldSpec
{
    const char *name;
    int minimum;
    int maximum;
    const char *const *names; // three-letter names for minimum.., or null
};

const char *const MonthNames[] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN",  "JUL",
                                   "AUG", "SEP", "OCT", "NOV", "DEC", nullptr };
const char *const WeekdayNames[] = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", nullptr };

// Day of week accepts 0-7 (7 is Sunday again).
const std::array<FieldSpec, 5> Fields { {
    { "minute", 0, 59, nullptr },
    { "hour", 0, 23, nullptr },
    { "day of month", 1, 31, nullptr },
    { "month", 1, 12, MonthNames },
    { "day of week", 0, 7, WeekdayNames },
} };

// A number or (where the field has them) a name; -1 when it is neither.
int parseValue(const QString &token, const FieldSpec &spec)
{
    bool isNumber = false;
    const int number = token.toInt(&isNumber);
    if (isNumber)
        return number;
    if (spec.names) {
        for (int i = 0; spec.names[i]; ++i) {
            if (token.compare(QLatin1String(spec.names[i]), Qt::CaseInsensitive) == 0)
                return spec.minimum + i;
        }
    }
    return -1;
}

// Sets the bits of one field; an error message without the field's name.
QString parseField(const QString &text, const FieldSpec &spec, std::bitset<64> &bits)
{
    for (const QString &item : text.split(u',')) {
        if (item.isEmpty())
            return QStringLiteral("an empty list item");
        QString range = item;
        int step = 1;
        const qsizetype slash = item.indexOf(u'/');
        if (slash >= 0) {
            bool ok = false;
            step = item.mid(slash + 1).toInt(&ok);
            if (!ok || step < 1)
                return QStringLiteral("step \"%1\" is not a positive number")
                    .arg(item.mid(slash + 1));
            range = item.left(slash);
        }
        int first = spec.minimum;
        int last = spec.maximum;
        if (range != u"*") {
            const qsizetype dash = range.indexOf(u'-');
            const QString low = dash >= 0 ? range.left(dash) : range;
            first = parseValue(low, spec);
            if (first < 0)
                return QStringLiteral("\"%1\" is not a number%2")
                    .arg(low, spec.names ? QStringLiteral(" or a name") : QString());
            if (dash >= 0) {
                const QString high = range.mid(dash + 1);
                last = parseValue(high, spec);
                if (last < 0)
                    return QStringLiteral("\"%1\" is not a number%2")
                        .arg(high, spec.names ? QStringLiteral(" or a name") : QString());
            } else if (slash < 0) {
                last = first; // a single value
            }
            for (const int value : { first, last }) {
                if (value < spec.minimum || value > spec.maximum) {
                    return QStringLiteral("%1 is out of range %2-%3")
                        .arg(value)
                        .arg(spec.minimum)
                        .arg(spec.maximum);
                }
            }
            if (first > last)
                return QStringLiteral("the range %1-%2 runs backwards").arg(first).arg(last);
        }
        for (int value = first; value <= last; value += step)
            bits.set(size_t(value));
    }
    return {};
}

QString expandMacro(const QString &text)
{
    static const QList<QPair<QString, QString>> macros {
        { QStringLiteral("@hourly"), QStringLiteral("0 * * * *") },
        { QStringLiteral("@daily"), QStringLiteral("0 0 * * *") },
        { QStringLiteral("@midnight"), QStringLiteral("0 0 * * *") },
        { QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0") },
        { QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *") },
        { QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *") },
        { QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *") },
    };
    for (const auto &[name, expansion] : macros) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return expansion;
    }
    return {};
}

template<size_t N> void copyBits(const std::bitset<64> &from, std::bitset<N> &to)
{
    for (size_t i = 0; i < N; ++i)
        to.set(i, from.test(i));
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &text)
{
    QString fieldsText = text.trimmed();
    if (fieldsText.startsWith(u'@')) {
        fieldsText = expandMacro(fieldsText);
        if (fieldsText.isEmpty()) {
            return fail(QStringLiteral("unknown macro \"%1\" (known: @hourly @daily @midnight "
                                       "@weekly @monthly @yearly @annually)")
                            .arg(text.trimmed()));
        }
    }
    const QStringList parts = fieldsText.split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 5) {
        return fail(QStringLiteral("expected 5 fields (minute hour day-of-month month "
                                   "day-of-week), got %1")
                        .arg(parts.size()));
    }
    std::array<std::bitset<64>, 5> bits;
    for (size_t i = 0; i < Fields.size(); ++i) {
        const QString error = parseField(parts[qsizetype(i)], Fields[i], bits[i]);
        if (!error.isEmpty()) {
            return fail(QStringLiteral("field %1 (%2) \"%3\": %4")
                            .arg(i + 1)
                            .arg(QLatin1String(Fields[i].name), parts[qsizetype(i)], error));
        }
    }
    CronExpression cron;
    copyBits(bits[0], cron.m_minutes);
    copyBits(bits[1], cron.m_hours);
    copyBits(bits[2], cron.m_daysOfMonth);
    copyBits(bits[3], cron.m_months);
    if (bits[4].test(7))
        bits[4].set(0);
    copyBits(bits[4], cron.m_daysOfWeek);
    cron.m_dayOfMonthRestricted = !parts[2].startsWith(u'*');
    cron.m_dayOfWeekRestricted = !parts[4].startsWith(u'*');
    cron.m_text = text.trimmed();
    return cron;
}

bool CronExpression::matchesDay(const QDate &date) const
{
    const bool dayOfMonth = m_daysOfMonth.test(size_t(date.day()));
    const bool dayOfWeek = m_daysOfWeek.test(size_t(date.dayOfWeek() % 7));
    if (m_dayOfMonthRestricted && m_dayOfWeekRestricted)
        return dayOfMonth || dayOfWeek;
    return dayOfMonth && dayOfWeek;
}

std::optional<LocalMinute> CronExpression::nextAfter(const LocalMinute &after) const
{
    const QDate limit = after.date.addYears(9);
    LocalMinute t = after;
    ++t.minuteOfDay;
    while (t.date <= limit) {
        if (t.minuteOfDay >= 24 * 60) {
            t = { t.date.addDays(1), 0 };
            continue;
        }
        if (!m_months.test(size_t(t.date.month()))) {
            t = { QDate(t.date.year(), t.date.month(), 1).addMonths(1), 0 };
            continue;
        }
        if (!matchesDay(t.date)) {
            t = { t.date.addDays(1), 0 };
            continue;
        }
        const int hour = t.minuteOfDay / 60;
        if (!m_hours.test(size_t(hour))) {
            t.minuteOfDay = (hour + 1) * 60;
            continue;
        }
        for (int minute = t.minuteOfDay % 60; minute < 60; ++minute) {
            if (m_minutes.test(size_t(minute)))
                return LocalMinute { t.date, hour * 60 + minute };
        }
        t.minuteOfDay = (hour + 1) * 60;
    }
    return std::nullopt;
}

} // namespace hearth::scheduler
