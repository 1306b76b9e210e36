// `hearth` end to end against a real hearthd: every command in both output
// formats, every exit code, discovery, and refusing an unverifiable server.
#include "HearthdProcess.h"
#include "core/Crypto.h"
#include "core/Version.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>
#include <mutex>
#include <thread>

using namespace hearth::test;

namespace {

// A plain HTTP server that squats a port: it answers everything but cannot
// produce the proof, and records what it was sent.
class Squatter
{
public:
    Squatter()
    {
        m_server.Get(".*", [this](const httplib::Request &req, httplib::Response &res) {
            record(req, res);
        });
        m_server.Put(".*", [this](const httplib::Request &req, httplib::Response &res) {
            record(req, res);
        });
        m_port = quint16(m_server.bind_to_any_port("127.0.0.1"));
        m_thread = std::thread([this]() { m_server.listen_after_bind(); });
    }
    ~Squatter()
    {
        m_server.stop();
        m_thread.join();
    }
    quint16 port() const { return m_port; }
    QStringList requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    QStringList clientHeaders()
    {
        std::lock_guard lock(m_mutex);
        return m_clientHeaders;
    }

private:
    void record(const httplib::Request &req, httplib::Response &res)
    {
        {
            std::lock_guard lock(m_mutex);
            m_requests.append(QString::fromStdString(req.method + ' ' + req.path));
            m_clientHeaders.append(QString::fromStdString(req.get_header_value("X-Hearth-Client")));
        }
        res.set_content(R"({"instance_id":"x","pid":1,"proof":"00","key":"k","value":1})",
                        "application/json");
    }

    httplib::Server m_server;
    std::thread m_thread;
    quint16 m_port = 0;
    std::mutex m_mutex;
    QStringList m_requests;
    QStringList m_clientHeaders;
};

void writeRuntimeFile(const QString &dataDir, quint16 port)
{
    QFile file(QDir(dataDir).filePath(QStringLiteral("runtime.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("port"), port },
                                           { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                                           { QStringLiteral("pid"), 1 },
                                           { QStringLiteral("proof_key"), QString(64, u'a') } })
                   .toJson());
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void status();
    void backupMakesACheckedCopy();
    void kvCommandsTable();
    void kvCommandsJson();
    void kvSetFromFileAndStdin();
    void apiErrorsExitOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void helpEverywhere_data();
    void helpEverywhere();
    void notRunningExitsThree();
    void staleRuntimeFileExitsThree();
    void squatterGetsOnlyTheProofRequest();
    void urlOverrideSkipsProofWithWarning();
    void dataDirFromEnvironment();
    void keysThatLookLikeJson();
    void otherInstanceIsRefused();
    void aRuntimeOfAnotherVersionIsUsedWithAWarning();

private:
    QStringList withDataDir(QStringList args) const
    {
        return QStringList { QStringLiteral("--data-dir"), m_hearthd->dataDir() } + args;
    }
    std::unique_ptr<HearthdProcess> m_hearthd;
};

void TestCli::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestCli::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestCli::status()
{
    const CliResult table = runCli(withDataDir({ QStringLiteral("status") }));
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("FIELD"));
    QVERIFY(table.out.contains(QByteArray::number(m_hearthd->pid())));
    QVERIFY(table.out.contains(m_hearthd->dataDir().toUtf8()));

    const CliResult json = runCli(withDataDir(
        { QStringLiteral("status"), QStringLiteral("--output"), QStringLiteral("json") }));
    QCOMPARE(json.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value(QStringLiteral("pid")).toInteger(), m_hearthd->pid());
    QVERIFY(object.contains(QStringLiteral("uptime_s")));
    // How much history is kept, and what pruning has not given back yet.
    const QJsonObject retention = object.value(QStringLiteral("retention")).toObject();
    QCOMPARE(retention.value(QStringLiteral("run_days")).toInt(), 30);
    QCOMPARE(retention.value(QStringLiteral("runs_per_watcher")).toInt(), 1000);
    QVERIFY(
        object.value(QStringLiteral("database")).toObject().contains(QStringLiteral("free_bytes")));
    QVERIFY(table.out.contains("runs kept per watcher"));
}

void TestCli::backupMakesACheckedCopy()
{
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"),
                                  QStringLiteral("backup/probe"), QStringLiteral("42") }))
                 .exitCode,
             0);
    // FILE is relative to where the command runs.
    QTemporaryDir target;
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(target.path()));
    const CliResult made =
        runCli(withDataDir({ QStringLiteral("backup"), QStringLiteral("copy.db") }));
    const CliResult again =
        runCli(withDataDir({ QStringLiteral("backup"), QStringLiteral("copy.db") }));
    QVERIFY(QDir::setCurrent(previous));
    QCOMPARE(made.exitCode, 0);
    const QString copyPath = target.filePath(QStringLiteral("copy.db"));
    const QByteArray expected = QByteArray("backed up to ") + copyPath.toUtf8();
    QVERIFY2(made.out.startsWith(expected), made.out.constData());
    // An existing file is never overwritten: one line, a non-zero exit.
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already exists") && again.err.count('\n') == 1,
             again.err.constData());

    // The copy is a database of its own, whole, private, with the data.
    QCOMPARE(QFile::permissions(copyPath) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    {
        QSqlDatabase copy =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backup-copy"));
        copy.setDatabaseName(copyPath);
        QVERIFY(copy.open());
        QSqlQuery query(copy);
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(query.exec(QStringLiteral("SELECT value FROM kv WHERE key = 'backup/probe'")) &&
                query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("42"));
        query.finish();
        copy.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("backup-copy"));
}

void TestCli::kvCommandsTable()
{
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"),
                                  QStringLiteral("t/one"), QStringLiteral("{\"a\": 1}") }))
                 .out,
             QByteArray("created t/one\n"));
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"),
                                  QStringLiteral("t/one"), QStringLiteral("[1, 2]") }))
                 .out,
             QByteArray("updated t/one\n"));
    QCOMPARE(
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("t/two"),
                             QStringLiteral("12345678901234567890123") }))
            .exitCode,
        0);
    QCOMPARE(runCli(withDataDir(
                        { QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("t/one") }))
                 .out,
             QByteArray("[1, 2]\n"));
    QCOMPARE(runCli(withDataDir(
                        { QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("t/two") }))
                 .out,
             QByteArray("12345678901234567890123\n"));

    const CliResult list =
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("ls"), QStringLiteral("--prefix"),
                             QStringLiteral("t/") }));
    QCOMPARE(list.exitCode, 0);
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith("KEY"));
    QVERIFY(lines.at(1).startsWith("t/one"));
    QVERIFY(lines.at(2).startsWith("t/two"));

    QCOMPARE(
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("rm"), QStringLiteral("t/two") }))
            .out,
        QByteArray("removed t/two\n"));
    QCOMPARE(
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("rm"), QStringLiteral("t/two") }))
            .exitCode,
        0);
}

void TestCli::kvCommandsJson()
{
    const QStringList json { QStringLiteral("-o"), QStringLiteral("json") };
    const CliResult set = runCli(
        withDataDir(QStringList { QStringLiteral("kv"), QStringLiteral("set"),
                                  QStringLiteral("j/key with space"), QStringLiteral("\"v\"") } +
                    json));
    QCOMPARE(set.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(set.out).object().value(QStringLiteral("key")).toString(),
             QStringLiteral("j/key with space"));

    const CliResult get =
        runCli(withDataDir(QStringList { QStringLiteral("kv"), QStringLiteral("get"),
                                         QStringLiteral("j/key with space") } +
                           json));
    QCOMPARE(QJsonDocument::fromJson(get.out).object().value(QStringLiteral("value")).toString(),
             QStringLiteral("v"));

    // More keys than one page of the API: ls follows the cursor.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"),
                                      QStringLiteral("j/%1").arg(i), QStringLiteral("0") }))
                     .exitCode,
                 0);
    const CliResult list =
        runCli(withDataDir(QStringList { QStringLiteral("kv"), QStringLiteral("ls"),
                                         QStringLiteral("--prefix"), QStringLiteral("j/") } +
                           json));
    QCOMPARE(list.exitCode, 0);
    const QJsonArray items =
        QJsonDocument::fromJson(list.out).object().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 4);

    const CliResult removed = runCli(withDataDir(
        QStringList { QStringLiteral("kv"), QStringLiteral("rm"), QStringLiteral("j/0") } + json));
    QCOMPARE(
        QJsonDocument::fromJson(removed.out).object().value(QStringLiteral("removed")).toBool(),
        true);
}

void TestCli::kvSetFromFileAndStdin()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("value.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"from\": \"file\"}\n");
    file.close();
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("f"),
                                  u'@' + file.fileName() }))
                 .exitCode,
             0);
    QCOMPARE(
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("f") }))
            .out,
        QByteArray("{\"from\": \"file\"}\n"));

    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("s"),
                                  QStringLiteral("@-") }),
                    "[\"stdin\"]")
                 .exitCode,
             0);
    QCOMPARE(
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("s") }))
            .out,
        QByteArray("[\"stdin\"]\n"));

    const CliResult missing =
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("f"),
                             QStringLiteral("@/no/such/file") }));
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("/no/such/file"));
}

void TestCli::apiErrorsExitOne()
{
    const CliResult missing = runCli(withDataDir(
        { QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("no-such-key") }));
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.startsWith("hearth: not_found:"), missing.err.constData());
    QCOMPARE(missing.err.count('\n'), 1);
    QVERIFY(missing.out.isEmpty());

    const CliResult invalid =
        runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("k"),
                             QStringLiteral("{not json") }));
    QCOMPARE(invalid.exitCode, 1);
    QVERIFY(invalid.err.contains("invalid_json"));

    const CliResult badKey = runCli(withDataDir(
        { QStringLiteral("kv"), QStringLiteral("set"), QString(300, u'k'), QStringLiteral("1") }));
    QCOMPARE(badKey.exitCode, 1);
    QVERIFY(badKey.err.contains("invalid_request"));
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList {};
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") };
    QTest::newRow("kv alone") << QStringList { QStringLiteral("kv") };
    QTest::newRow("missing key") << QStringList { QStringLiteral("kv"), QStringLiteral("get") };
    QTest::newRow("extra argument")
        << QStringList { QStringLiteral("status"), QStringLiteral("now") };
    QTest::newRow("missing value")
        << QStringList { QStringLiteral("kv"), QStringLiteral("set"), QStringLiteral("k") };
    QTest::newRow("bad output") << QStringList { QStringLiteral("status"),
                                                 QStringLiteral("--output"),
                                                 QStringLiteral("yaml") };
    QTest::newRow("unknown option")
        << QStringList { QStringLiteral("status"), QStringLiteral("--loud") };
    QTest::newRow("option of another command")
        << QStringList { QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("k"),
                         QStringLiteral("--prefix"), QStringLiteral("x") };
    QTest::newRow("bad url") << QStringList { QStringLiteral("--url"), QStringLiteral("ftp://x"),
                                              QStringLiteral("status") };
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const CliResult result = runCli(withDataDir(args));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(!result.err.isEmpty());
}

void TestCli::helpEverywhere_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("hearth") << QStringList { QStringLiteral("--help") } << QByteArray("kv set");
    QTest::newRow("kv") << QStringList { QStringLiteral("kv"), QStringLiteral("--help") }
                        << QByteArray("kv rm");
    QTest::newRow("status") << QStringList { QStringLiteral("status"), QStringLiteral("--help") }
                            << QByteArray("--output");
    QTest::newRow("kv ls") << QStringList { QStringLiteral("kv"), QStringLiteral("ls"),
                                            QStringLiteral("-h") }
                           << QByteArray("--prefix");
    QTest::newRow("kv get") << QStringList { QStringLiteral("kv"), QStringLiteral("get"),
                                             QStringLiteral("--help") }
                            << QByteArray("KEY");
    QTest::newRow("kv set") << QStringList { QStringLiteral("kv"), QStringLiteral("set"),
                                             QStringLiteral("--help") }
                            << QByteArray("@-");
    QTest::newRow("kv rm") << QStringList { QStringLiteral("kv"), QStringLiteral("rm"),
                                            QStringLiteral("--help") }
                           << QByteArray("KEY");
    QTest::newRow("version") << QStringList { QStringLiteral("--version") }
                             << QByteArray("hearth 0.");
}

void TestCli::helpEverywhere()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    // Help never needs a runtime.
    const CliResult result =
        runCli(QStringList { QStringLiteral("--data-dir"), QStringLiteral("/nonexistent") } + args);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(mentions), result.out.constData());
}

void TestCli::notRunningExitsThree()
{
    QTemporaryDir empty;
    const CliResult result =
        runCli({ QStringLiteral("--data-dir"), empty.path(), QStringLiteral("status") });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("not running"), result.err.constData());
}

void TestCli::staleRuntimeFileExitsThree()
{
    HearthdProcess crashed;
    QVERIFY2(crashed.start(), qPrintable(crashed.lastError()));
    crashed.kill9();
    const CliResult result = runCli({ QStringLiteral("--data-dir"), crashed.dataDir(),
                                      QStringLiteral("kv"), QStringLiteral("ls") });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("not running"), result.err.constData());
}

void TestCli::squatterGetsOnlyTheProofRequest()
{
    Squatter squatter;
    QTemporaryDir dir;
    writeRuntimeFile(dir.path(), squatter.port());
    const CliResult result = runCli(
        { QStringLiteral("--data-dir"), dir.path(), QStringLiteral("kv"), QStringLiteral("set"),
          QStringLiteral("secret"), QStringLiteral("\"do not send\"") });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("could not prove"), result.err.constData());
    const QStringList requests = squatter.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.constFirst(), QStringLiteral("GET /api/v1/instance"));
}

void TestCli::urlOverrideSkipsProofWithWarning()
{
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_hearthd->port());
    const CliResult result =
        runCli({ QStringLiteral("--url"), url, QStringLiteral("kv"), QStringLiteral("set"),
                 QStringLiteral("via-url"), QStringLiteral("1") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains("not verified"), result.err.constData());

    Squatter squatter;
    const CliResult direct = runCli(
        { QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1").arg(squatter.port()),
          QStringLiteral("kv"), QStringLiteral("get"), QStringLiteral("k") });
    QCOMPARE(direct.exitCode, 0);
    QCOMPARE(squatter.requests(), QStringList { QStringLiteral("GET /api/v1/kv/k") });
    QCOMPARE(squatter.clientHeaders(), QStringList { QStringLiteral("hearth-cli") });
}

void TestCli::dataDirFromEnvironment()
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HEARTH_DATA_DIR"), m_hearthd->dataDir());
    process.setProcessEnvironment(env);
    process.start(binary(QStringLiteral("hearth")),
                  { QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json") });
    QVERIFY(process.waitForFinished(scaled(20000)));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QJsonDocument::fromJson(process.readAllStandardOutput())
                 .object()
                 .value(QStringLiteral("pid"))
                 .toInteger(),
             m_hearthd->pid());
}

void TestCli::keysThatLookLikeJson()
{
    const QString key = QStringLiteral("x\"value\":1,y");
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("set"), key,
                                  QStringLiteral("[\"the\", 12345678901234567890123]") }))
                 .exitCode,
             0);
    QCOMPARE(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("get"), key })).out,
             QByteArray("[\"the\", 12345678901234567890123]\n"));
}

void TestCli::otherInstanceIsRefused()
{
    // runtime.json names another instance: the proof key matches, but the
    // server is not the one the file describes.
    const QString path = QDir(m_hearthd->dataDir()).filePath(QStringLiteral("runtime.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();
    QJsonObject json = QJsonDocument::fromJson(original).object();
    json.insert(QStringLiteral("instance_id"),
                QStringLiteral("00000000-0000-0000-0000-000000000000"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(json).toJson());
    file.close();
    const CliResult result = runCli(withDataDir({ QStringLiteral("status") }));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(original);
    file.close();
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("could not prove"), result.err.constData());
    QCOMPARE(runCli(withDataDir({ QStringLiteral("status") })).exitCode, 0);
}

void TestCli::aRuntimeOfAnotherVersionIsUsedWithAWarning()
{
    // A hearthd started before an upgrade: it proves itself (with the key
    // its runtime.json names) and says it is another version. Here a front
    // that answers the proof with version 0.0.9 and passes everything else
    // to the real hearthd.
    const QByteArray key(32, '\x42');
    const int realPort = m_hearthd->port();
    httplib::Server front;
    front.Get(".*", [&](const httplib::Request &req, httplib::Response &res) {
        if (req.path == "/api/v1/instance") {
            const QByteArray nonce = QByteArray::fromStdString(req.get_param_value("nonce"));
            const QJsonObject proof { { QStringLiteral("instance_id"), QStringLiteral("old") },
                                      { QStringLiteral("pid"), 1 },
                                      { QStringLiteral("version"), QStringLiteral("0.0.9") },
                                      { QStringLiteral("no_auth"), true },
                                      { QStringLiteral("proof"),
                                        QString::fromLatin1(
                                            hearth::crypto::hmacSha256(key, nonce).toHex()) } };
            res.set_content(QJsonDocument(proof).toJson().toStdString(), "application/json");
            return;
        }
        httplib::Client real("127.0.0.1", realPort);
        httplib::Headers headers { { "Host", "127.0.0.1:" + std::to_string(realPort) } };
        const auto answer = real.Get(req.target, headers);
        res.status = answer ? answer->status : 502;
        if (answer)
            res.set_content(answer->body, "application/json");
    });
    const int frontPort = front.bind_to_any_port("127.0.0.1");
    std::thread serving([&front]() { front.listen_after_bind(); });
    const auto stop = qScopeGuard([&]() {
        front.stop();
        serving.join();
    });
    QTemporaryDir dataDir;
    QFile file(dataDir.filePath(QStringLiteral("runtime.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("port"), frontPort },
                                           { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                                           { QStringLiteral("pid"), 1 },
                                           { QStringLiteral("instance_id"), QStringLiteral("old") },
                                           { QStringLiteral("proof_key"),
                                             QString::fromLatin1(key.toHex()) } })
                   .toJson());
    file.close();

    const CliResult result = runCli({ QStringLiteral("--data-dir"), dataDir.path(),
                                      QStringLiteral("kv"), QStringLiteral("ls") });
    QCOMPARE(result.exitCode, 0); // the command ran; its exit code is its own
    QVERIFY2(result.err.startsWith("hearth: warning: the runtime is Hearth 0.0.9 and this hearth "
                                   "is " HEARTH_VERSION "; restart Hearth to finish the update\n"),
             result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.out.contains("KEY"));
    // The same runtime at our version: no warning.
    QVERIFY(runCli(withDataDir({ QStringLiteral("kv"), QStringLiteral("ls") })).err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
