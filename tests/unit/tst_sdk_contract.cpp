// The Lua SDK 1.0 contract: every behaviour docs/lua-sdk.md promises, one row
// each. Editing this file is an SDK version change: existing rows may only
// change together with ctx.sdk_version. Engine internals are tested elsewhere
// (tst_sandbox, tst_luajson, tst_sdkstorage, tst_sdkhttp).
#include "SdkTestServices.h"
#include "core/Crypto.h"
#include "sandbox/SdkCatalog.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>
#include <thread>

using namespace hearth;
using namespace hearth::lua;

class TestSdkContract : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void contract_data();
    void contract();
    void theCatalogIsTheSdk();

private:
    std::unique_ptr<SdkTestServices> m_sdk;
    httplib::Server m_server;
    std::thread m_serverThread;
    int m_port = 0;
};

void TestSdkContract::initTestCase()
{
    m_sdk = std::make_unique<SdkTestServices>();
    QVERIFY(m_sdk->ready);
    bool created = false;
    QVERIFY(m_sdk->secrets->put(QStringLiteral("GITHUB_TOKEN"), "ghp_contract", &created).ok());

    m_server.Get("/price", [](const httplib::Request &, httplib::Response &res) {
        res.set_header("X-A", "1");
        res.set_content(R"({"price": 9.5})", "application/json");
    });
    m_server.Get("/gone",
                 [](const httplib::Request &, httplib::Response &res) { res.status = 410; });
    m_server.Get("/to-http", [](const httplib::Request &, httplib::Response &res) {
        res.set_redirect("/price");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_serverThread = std::thread([this]() { m_server.listen_after_bind(); });
}

void TestSdkContract::cleanupTestCase()
{
    m_server.stop();
    m_serverThread.join();
    m_sdk.reset();
}

void TestSdkContract::contract_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("result"); // the JSON result, or empty when `error` is set
    QTest::addColumn<QString>("error"); // outcome code and a message fragment

    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(m_port);

    // ctx
    QTest::newRow("ctx.sdk_version")
        << QByteArray("return ctx.sdk_version") << QByteArray(R"("1.0")") << QString();
    QTest::newRow("ctx.event") << QByteArray("return ctx.event.price") << QByteArray("12.5")
                               << QString();
    QTest::newRow("ctx.last") << QByteArray("return ctx.last.price") << QByteArray("10")
                              << QString();
    QTest::newRow("ctx.run") << QByteArray(
                                    "return { ctx.run.id, ctx.run.attempt, ctx.run.trigger }")
                             << QByteArray(R"(["r1",2,"schedule"])") << QString();
    QTest::newRow("ctx.watcher") << QByteArray("return ctx.watcher.name")
                                 << QByteArray(R"("prices")") << QString();
    // json
    QTest::newRow("json integers and floats")
        << QByteArray("return json.encode({1, 1.0})") << QByteArray(R"("[1,1.0]")") << QString();
    QTest::newRow("json float stays float") << QByteArray("return math.type(json.decode('1.0'))")
                                            << QByteArray(R"("float")") << QString();
    QTest::newRow("json null keeps the key")
        << QByteArray(R"(return json.encode(json.decode('{"a":null}')))")
        << QByteArray(R"("{\"a\":null}")") << QString();
    QTest::newRow("json decoded [] stays []") << QByteArray("return json.encode(json.decode('[]'))")
                                              << QByteArray(R"("[]")") << QString();
    QTest::newRow("json empty table is {}")
        << QByteArray("return json.encode({})") << QByteArray(R"("{}")") << QString();
    QTest::newRow("json huge integer is a float")
        << QByteArray("return math.type(json.decode('123456789012345678901'))")
        << QByteArray(R"("float")") << QString();
    QTest::newRow("json error position")
        << QByteArray(R"(return json.decode('{"a" 1}'))") << QByteArray()
        << QStringLiteral("script_error: json.decode: expected : at byte 5");
    QTest::newRow("json NaN") << QByteArray("return json.encode(0/0)") << QByteArray()
                              << QStringLiteral("script_error: NaN");
    // log and print
    QTest::newRow("log levels")
        << QByteArray(
               "log.trace('t') log.info('i', {n = 1}) log.warn('w') log.error('e') return true")
        << QByteArray("true") << QString();
    QTest::newRow("print") << QByteArray("print('checked', 3, 'feeds') return true")
                           << QByteArray("true") << QString();
    // kv
    QTest::newRow("kv round trip") << QByteArray("kv.set('k', {1.0, json.null}) return kv.get('k')")
                                   << QByteArray("[1.0,null]") << QString();
    QTest::newRow("kv missing is nil")
        << QByteArray("return kv.get('never-set') == nil") << QByteArray("true") << QString();
    QTest::newRow("kv delete missing is fine")
        << QByteArray("kv.delete('never-set') return true") << QByteArray("true") << QString();
    QTest::newRow("kv list")
        << QByteArray("kv.set('feeds/a', 1) kv.set('feeds/b', 2) return kv.list('feeds/')")
        << QByteArray(R"(["feeds/a","feeds/b"])") << QString();
    QTest::newRow("kv.global") << QByteArray("kv.global.set('g', 'x') return kv.global.get('g')")
                               << QByteArray(R"("x")") << QString();
    QTest::newRow("kv key limit") << QByteArray("kv.set(('k'):rep(257), 1)") << QByteArray()
                                  << QStringLiteral(
                                         "script_error: kv.set: the key is 257 bytes long");
    // secrets
    QTest::newRow("secrets.get") << QByteArray(
                                        "return secrets.get('GITHUB_TOKEN') == 'ghp_contract'")
                                 << QByteArray("true") << QString();
    QTest::newRow("secrets redacted from results")
        << QByteArray("return {token = secrets.get('GITHUB_TOKEN')}")
        << QByteArray(R"({"token":"***"})") << QString();
    QTest::newRow("secrets redacted from errors")
        << QByteArray("error('bad ' .. secrets.get('GITHUB_TOKEN'))") << QByteArray()
        << QStringLiteral("script_error: bad ***");
    QTest::newRow("secrets missing") << QByteArray("return secrets.get('NOPE')") << QByteArray()
                                     << QStringLiteral("script_error: secrets.get: no secret NOPE");
    // notify
    QTest::newRow("notify")
        << QByteArray(
               "notify{ title = 'Price dropped', body = 'now 9.5', level = 'warning' } return true")
        << QByteArray("true") << QString();
    QTest::newRow("notify needs a title")
        << QByteArray("notify{ body = 'x' }") << QByteArray()
        << QStringLiteral("script_error: notify: title must be a non-empty string");
    // http
    QTest::newRow("http.get")
        << ("local r = http.get('" + base +
            "/price') return { r.status, json.decode(r.body).price, r.headers['x-a'] }")
        << QByteArray(R"([200,9.5,"1"])") << QString();
    QTest::newRow("http status is an answer")
        << ("return http.get('" + base + "/gone').status") << QByteArray("410") << QString();
    QTest::newRow("http only http and https")
        << QByteArray("http.get('file:///etc/passwd')") << QByteArray()
        << QStringLiteral("script_error: only http:// and https://");
    QTest::newRow("http redirects https only")
        << ("http.get('" + base + "/to-http')") << QByteArray()
        << QStringLiteral("script_error: only https to https is followed");
    // limits and the result
    QTest::newRow("no result is null")
        << QByteArray("local x = 1") << QByteArray("null") << QString();
    QTest::newRow("instruction limit survives pcall")
        << QByteArray("pcall(function() while true do end end) return 1") << QByteArray()
        << QStringLiteral("instruction_limit: ");
    QTest::newRow("memory limit") << QByteArray("local t = {} while true do t[#t + 1] = {} end")
                                  << QByteArray() << QStringLiteral("memory_limit: ");
    QTest::newRow("output too large") << QByteArray("return ('x'):rep(1048577)") << QByteArray()
                                      << QStringLiteral("output_too_large: ");
    QTest::newRow("no load") << QByteArray("return load") << QByteArray("null") << QString();
    QTest::newRow("string metatable locked")
        << QByteArray("return getmetatable('')") << QByteArray("false") << QString();
    QTest::newRow("collectgarbage count only")
        << QByteArray("collectgarbage('stop')") << QByteArray()
        << QStringLiteral("script_error: collectgarbage: only \"count\"");
}

void TestSdkContract::contract()
{
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, result);
    QFETCH(QString, error);
    ScriptContext context;
    context.runId = QStringLiteral("r1");
    context.attempt = 2;
    context.trigger = QStringLiteral("schedule");
    context.watcherId = QStringLiteral("w1");
    context.watcherName = QStringLiteral("prices");
    context.eventJson = R"({"price": 12.5})";
    context.lastResultJson = R"({"price": 10})";
    Limits limits;
    limits.instructions = 10'000'000;
    limits.memoryBytes = 32 * 1024 * 1024;
    const ExecutionResult run = m_sdk->run(source, context, limits);
    if (error.isEmpty()) {
        QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
        QCOMPARE(run.resultJson, result);
    } else {
        const QString actual = outcomeName(run.outcome) + QStringLiteral(": ") + run.errorMessage;
        const QString code = error.section(u':', 0, 0);
        const QString fragment = error.section(u':', 1).trimmed();
        QCOMPARE(outcomeName(run.outcome), code);
        QVERIFY2(run.errorMessage.contains(fragment), qPrintable(actual));
        QCOMPARE(run.resultJson, QByteArray("null"));
    }
}

void TestSdkContract::theCatalogIsTheSdk()
{
    // sdk::Modules is the one list of the SDK's modules: a script in a host
    // sees each with its functions, and no global beyond them and Lua's own.
    QFile doc(QStringLiteral(HEARTH_SOURCE_DIR "/docs/lua-sdk.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString documentation = QString::fromUtf8(doc.readAll());
    QStringList globals;
    for (const sdk::Module &module : sdk::Modules) {
        const QString global = QString::fromLatin1(module.global);
        globals.append(global);
        QVERIFY2(documentation.contains(QStringLiteral("## `") + global),
                 qPrintable(QStringLiteral("docs/lua-sdk.md has no section for ") + global));
        QVERIFY(!QString::fromUtf8(module.summary).isEmpty());
        QString check = QStringLiteral("local found = { [\"%1\"] = type(%1) }\n").arg(global);
        const QStringList functions =
            QString::fromLatin1(module.functions).split(u' ', Qt::SkipEmptyParts);
        for (const QString &function : functions) {
            const QString name = global + u'.' + function;
            QVERIFY2(documentation.contains(u'`' + name),
                     qPrintable(QStringLiteral("docs/lua-sdk.md does not document ") + name));
            check += QStringLiteral("found[\"%1\"] = type(%1)\n").arg(name);
        }
        check += QStringLiteral("return found");
        const ExecutionResult run = m_sdk->run(check.toUtf8());
        QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
        const QJsonObject found = QJsonDocument::fromJson(run.resultJson).object();
        QVERIFY2(found.value(global).toString() != u"nil", qPrintable(global));
        for (const QString &function : functions)
            QCOMPARE(found.value(global + u'.' + function).toString(), QStringLiteral("function"));
    }

    const QStringList luaOwn { QStringLiteral("_G"),           QStringLiteral("_VERSION"),
                               QStringLiteral("assert"),       QStringLiteral("collectgarbage"),
                               QStringLiteral("coroutine"),    QStringLiteral("error"),
                               QStringLiteral("getmetatable"), QStringLiteral("ipairs"),
                               QStringLiteral("math"),         QStringLiteral("next"),
                               QStringLiteral("os"),           QStringLiteral("pairs"),
                               QStringLiteral("pcall"),        QStringLiteral("rawequal"),
                               QStringLiteral("rawget"),       QStringLiteral("rawlen"),
                               QStringLiteral("rawset"),       QStringLiteral("select"),
                               QStringLiteral("setmetatable"), QStringLiteral("string"),
                               QStringLiteral("table"),        QStringLiteral("tonumber"),
                               QStringLiteral("tostring"),     QStringLiteral("type"),
                               QStringLiteral("utf8"),         QStringLiteral("warn"),
                               QStringLiteral("xpcall") };
    const ExecutionResult run =
        m_sdk->run("local names = {} for name in pairs(_G) do names[#names + 1] = name end "
                   "return names");
    QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
    const QJsonArray seen = QJsonDocument::fromJson(run.resultJson).array();
    for (const QJsonValue &name : seen) {
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
        if (name.toString() == u"hearth_test")
            continue; // test builds only
#endif
        QVERIFY2(globals.contains(name.toString()) || luaOwn.contains(name.toString()),
                 qPrintable(QStringLiteral("a global outside the catalog: ") + name.toString()));
    }
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
    constexpr int TestFunctions = 1;
#else
    constexpr int TestFunctions = 0;
#endif
    QCOMPARE(seen.size(), globals.size() + luaOwn.size() + TestFunctions);
}

QTEST_GUILESS_MAIN(TestSdkContract)
#include "tst_sdk_contract.moc"
