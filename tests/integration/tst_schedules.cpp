// Schedule previews through a real hearthd and the CLI's `schedule next`.
#include "HearthdProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace hearth::test;

class TestSchedules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void preview();
    void previewErrors_data();
    void previewErrors();
    void cliScheduleNext();

private:
    QStringList withDataDir(QStringList arguments) const
    {
        return QStringList { QStringLiteral("--data-dir"), m_hearthd->dataDir() } + arguments;
    }
    std::unique_ptr<HearthdProcess> m_hearthd;
};

void TestSchedules::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestSchedules::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestSchedules::preview()
{
    const HttpResponse response =
        call(m_hearthd->port(), "POST", "/api/v1/schedules/preview",
             R"({"schedule":{"cron":"30 2 * * *","tz":"Europe/Berlin"},"count":2,)"
             R"("from":"2026-03-28T12:00:00Z"})");
    QCOMPARE(response.status, 200);
    const QJsonObject body = json(response);
    QCOMPARE(body.value(QStringLiteral("tz")).toString(), QStringLiteral("Europe/Berlin"));
    const QJsonArray fires = body.value(QStringLiteral("fires")).toArray();
    QCOMPARE(fires.size(), 2);
    // 02:30 does not exist on 2026-03-29: it fires once, when the clock jumps.
    QCOMPARE(fires.at(0).toObject().value(QStringLiteral("utc")).toString(),
             QStringLiteral("2026-03-29T01:00:00Z"));
    QCOMPARE(fires.at(0).toObject().value(QStringLiteral("local")).toString(),
             QStringLiteral("2026-03-29T03:00:00+02:00"));
    QCOMPARE(fires.at(1).toObject().value(QStringLiteral("local")).toString(),
             QStringLiteral("2026-03-30T02:30:00+02:00"));

    // Without "from": the next five from now, in order.
    const QJsonArray fromNow = json(call(m_hearthd->port(), "POST", "/api/v1/schedules/preview",
                                         R"({"schedule":{"every_s":60}})"))
                                   .value(QStringLiteral("fires"))
                                   .toArray();
    QCOMPARE(fromNow.size(), 5);
    QVERIFY(fromNow.at(0).toObject().value(QStringLiteral("utc")).toString() >
            QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
}

void TestSchedules::previewErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("cron field") << QByteArray(R"({"schedule":{"cron":"* * 32 * *"}})")
                                << QStringLiteral("schedule.cron");
    QTest::newRow("zone") << QByteArray(R"({"schedule":{"cron":"@daily","tz":"Nowhere/City"}})")
                          << QStringLiteral("schedule.tz");
    QTest::newRow("no schedule") << QByteArray(R"({"count":3})") << QStringLiteral("schedule");
    QTest::newRow("count too high")
        << QByteArray(R"({"schedule":{"every_s":5},"count":51})") << QStringLiteral("count");
    QTest::newRow("count zero") << QByteArray(R"({"schedule":{"every_s":5},"count":0})")
                                << QStringLiteral("count");
    QTest::newRow("from without offset")
        << QByteArray(R"({"schedule":{"every_s":5},"from":"2026-01-01T00:00:00"})")
        << QStringLiteral("from");
}

void TestSchedules::previewErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const HttpResponse response =
        call(m_hearthd->port(), "POST", "/api/v1/schedules/preview", body);
    QCOMPARE(response.status, 422);
    const QJsonObject error = json(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_request"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().startsWith(field),
             qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestSchedules::cliScheduleNext()
{
    const CliResult table = runCli(withDataDir(
        { QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("*/30 * * * *"),
          QStringLiteral("--tz"), QStringLiteral("Europe/Berlin"), QStringLiteral("--from"),
          QStringLiteral("2026-10-24T23:45:00Z"), QStringLiteral("--count"),
          QStringLiteral("3") }));
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains("2026-10-25T00:00:00Z  2026-10-25T02:00:00+02:00"), table.out);
    QVERIFY2(table.out.contains("2026-10-25T00:30:00Z  2026-10-25T02:30:00+02:00"), table.out);
    // The repeated hour's second pass does not fire again.
    QVERIFY2(table.out.contains("2026-10-25T02:00:00Z  2026-10-25T03:00:00+01:00"), table.out);

    const CliResult interval =
        runCli(withDataDir({ QStringLiteral("schedule"), QStringLiteral("next"),
                             QStringLiteral("every 90s"), QStringLiteral("--from"),
                             QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("--count"),
                             QStringLiteral("2"), QStringLiteral("-o"), QStringLiteral("json") }));
    QCOMPARE(interval.exitCode, 0);
    const QJsonArray fires =
        QJsonDocument::fromJson(interval.out).object().value(QStringLiteral("fires")).toArray();
    QCOMPARE(fires.size(), 2);
    QCOMPARE(fires.at(1).toObject().value(QStringLiteral("utc")).toString(),
             QStringLiteral("2026-01-01T00:03:00Z"));

    const CliResult bad = runCli(withDataDir(
        { QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("61 * * * *") }));
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("schedule.cron: field 1 (minute)"), bad.err);
    QCOMPARE(bad.err.count('\n'), 1);

    const CliResult badInterval = runCli(withDataDir(
        { QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("every often") }));
    QCOMPARE(badInterval.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestSchedules)
#include "tst_schedules.moc"
