// The SDK's kv and secrets modules over a real database and secret store:
// namespaces, value fidelity, errors, and redaction of every secret a run
// read from its logs and errors.
#include "SdkTestServices.h"
#include "core/Crypto.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::lua;

class TestSdkStorage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void kvRoundTripsAndNamespaces();
    void kvErrors_data();
    void kvErrors();
    void secretsGetAndRedaction();
    void redactionWhateverTheSecretsBytes_data();
    void redactionWhateverTheSecretsBytes();
    void secretsErrorsNeverShowValues();
    void notifyCreatesNotifications();
    void notifyValidation_data();
    void notifyValidation();
    void withoutServices();

private:
    ExecutionResult run(const QByteArray &source, const QString &watcherId = {})
    {
        ScriptContext context;
        context.watcherId = watcherId;
        context.runId = QStringLiteral("r9");
        return m_sdk->run(source, context);
    }
    std::unique_ptr<SdkTestServices> m_sdk;
};

void TestSdkStorage::init()
{
    m_sdk = std::make_unique<SdkTestServices>();
    QVERIFY(m_sdk->ready);
}

void TestSdkStorage::cleanup()
{
    m_sdk.reset();
}

void TestSdkStorage::kvRoundTripsAndNamespaces()
{
    const ExecutionResult first = run(R"lua(
        kv.set("seen", { ids = {1, 2}, price = 1.0, note = json.null, empty = json.decode("[]") })
        kv.set("feeds/a", true)
        kv.set("feeds/b", 3)
        kv.global.set("shared", "for everyone")
        return { got = kv.get("seen"), missing = kv.get("nope"), keys = kv.list("feeds/"),
                 all = kv.list() }
    )lua",
                                      QStringLiteral("w1"));
    QCOMPARE(outcomeName(first.outcome), QStringLiteral("succeeded"));
    QVERIFY2(first.resultJson.contains(R"("got":{)"), first.resultJson.constData());
    QVERIFY(first.resultJson.contains(R"("price":1.0)"));
    QVERIFY(first.resultJson.contains(R"("empty":[])"));
    QVERIFY(first.resultJson.contains(R"("note":null)"));
    QVERIFY(first.resultJson.contains(R"("keys":["feeds/a","feeds/b"])"));
    QVERIFY(first.resultJson.contains(R"("all":["feeds/a","feeds/b","seen"])"));
    QVERIFY(!first.resultJson.contains("missing"));

    // Stored where the API sees them: watcher namespace and global.
    QCOMPARE(
        m_sdk->kv.get(QStringLiteral("watcher:w1"), QStringLiteral("feeds/b")).value()->valueJson,
        QByteArray("3"));
    QCOMPARE(m_sdk->kv.get(QString(), QStringLiteral("shared")).value()->valueJson,
             QByteArray(R"("for everyone")"));

    // Another watcher sees its own namespace, and the global one.
    const ExecutionResult other = run(R"lua(
        kv.delete("seen")
        return { mine = kv.get("seen"), shared = kv.global.get("shared"), keys = kv.list() }
    )lua",
                                      QStringLiteral("w2"));
    QCOMPARE(outcomeName(other.outcome), QStringLiteral("succeeded"));
    QVERIFY2(other.resultJson == R"({"keys":[],"shared":"for everyone"})" ||
                 other.resultJson == R"({"shared":"for everyone","keys":[]})",
             other.resultJson.constData());
    QVERIFY(
        m_sdk->kv.get(QStringLiteral("watcher:w1"), QStringLiteral("seen")).value().has_value());
}

void TestSdkStorage::kvErrors_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty key") << QByteArray("kv.set('', 1)")
                               << QStringLiteral("kv.set: the key is empty");
    QTest::newRow("long key") << QByteArray("kv.get(('k'):rep(300))")
                              << QStringLiteral("kv.get: the key is 300 bytes long");
    QTest::newRow("byte order mark")
        << QByteArray("kv.global.set('\\u{FEFF}abc', 1)")
        << QStringLiteral("kv.set: the key contains a format character");
    QTest::newRow("control char") << QByteArray("kv.delete('a\\nb')")
                                  << QStringLiteral(
                                         "kv.delete: the key contains a control character");
    QTest::newRow("function value")
        << QByteArray("kv.set('f', print)") << QStringLiteral("kv.set: cannot encode a function");
    QTest::newRow("too large") << QByteArray("kv.set('big', ('x'):rep(300000))")
                               << QStringLiteral("kv.set: the JSON text would exceed 262144 bytes");
    QTest::newRow("missing value")
        << QByteArray("kv.set('k')") << QStringLiteral("bad argument #2");
}

void TestSdkStorage::kvErrors()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    const ExecutionResult result = run(source);
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QVERIFY2(result.errorMessage.contains(message), qPrintable(result.errorMessage));
}

void TestSdkStorage::secretsGetAndRedaction()
{
    bool created = false;
    QVERIFY(m_sdk->secrets->put(QStringLiteral("TOKEN"), "tok-\"quoted\"-123", &created).ok());
    const ExecutionResult result = run(R"lua(
        local token = secrets.get("TOKEN")
        log.info("using " .. token, { header = "Bearer " .. token })
        print("again", token)
        error("failed with " .. token)
    )lua");
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QCOMPARE(result.logs.size(), 2);
    QCOMPARE(result.logs.at(0).message, QStringLiteral("using ***"));
    QCOMPARE(result.logs.at(0).dataJson, QByteArray(R"({"header":"Bearer ***"})"));
    QCOMPARE(result.logs.at(1).message, QStringLiteral("again\t***"));
    QVERIFY2(result.errorMessage.endsWith(u"failed with ***"), qPrintable(result.errorMessage));
    QVERIFY(!result.traceback.contains(u"tok-"));

    // The value itself reaches the script intact; the result the run leaves
    // behind (stored, shown, the next run's ctx.last) does not carry it.
    const ExecutionResult plain = run(R"lua(
        local token = secrets.get('TOKEN')
        return { intact = token == 'tok-"quoted"-123', token = token,
                 ["for " .. token] = { "Bearer " .. token }, n = 1.0 }
    )lua");
    QCOMPARE(outcomeName(plain.outcome), QStringLiteral("succeeded"));
    QVERIFY2(!plain.resultJson.contains("tok-"), plain.resultJson.constData());
    const QJsonObject returned = QJsonDocument::fromJson(plain.resultJson).object();
    QCOMPARE(returned.value(QStringLiteral("intact")).toBool(), true);
    QCOMPARE(returned.value(QStringLiteral("token")).toString(), QStringLiteral("***"));
    QCOMPARE(returned.value(QStringLiteral("for ***")).toArray().at(0).toString(),
             QStringLiteral("Bearer ***"));
    QCOMPARE(run("return secrets.get('TOKEN')").resultJson, QByteArray("\"***\""));
    // A result without a secret keeps the host's exact JSON.
    QCOMPARE(run("local t = secrets.get('TOKEN') return { n = 1.0 }").resultJson,
             QByteArray(R"({"n":1.0})"));
}

// Redaction works on what the text means, not on one way of escaping it:
// the Lua encoder writes DEL as \u007f, NUL as \u0000, and so on.
void TestSdkStorage::redactionWhateverTheSecretsBytes_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("DEL") << QByteArray("tok\x7f"
                                       "en-123456");
    QTest::newRow("NUL") << QByteArray("tok\0en-123456", 14);
    QTest::newRow("quote and backslash") << QByteArray("a\"b\\c-123456");
    QTest::newRow("slashes") << QByteArray("a/b/c-123456");
    QTest::newRow("tab and newline") << QByteArray("a\tb\nc-123456");
    QTest::newRow("non-ASCII") << QByteArray("s\xc3\xa9-cr\xc3\xa9t-123456");
    QTest::newRow("long") << (QByteArray(5000, 'x') + "y");
}

void TestSdkStorage::redactionWhateverTheSecretsBytes()
{
    QFETCH(QByteArray, secret);
    bool created = false;
    QVERIFY(m_sdk->secrets->put(QStringLiteral("S"), secret, &created).ok());
    const ExecutionResult result = run(R"lua(
        local t = secrets.get("S")
        log.info("m " .. t, { v = t, list = { t, "pre" .. t .. "post" .. t } })
        error("e " .. t)
    )lua");
    QCOMPARE(result.logs.size(), 1);
    const QString value = QString::fromUtf8(secret);
    const LogLine &line = result.logs.first();
    QVERIFY(!line.message.contains(value));
    QCOMPARE(line.message, QStringLiteral("m ***"));
    QVERIFY2(!line.dataJson.contains(secret), line.dataJson.constData());
    const QJsonObject data = QJsonDocument::fromJson(line.dataJson).object();
    QCOMPARE(data.value(QStringLiteral("v")).toString(), QStringLiteral("***"));
    const QJsonArray list = data.value(QStringLiteral("list")).toArray();
    QCOMPARE(list.at(0).toString(), QStringLiteral("***"));
    QCOMPARE(list.at(1).toString(), QStringLiteral("pre***post***"));
    QVERIFY(!result.errorMessage.contains(value));
    QVERIFY(!result.traceback.contains(value));

    const ExecutionResult returned = run(R"lua(
        local t = secrets.get("S")
        return { v = t, list = { t, "pre" .. t .. "post" .. t }, [t] = true }
    )lua");
    QCOMPARE(outcomeName(returned.outcome), QStringLiteral("succeeded"));
    QVERIFY2(!returned.resultJson.contains(secret), returned.resultJson.constData());
    const QJsonObject object = QJsonDocument::fromJson(returned.resultJson).object();
    QCOMPARE(object.value(QStringLiteral("v")).toString(), QStringLiteral("***"));
    QCOMPARE(object.value(QStringLiteral("list")).toArray().at(1).toString(),
             QStringLiteral("pre***post***"));
    QCOMPARE(object.value(QStringLiteral("***")).toBool(), true);
}

void TestSdkStorage::secretsErrorsNeverShowValues()
{
    const ExecutionResult missing = run("return secrets.get('NOPE')");
    QCOMPARE(outcomeName(missing.outcome), QStringLiteral("script_error"));
    QVERIFY2(missing.errorMessage.contains(u"secrets.get: no secret NOPE"),
             qPrintable(missing.errorMessage));

    // Without a master key the message says why and how to fix it.
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY(db.open().ok());
    secrets::SecretStoreConfig config;
    config.dataDir = dir.path();
    config.useKeychain = false;
    secrets::SecretStore unavailable(db, config);
    unavailable.initialize();
    const ExecutionResult result = makeSandboxPool({ &m_sdk->kvService, &unavailable, nullptr })
                                       ->run("return secrets.get('X')", {}, {});
    QVERIFY2(result.errorMessage.contains(u"secrets.get: no master key"),
             qPrintable(result.errorMessage));
}

void TestSdkStorage::notifyCreatesNotifications()
{
    const ExecutionResult result = run(R"lua(
        notify{ title = "Price dropped", body = "now 12.50", level = "warning" }
        notify{ title = "Just a title" }
        for i = 1, 8 do notify{ title = "n" .. i } end
        local ok, err = pcall(notify, { title = "eleventh" })
        return err
    )lua",
                                       QStringLiteral("w1"));
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("succeeded"));
    QVERIFY2(result.resultJson.contains("at most 10 notifications per run"),
             result.resultJson.constData());
    bool more = false;
    const auto all = m_sdk->notifications.list(false, std::nullopt, 50, &more);
    QCOMPARE(all->size(), 10);
    const Notification &first = all->constLast(); // newest first
    QCOMPARE(first.title, QStringLiteral("Price dropped"));
    QCOMPARE(first.body, QStringLiteral("now 12.50"));
    QCOMPARE(first.level, hearth::NotificationLevel::Warning);
    QCOMPARE(first.watcherId, QStringLiteral("w1"));
    QCOMPARE(first.runId, QStringLiteral("r9"));
    QCOMPARE(all->at(8).level, hearth::NotificationLevel::Info);
    QVERIFY(first.readAt.isEmpty());
}

void TestSdkStorage::notifyValidation_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("no table") << QByteArray("notify('hi')") << QStringLiteral("table expected");
    QTest::newRow("no title") << QByteArray("notify{ body = 'x' }")
                              << QStringLiteral("title must be a non-empty string");
    QTest::newRow("blank title") << QByteArray("notify{ title = '  ' }")
                                 << QStringLiteral("title must be a non-empty string");
    QTest::newRow("long title") << QByteArray("notify{ title = ('t'):rep(201) }")
                                << QStringLiteral("longer than 200");
    QTest::newRow("body not a string") << QByteArray("notify{ title = 't', body = {} }")
                                       << QStringLiteral("body must be a string");
    QTest::newRow("bad level") << QByteArray("notify{ title = 't', level = 'critical' }")
                               << QStringLiteral("level must be");
}

void TestSdkStorage::notifyValidation()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    const ExecutionResult result = run(source);
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QVERIFY2(result.errorMessage.contains(message), qPrintable(result.errorMessage));
    bool more = false;
    QCOMPARE(m_sdk->notifications.list(false, std::nullopt, 50, &more)->size(), 0);
}

void TestSdkStorage::withoutServices()
{
    const auto pool = makeSandboxPool();
    const ExecutionResult kv = pool->run("return kv.get('x')", {}, {});
    QVERIFY(kv.errorMessage.contains(u"not available here"));
    const ExecutionResult secret = pool->run("return secrets.get('x')", {}, {});
    QVERIFY(secret.errorMessage.contains(u"not available here"));
    const ExecutionResult notified = pool->run("notify{ title = 'x' }", {}, {});
    QVERIFY(notified.errorMessage.contains(u"not available here"));
}

QTEST_GUILESS_MAIN(TestSdkStorage)
#include "tst_sdkstorage.moc"
