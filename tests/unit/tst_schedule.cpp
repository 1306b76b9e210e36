// Schedules: cron parsing (errors name the field), and nextAfter as a pure
// function over a table of instants — leap years, month ends, names, the
// day-of-month/day-of-week OR rule, year rollover, and DST gaps and overlaps
// in Europe/Berlin, America/New_York and Australia/Lord_Howe (a 30-minute
// shift). Expected instants were checked against Python's zoneinfo.
#include "model/Schedule.h"

#include <QJsonDocument>
#include <QTest>

using namespace hearth::scheduler;

namespace {

Schedule parsed(const QByteArray &json)
{
    auto schedule = Schedule::fromJson(QJsonDocument::fromJson(json).object());
    if (!schedule)
        qFatal("%s: %s", qPrintable(schedule.error().field), qPrintable(schedule.error().message));
    return schedule.value();
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nextAfter_data();
    void nextAfter();
    void invalid_data();
    void invalid();
    void roundTrip();
    void rfc3339();
    void instantsFromMs_data();
    void instantsFromMs();
};

void TestSchedule::nextAfter_data()
{
    QTest::addColumn<QByteArray>("schedule");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char *name, const char *schedule, const char *from,
                        std::initializer_list<const char *> expected) {
        QStringList instants;
        for (const char *instant : expected)
            instants.append(QString::fromLatin1(instant));
        QTest::newRow(name) << QByteArray(schedule) << QString::fromLatin1(from) << instants;
    };
    row("every 5 minutes", R"({"cron": "*/5 * * * *", "tz": "UTC"})", "2026-01-01T00:02:00Z",
        { "2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z" });
    row("exactly on a fire is not after it", R"({"cron": "*/5 * * * *", "tz": "UTC"})",
        "2026-01-01T00:05:00Z", { "2026-01-01T00:10:00Z" });
    row("year rollover", R"({"cron": "0 0 1 1 *", "tz": "UTC"})", "2026-12-31T23:59:59Z",
        { "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z" });
    row("Feb 29", R"({"cron": "0 12 29 2 *", "tz": "UTC"})", "2026-03-01T00:00:00Z",
        { "2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z" });
    row("Feb 29 across 2100 (not a leap year)", R"({"cron": "0 12 29 2 *", "tz": "UTC"})",
        "2096-03-01T00:00:00Z", { "2104-02-29T12:00:00Z" });
    row("31st skips short months", R"({"cron": "0 0 31 * *", "tz": "UTC"})", "2026-01-31T00:00:00Z",
        { "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z" });
    row("weekday names", R"({"cron": "30 9 * * MON-FRI", "tz": "UTC"})", "2026-11-20T10:00:00Z",
        { "2026-11-23T09:30:00Z", "2026-11-24T09:30:00Z" });
    row("month names", R"({"cron": "0 0 1 jan,JUL *", "tz": "UTC"})", "2026-02-01T00:00:00Z",
        { "2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z" });
    row("day of week 7 is Sunday", R"({"cron": "0 0 * * 7", "tz": "UTC"})", "2026-11-20T00:00:00Z",
        { "2026-11-22T00:00:00Z", "2026-11-29T00:00:00Z" });
    row("day of month OR day of week", R"({"cron": "0 0 13 * FRI", "tz": "UTC"})",
        "2026-11-01T00:00:00Z",
        { "2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z",
          "2026-11-27T00:00:00Z" });
    row("starred day of week is AND", R"({"cron": "0 0 13 * */1", "tz": "UTC"})",
        "2026-11-01T00:00:00Z", { "2026-11-13T00:00:00Z", "2026-12-13T00:00:00Z" });
    row("stepped range", R"({"cron": "0 8-18/4 * * *", "tz": "UTC"})", "2026-01-01T00:00:00Z",
        { "2026-01-01T08:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T16:00:00Z",
          "2026-01-02T08:00:00Z" });
    row("@hourly", R"({"cron": "@hourly", "tz": "UTC"})", "2026-01-01T00:30:00Z",
        { "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z" });
    row("@weekly", R"({"cron": "@weekly", "tz": "UTC"})", "2026-11-20T00:00:00Z",
        { "2026-11-22T00:00:00Z" });
    row("@monthly in a zone", R"({"cron": "@monthly", "tz": "Europe/Berlin"})",
        "2026-11-20T00:00:00Z", { "2026-11-30T23:00:00Z" });

    // Europe/Berlin: 2026-03-29 02:00 → 03:00 (01:00Z); 2026-10-25 03:00 → 02:00 (01:00Z).
    row("Berlin gap: skipped time fires once after it",
        R"({"cron": "30 2 * * *", "tz": "Europe/Berlin"})", "2026-03-28T12:00:00Z",
        { "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z" });
    row("Berlin gap: every 15 minutes fires once for the gap",
        R"({"cron": "*/15 * * * *", "tz": "Europe/Berlin"})", "2026-03-29T00:40:00Z",
        { "2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z" });
    row("Berlin overlap: repeated time fires once",
        R"({"cron": "30 2 * * *", "tz": "Europe/Berlin"})", "2026-10-24T12:00:00Z",
        { "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" });
    row("Berlin overlap: every 30 minutes skips the second pass",
        R"({"cron": "*/30 * * * *", "tz": "Europe/Berlin"})", "2026-10-24T23:45:00Z",
        { "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z" });
    row("Berlin overlap: starting inside the second pass",
        R"({"cron": "*/30 * * * *", "tz": "Europe/Berlin"})", "2026-10-25T01:10:00Z",
        { "2026-10-25T02:00:00Z" });

    // America/New_York: 2026-03-08 02:00 → 03:00 (07:00Z); 2026-11-01 02:00 → 01:00 (06:00Z).
    row("New York gap", R"({"cron": "0 2 * * *", "tz": "America/New_York"})",
        "2026-03-07T12:00:00Z", { "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z" });
    row("New York overlap", R"({"cron": "30 1 * * *", "tz": "America/New_York"})",
        "2026-10-31T12:00:00Z", { "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z" });

    // Australia/Lord_Howe: 2026-04-05 02:00 → 01:30 (15:00Z the day before);
    // 2026-10-04 02:00 → 02:30 (15:30Z the day before).
    row("Lord Howe overlap (30 minutes)", R"({"cron": "45 1 * * *", "tz": "Australia/Lord_Howe"})",
        "2026-04-04T12:00:00Z", { "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z" });
    row("Lord Howe gap (30 minutes)", R"({"cron": "15 2 * * *", "tz": "Australia/Lord_Howe"})",
        "2026-10-03T12:00:00Z", { "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z" });

    row("interval", R"({"every_s": 90})", "2026-01-01T00:00:00Z",
        { "2026-01-01T00:01:30Z", "2026-01-01T00:03:00Z" });
    row("one-shot ahead", R"({"at": "2026-12-01T09:00:00+01:00"})", "2026-11-01T00:00:00Z",
        { "2026-12-01T08:00:00Z" });
    row("one-shot past", R"({"at": "2026-12-01T09:00:00+01:00"})", "2026-12-02T00:00:00Z", {});
}

void TestSchedule::nextAfter()
{
    QFETCH(QByteArray, schedule);
    QFETCH(QString, from);
    QFETCH(QStringList, expected);
    const Schedule subject = parsed(schedule);
    QStringList actual;
    QDateTime cursor = parseRfc3339(from);
    QVERIFY(cursor.isValid());
    for (qsizetype i = 0; i < qMax<qsizetype>(expected.size(), 1); ++i) {
        const std::optional<QDateTime> next = subject.nextAfter(cursor);
        if (!next)
            break;
        actual.append(toRfc3339Utc(*next));
        cursor = *next;
    }
    if (expected.isEmpty())
        QVERIFY2(actual.isEmpty(), qPrintable(actual.join(u' ')));
    else
        QCOMPARE(actual, expected);
}

void TestSchedule::invalid_data()
{
    QTest::addColumn<QByteArray>("schedule");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *schedule, const char *field,
                        const char *message) {
        QTest::newRow(name) << QByteArray(schedule) << QString::fromLatin1(field)
                            << QString::fromLatin1(message);
    };
    row("four fields", R"({"cron": "* * * *"})", "schedule.cron", "expected 5 fields");
    row("minute out of range", R"({"cron": "61 * * * *"})", "schedule.cron",
        "field 1 (minute) \"61\": 61 is out of range 0-59");
    row("day of month out of range", R"({"cron": "0 0 32 * *"})", "schedule.cron",
        "field 3 (day of month)");
    row("month out of range", R"({"cron": "0 0 * 13 *"})", "schedule.cron", "field 4 (month)");
    row("unknown weekday", R"({"cron": "0 0 * * MOO"})", "schedule.cron",
        "field 5 (day of week) \"MOO\": \"MOO\" is not a number or a name");
    row("backwards range", R"({"cron": "5-1 * * * *"})", "schedule.cron", "runs backwards");
    row("zero step", R"({"cron": "*/0 * * * *"})", "schedule.cron", "not a positive number");
    row("empty list item", R"({"cron": "1,,2 * * * *"})", "schedule.cron", "empty list item");
    row("unknown macro", R"({"cron": "@reboot"})", "schedule.cron", "unknown macro");
    row("never matches", R"({"cron": "0 0 30 2 *"})", "schedule.cron", "never matches");
    row("unknown zone", R"({"cron": "@daily", "tz": "Mars/Olympus"})", "schedule.tz",
        "not a known IANA time zone");
    row("zone on an interval", R"({"every_s": 5, "tz": "UTC"})", "schedule.tz", "only applies");
    row("zero interval", R"({"every_s": 0})", "schedule.every_s", "whole number");
    row("fractional interval", R"({"every_s": 1.5})", "schedule.every_s", "whole number");
    row("interval as text", R"({"every_s": "60"})", "schedule.every_s", "whole number");
    row("at without offset", R"({"at": "2026-12-01T09:00:00"})", "schedule.at", "RFC 3339");
    row("at garbage", R"({"at": "tomorrow"})", "schedule.at", "RFC 3339");
    row("two kinds", R"({"cron": "@daily", "every_s": 5})", "schedule", "exactly one");
    row("no kind", R"({})", "schedule", "exactly one");
    row("unknown field", R"({"every_s": 5, "jitter": 1})", "schedule.jitter", "not a field");
}

void TestSchedule::invalid()
{
    QFETCH(QByteArray, schedule);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto result = Schedule::fromJson(QJsonDocument::fromJson(schedule).object());
    QVERIFY(!result);
    QCOMPARE(result.error().field, field);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void TestSchedule::roundTrip()
{
    for (const char *json :
         { R"({"cron":"*/5 * * * *","tz":"Europe/Berlin"})", R"({"cron":"@daily"})",
           R"({"every_s":60})", R"({"at":"2026-12-01T08:00:00Z"})" }) {
        const QByteArray compact =
            QJsonDocument(parsed(json).toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(compact, QByteArray(json));
    }
}

void TestSchedule::rfc3339()
{
    QCOMPARE(toRfc3339Utc(parseRfc3339(QStringLiteral("2026-12-01T09:00:00.250+01:00"))),
             QStringLiteral("2026-12-01T08:00:00Z"));
    QCOMPARE(toRfc3339Utc(parseRfc3339(QStringLiteral("2026-12-01 09:00:00z"))),
             QStringLiteral("2026-12-01T09:00:00Z"));
    QVERIFY(!parseRfc3339(QStringLiteral("2026-12-01T09:00")).isValid());
    QVERIFY(!parseRfc3339(QStringLiteral("2026-13-01T09:00:00Z")).isValid());
}

void TestSchedule::instantsFromMs_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, qint64 ms, const char *expected) {
        QTest::newRow(name) << ms << QString::fromLatin1(expected);
    };
    row("epoch", 0, "1970-01-01T00:00:00.000Z");
    row("last ms before the epoch", -1, "1969-12-31T23:59:59.999Z");
    row("leap day", 951'782'400'123, "2000-02-29T00:00:00.123Z");
    row("end of a leap year", 4'133'980'799'999, "2100-12-31T23:59:59.999Z");
    row("2100 is not a leap year", 4'107'542'400'000, "2100-03-01T00:00:00.000Z");
    row("the day before it", 4'107'542'399'999, "2100-02-28T23:59:59.999Z");
    row("a run's instant", 1'796'290'445'007, "2026-12-03T09:34:05.007Z");
    row("year 1", -62'135'596'800'000, "0001-01-01T00:00:00.000Z");
    row("year 9999", 253'402'300'799'999, "9999-12-31T23:59:59.999Z");
}

void TestSchedule::instantsFromMs()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(rfc3339FromMs(ms), expected);
    // The same text QDateTime gives, which parses back to the same instant.
    QCOMPARE(rfc3339FromMs(ms),
             QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                 .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")));
    QCOMPARE(parseRfc3339(expected).toMSecsSinceEpoch(), ms);
}

QTEST_APPLESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
