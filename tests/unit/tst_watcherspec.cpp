// Watcher validation: defaults, every field's errors (naming the field),
// ceilings from hearthd's config, scripts that do not compile, and PATCH.
#include "scheduler/WatcherSpec.h"

#include <QJsonDocument>
#include <QTest>

using namespace hearth::scheduler;

namespace {
const hearth::lua::Limits Ceilings { 1'000'000'000, 512LL * 1024 * 1024, 300'000 };

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestWatcherSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsAndRoundTrip();
    void invalid_data();
    void invalid();
    void patch();
};

void TestWatcherSpec::defaultsAndRoundTrip()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":" prices ","script":"return 1","schedule":{"every_s":60}})"), Ceilings);
    QVERIFY2(spec.ok(), qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->name, QStringLiteral("prices"));
    QCOMPARE(spec->maxAttempts, 3);
    QCOMPARE(spec->backoffBaseSeconds, 30);
    QCOMPARE(spec->backoffMaxSeconds, 3600);
    QVERIFY(spec->concurrency == Concurrency::Forbid);
    QVERIFY(spec->catchUp == CatchUp::Once);
    QVERIFY(spec->notifyPolicy == NotifyPolicy::OnFailure);
    QCOMPARE(spec->limits.timeoutMs, 30'000);
    const QJsonObject json = spec->toJson();
    QCOMPARE(json.value(QStringLiteral("concurrency")).toString(), QStringLiteral("forbid"));
    auto again = WatcherSpec::fromJson(json, Ceilings);
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), json);
}

void TestWatcherSpec::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *extra, const char *field,
                        const char *message) {
        QByteArray json = R"({"name":"w","script":"return 1","schedule":{"every_s":60})";
        json += extra;
        json += '}';
        QTest::newRow(name) << json << QString::fromLatin1(field) << QString::fromLatin1(message);
    };
    row("unknown field", R"(,"colour":"red")", "colour", "is not a field");
    row("script does not compile", R"(,"script":"return (")", "script", "script:1:");
    row("bad schedule", R"(,"schedule":{"cron":"* * 32 * *"})", "schedule.cron", "field 3");
    row("agent kind", R"(,"kind":"agent")", "kind", "device workers");
    row("enabled not bool", R"(,"enabled":"yes")", "enabled", "true or false");
    row("timeout above ceiling", R"(,"timeout_s":301)", "timeout_s",
        "301 is above the ceiling of 300");
    row("instructions above ceiling", R"(,"limits":{"instructions":2000000000})",
        "limits.instructions", "above the ceiling of 1000000000");
    row("memory below minimum", R"(,"limits":{"memory_bytes":10})", "limits.memory_bytes",
        "below the minimum");
    row("unknown limit", R"(,"limits":{"cpu":1})", "limits.cpu", "is not a field");
    row("attempts zero", R"(,"max_attempts":0)", "max_attempts", "below the minimum");
    row("backoff max below base", R"(,"backoff":{"base_s":60,"max_s":30})", "backoff.max_s",
        "below the minimum of 60");
    row("concurrency", R"(,"concurrency":"sometimes")", "concurrency",
        "one of forbid, queue, replace");
    row("catch up", R"(,"catch_up":"most")", "catch_up", "one of once, skip, all");
    row("notify policy", R"(,"notify":{"policy":"loudly"})", "notify.policy", "on_failure");
    row("notify budget", R"(,"notify":{"daily_budget":-1})", "notify.daily_budget", "below");
    QTest::newRow("no name") << QByteArray(R"({"script":"return 1","schedule":{"every_s":60}})")
                             << QStringLiteral("name") << QStringLiteral("non-empty");
    QTest::newRow("no schedule") << QByteArray(R"({"name":"w","script":"return 1"})")
                                 << QStringLiteral("schedule") << QStringLiteral("required");
}

void TestWatcherSpec::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto spec = WatcherSpec::fromJson(object(json), Ceilings);
    QVERIFY(!spec);
    QCOMPARE(spec.error().field, field);
    QVERIFY2(spec.error().message.contains(message), qPrintable(spec.error().message));
}

void TestWatcherSpec::patch()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":"w","script":"return 1","schedule":{"every_s":60},"max_attempts":5})"),
        Ceilings);
    QVERIFY(spec.ok());
    auto patched = WatcherSpec::patched(spec.value(), object(R"({"enabled":false})"), Ceilings);
    QVERIFY(patched.ok());
    QCOMPARE(patched->enabled, false);
    QCOMPARE(patched->maxAttempts, 5);
    const auto refused = WatcherSpec::patched(spec.value(), object(R"({"script":"("})"), Ceilings);
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, QStringLiteral("script"));
}

QTEST_APPLESS_MAIN(TestWatcherSpec)
#include "tst_watcherspec.moc"
