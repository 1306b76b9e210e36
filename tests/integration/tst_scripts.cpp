// Ad-hoc script runs against a real hearthd: the endpoint, its limits, the
// CLI, and that hearthd keeps answering while scripts burn their budgets.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace hearth::test;

namespace {
QByteArray runBody(const QByteArray &source, const QJsonObject &extra = {})
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("source"), QString::fromUtf8(source));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}
} // namespace

class TestScripts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runsAScript();
    void limitsAreValidated_data();
    void limitsAreValidated();
    void limitBreachesAreDistinct();
    void hearthdAnswersWhileScriptsBurn();
    void escapesEndInTheirErrorWhileHearthdAnswers_data();
    void escapesEndInTheirErrorWhileHearthdAnswers();
    void cli();
    void notificationsFromScripts();

private:
    std::unique_ptr<HearthdProcess> m_hearthd;
};

void TestScripts::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestScripts::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestScripts::runsAScript()
{
    const HttpResponse response = call(
        m_hearthd->port(), "POST", "/api/v1/scripts/run",
        runBody(
            R"lua(log.info("price", {value = ctx.event.price}) return {seen = ctx.event.price, big = 9007199254740993})lua",
            { { QStringLiteral("event"), QJsonObject { { QStringLiteral("price"), 12.5 } } } }));
    QCOMPARE(response.status, 200);
    const QJsonObject result = json(response);
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QVERIFY(result.value(QStringLiteral("error")).isNull());
    QVERIFY2(response.body.contains(R"("big":9007199254740993)"), response.body.constData());
    const QJsonArray logs = result.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs.at(0)
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toDouble(),
             12.5);
    for (const char *field : { "duration_ms", "instructions", "peak_memory" })
        QVERIFY2(result.contains(QLatin1String(field)), field);
    QVERIFY(result.value(QStringLiteral("peak_memory")).toInteger() > 0);
}

void TestScripts::limitsAreValidated_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("no source") << QByteArray("{}") << 422 << QStringLiteral("source:");
    QTest::newRow("event not an object")
        << QByteArray(R"j({"source":"return 1","event":[1]})j") << 422 << QStringLiteral("event:");
    QTest::newRow("instructions above ceiling")
        << QByteArray(R"j({"source":"return 1","limits":{"instructions":1000000000000}})j") << 422
        << QStringLiteral("limits.instructions: 1000000000000 is above the ceiling of 1000000000");
    QTest::newRow("memory above ceiling")
        << QByteArray(R"j({"source":"return 1","limits":{"memory_bytes":1073741824}})j") << 422
        << QStringLiteral("limits.memory_bytes: 1073741824 is above the ceiling of 536870912");
    QTest::newRow("timeout above ceiling")
        << QByteArray(R"j({"source":"return 1","limits":{"timeout_ms":300001}})j") << 422
        << QStringLiteral("limits.timeout_ms: 300001 is above the ceiling of 300000");
    QTest::newRow("memory below minimum")
        << QByteArray(R"j({"source":"return 1","limits":{"memory_bytes":1000}})j") << 422
        << QStringLiteral("limits.memory_bytes: 1000 is below the minimum");
    QTest::newRow("fractional") << QByteArray(
                                       R"j({"source":"return 1","limits":{"timeout_ms":1.5}})j")
                                << 422 << QStringLiteral("limits.timeout_ms:");
    // A misspelt field is an error, not silently the default.
    QTest::newRow("unknown limit")
        << QByteArray(R"j({"source":"return 1","limits":{"timeout_s":3}})j") << 422
        << QStringLiteral("limits.timeout_s: is not a field");
    QTest::newRow("unknown field") << QByteArray(R"j({"source":"return 1","evnt":{}})j") << 422
                                   << QStringLiteral("evnt: is not a field");
    QTest::newRow("malformed") << QByteArray(R"j({"source":)j") << 400
                               << QStringLiteral("malformed JSON");
    QTest::newRow("lower limits are fine")
        << QByteArray(
               R"j({"source":"return 1","limits":{"instructions":5000,"memory_bytes":2097152,"timeout_ms":1000}})j")
        << 200 << QString();
}

void TestScripts::limitsAreValidated()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    const HttpResponse response = call(m_hearthd->port(), "POST", "/api/v1/scripts/run", body);
    QCOMPARE(response.status, status);
    if (!message.isEmpty()) {
        const QString actual = json(response)
                                   .value(QStringLiteral("error"))
                                   .toObject()
                                   .value(QStringLiteral("message"))
                                   .toString();
        QVERIFY2(actual.startsWith(message), qPrintable(actual));
    }
}

void TestScripts::limitBreachesAreDistinct()
{
    const QList<QPair<QByteArray, QString>> cases {
        { R"j({"source":"while true do end","limits":{"instructions":100000}})j",
          QStringLiteral("instruction_limit") },
        { R"j({"source":"local t = {} while true do t[#t+1] = {} end","limits":{"memory_bytes":2097152}})j",
          QStringLiteral("memory_limit") },
        { R"j({"source":"while true do end","limits":{"instructions":1000000000,"timeout_ms":300}})j",
          QStringLiteral("timeout") },
        { R"j({"source":"return ('x'):rep(2000000)"})j", QStringLiteral("output_too_large") },
        { R"j({"source":"error('boom')"})j", QStringLiteral("script_error") },
        { R"j({"source":"return (","limits":{}})j", QStringLiteral("script_error") },
    };
    for (const auto &[body, code] : cases) {
        const HttpResponse response = call(m_hearthd->port(), "POST", "/api/v1/scripts/run", body);
        QCOMPARE(response.status, 200);
        const QJsonObject result = json(response);
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(result.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 code);
        QVERIFY(result.value(QStringLiteral("result")).isNull());
    }
    const QJsonObject syntax =
        json(call(m_hearthd->port(), "POST", "/api/v1/scripts/run", R"j({"source":"return ("})j"));
    QVERIFY(syntax.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(u"script:1:"));
    const QJsonObject boom = json(
        call(m_hearthd->port(), "POST", "/api/v1/scripts/run", R"j({"source":"error('boom')"})j"));
    QVERIFY(boom.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("traceback"))
                .toString()
                .contains(u"stack traceback"));
}

void TestScripts::hearthdAnswersWhileScriptsBurn()
{
    // Two long scripts occupy the whole script pool; the API must not notice.
    const quint16 port = m_hearthd->port();
    std::atomic<int> finished = 0;
    std::vector<std::thread> burners;
    for (int i = 0; i < 2; ++i) {
        burners.emplace_back([port, &finished]() {
            call(
                port, "POST", "/api/v1/scripts/run",
                R"j({"source":"while true do end","limits":{"instructions":1000000000,"timeout_ms":3000}})j",
                20000);
            ++finished;
        });
    }
    QThread::msleep(300);
    qint64 slowest = 0;
    int probes = 0;
    while (finished.load() < 2) {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(call(port, "GET", "/healthz").status, 200);
        slowest = qMax(slowest, timer.elapsed());
        ++probes;
        QThread::msleep(50);
    }
    for (auto &burner : burners)
        burner.join();
    qInfo("%d /healthz probes during two busy scripts, slowest %lld ms", probes, slowest);
    QVERIFY(probes > 10);
    QVERIFY2(slowest < scaled(100), qPrintable(QString::number(slowest)));
}

void TestScripts::escapesEndInTheirErrorWhileHearthdAnswers_data()
{
    // SECURITY.md's escape and exhaustion cases through a real hearthd: each
    // ends in its documented error, and /healthz answers within 100 ms all
    // the while.
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("limits");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QByteArray none = "{}";
    QTest::newRow("load") << QByteArray("return load('return 1')()") << none
                          << QStringLiteral("script_error") << QStringLiteral("global 'load'");
    QTest::newRow("bytecode") << QByteArray("\x1bLua") << none << QStringLiteral("script_error")
                              << QStringLiteral("binary chunk");
    QTest::newRow("string.dump") << QByteArray("return string.dump(print)") << none
                                 << QStringLiteral("script_error") << QStringLiteral("'dump'");
    QTest::newRow("io") << QByteArray("return io.open('/etc/passwd')") << none
                        << QStringLiteral("script_error") << QStringLiteral("global 'io'");
    QTest::newRow("os.execute") << QByteArray("os.execute('true')") << none
                                << QStringLiteral("script_error") << QStringLiteral("'execute'");
    QTest::newRow("package.loadlib")
        << QByteArray("package.loadlib('libc.so.6', 'system')") << none
        << QStringLiteral("script_error") << QStringLiteral("global 'package'");
    QTest::newRow("debug") << QByteArray("debug.sethook()") << none
                           << QStringLiteral("script_error") << QStringLiteral("global 'debug'");
    QTest::newRow("string metatable")
        << QByteArray("getmetatable('').__index.rep = nil") << none
        << QStringLiteral("script_error") << QStringLiteral("boolean");
    QTest::newRow("endless loop") << QByteArray("while true do end") << none
                                  << QStringLiteral("instruction_limit") << QString();
    QTest::newRow("endless loop, timeout")
        << QByteArray("while true do end")
        << QByteArray(R"({"instructions":1000000000,"timeout_ms":500})")
        << QStringLiteral("timeout") << QString();
    // The Lua stack grows into the memory quota before Lua's own depth
    // limit when the quota is 64 MiB (with the default, 256 MiB, Lua's
    // "stack overflow" comes first: script_error).
    QTest::newRow("deep recursion") << QByteArray("local function f() return 1 + f() end f()")
                                    << QByteArray(R"({"memory_bytes":67108864})")
                                    << QStringLiteral("memory_limit") << QString();
    QTest::newRow("string.rep 2^40")
        << QByteArray("return ('x'):rep(2^40)") << none << QStringLiteral("memory_limit")
        << QStringLiteral("string.rep");
    QTest::newRow("table growth") << QByteArray("local t = {} while true do t[#t + 1] = {} end")
                                  << none << QStringLiteral("memory_limit") << QString();
    QTest::newRow("pathological pattern")
        << QByteArray("return ('a'):rep(2^21):find('a*b')") << none
        << QStringLiteral("instruction_limit") << QString();
    QTest::newRow("coroutine loop")
        << QByteArray("for i = 1, 1e6 do end coroutine.wrap(function() while true do end end)()")
        << none << QStringLiteral("instruction_limit") << QString();
    QTest::newRow("pcall swallows the limit")
        << QByteArray("while true do pcall(function() while true do end end) end") << none
        << QStringLiteral("instruction_limit") << QString();
}

void TestScripts::escapesEndInTheirErrorWhileHearthdAnswers()
{
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, limits);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const quint16 port = m_hearthd->port();
    const QByteArray body =
        QJsonDocument(
            QJsonObject { { QStringLiteral("source"), QString::fromUtf8(source) },
                          { QStringLiteral("limits"), QJsonDocument::fromJson(limits).object() } })
            .toJson(QJsonDocument::Compact);
    std::atomic<bool> finished = false;
    HttpResponse response;
    std::thread runner([&]() {
        response = call(port, "POST", "/api/v1/scripts/run", body, 120000);
        finished = true;
    });
    qint64 slowest = 0;
    int probes = 0;
    int failedProbe = 0;
    while (!finished.load() || probes == 0) {
        QElapsedTimer timer;
        timer.start();
        const int status = call(port, "GET", "/healthz").status;
        slowest = qMax(slowest, timer.elapsed());
        ++probes;
        if (status != 200)
            failedProbe = status;
        QThread::msleep(20);
    }
    runner.join();
    QCOMPARE(failedProbe, 0);
    QCOMPARE(response.status, 200);
    const QJsonObject error = json(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY2(slowest < scaled(100), qPrintable(QString::number(slowest)));
    QCOMPARE(call(port, "GET", "/healthz").status, 200);
}

void TestScripts::cli()
{
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("check.lua")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("log.info('checking', {n = ctx.event.n})\nreturn {double = ctx.event.n * 2}\n");
    script.close();
    QProcess ok;
    ok.start(binary(QStringLiteral("hearth")),
             { QStringLiteral("--data-dir"), m_hearthd->dataDir(), QStringLiteral("script"),
               QStringLiteral("run"), script.fileName(), QStringLiteral("--event"),
               QStringLiteral("{\"n\": 21}") });
    QVERIFY(ok.waitForFinished(scaled(20000)));
    QCOMPARE(ok.exitCode(), 0);
    const QByteArray out = ok.readAllStandardOutput();
    QVERIFY2(out.contains("INFO  checking {\"n\":21}"), out.constData());
    QVERIFY2(out.contains("{\"double\":42}"), out.constData());

    QFile failing(dir.filePath(QStringLiteral("fail.lua")));
    QVERIFY(failing.open(QIODevice::WriteOnly));
    failing.write("while true do end\n");
    failing.close();
    QProcess bad;
    bad.start(binary(QStringLiteral("hearth")),
              { QStringLiteral("--data-dir"), m_hearthd->dataDir(), QStringLiteral("script"),
                QStringLiteral("run"), failing.fileName(), QStringLiteral("-o"),
                QStringLiteral("json") });
    QVERIFY(bad.waitForFinished(scaled(60000)));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(bad.readAllStandardError().contains("instruction_limit"));
    QCOMPARE(QJsonDocument::fromJson(bad.readAllStandardOutput())
                 .object()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("failed"));
}

void TestScripts::notificationsFromScripts()
{
    const quint16 port = m_hearthd->port();
    const HttpResponse ran =
        call(port, "POST", "/api/v1/scripts/run",
             runBody("notify{ title = 'one' } notify{ title = 'two', body = 'b', level = 'error' } "
                     "notify{ title = 'three' }"));
    QCOMPARE(json(ran).value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));

    const HttpResponse page = call(port, "GET", "/api/v1/notifications?limit=2");
    QCOMPARE(page.status, 200);
    const QJsonArray items = json(page).value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject newest = items.at(0).toObject();
    QCOMPARE(newest.value(QStringLiteral("title")).toString(), QStringLiteral("three"));
    QVERIFY(newest.value(QStringLiteral("read_at")).isNull());
    QVERIFY(newest.value(QStringLiteral("watcher_id")).isNull());
    const QString cursor = json(page).value(QStringLiteral("next")).toString();
    QVERIFY(!cursor.isEmpty());
    const QJsonArray rest =
        json(call(port, "GET", "/api/v1/notifications?cursor=" + cursor.toLatin1()))
            .value(QStringLiteral("items"))
            .toArray();
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.at(0).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("one"));

    const QByteArray id = newest.value(QStringLiteral("id")).toString().toLatin1();
    const HttpResponse read = call(port, "POST", "/api/v1/notifications/" + id + "/read", "{}");
    QCOMPARE(read.status, 200);
    QVERIFY(!json(read).value(QStringLiteral("read_at")).isNull());
    QCOMPARE(json(call(port, "GET", "/api/v1/notifications?unread=true"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(call(port, "POST", "/api/v1/notifications/999999/read", "{}").status, 404);
    QCOMPARE(call(port, "POST", "/api/v1/notifications/abc/read", "{}").status, 404);
    QCOMPARE(call(port, "GET", "/api/v1/notifications?unread=maybe").status, 422);
    const HttpResponse all = call(port, "POST", "/api/v1/notifications/read-all", "{}");
    QCOMPARE(json(all).value(QStringLiteral("marked")).toInt(), 2);
    QCOMPARE(json(call(port, "GET", "/api/v1/notifications?unread=true"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);
}

QTEST_GUILESS_MAIN(TestScripts)
#include "tst_scripts.moc"
