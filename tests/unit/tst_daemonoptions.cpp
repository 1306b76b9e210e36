// hearthd's options: flags win over the environment, and every bad value is
// a clear one-line error.
#include "daemon/DaemonOptions.h"

#include <QTest>

using namespace hearth;

using Env = QList<QPair<QString, QString>>;

class TestDaemonOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void webhooksListen_data();
    void webhooksListen();
    void helpAndVersion();
    void runRetention();
};

void TestDaemonOptions::runRetention()
{
    QProcessEnvironment environment;
    auto parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->options.runRetentionDays, 30);
    environment.insert(QStringLiteral("HEARTH_RUN_RETENTION_DAYS"), QStringLiteral("7"));
    parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QCOMPARE(parsed->options.runRetentionDays, 7);
    parsed = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--run-retention-days=90") }, environment);
    QCOMPARE(parsed->options.runRetentionDays, 90);
    QCOMPARE(parsed->options.keepRunsPerWatcher, 1000);
    environment.insert(QStringLiteral("HEARTH_KEEP_RUNS_PER_WATCHER"), QStringLiteral("200"));
    parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QCOMPARE(parsed->options.keepRunsPerWatcher, 200);
    parsed = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--keep-runs-per-watcher=50000") },
        environment);
    QCOMPARE(parsed->options.keepRunsPerWatcher, 50000);
    QCOMPARE(parsed->options.keepSnapshotsPerWatcher, 100);
    QCOMPARE(parsed->options.snapshotRetentionDays, 365);
    environment.insert(QStringLiteral("HEARTH_KEEP_SNAPSHOTS_PER_WATCHER"), QStringLiteral("20"));
    environment.insert(QStringLiteral("HEARTH_SNAPSHOT_RETENTION_DAYS"), QStringLiteral("90"));
    parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QCOMPARE(parsed->options.keepSnapshotsPerWatcher, 20);
    QCOMPARE(parsed->options.snapshotRetentionDays, 90);
    parsed = parseDaemonOptions({ QStringLiteral("hearthd"),
                                  QStringLiteral("--keep-snapshots-per-watcher=5"),
                                  QStringLiteral("--snapshot-retention-days=30") },
                                environment);
    QCOMPARE(parsed->options.keepSnapshotsPerWatcher, 5);
    QCOMPARE(parsed->options.snapshotRetentionDays, 30);
    QCOMPARE(parsed->options.leaseSeconds, 60);
    environment.insert(QStringLiteral("HEARTH_LEASE_S"), QStringLiteral("5"));
    parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QCOMPARE(parsed->options.leaseSeconds, 5);
    QCOMPARE(parsed->options.escalationBudget, 100);
    environment.insert(QStringLiteral("HEARTH_ESCALATION_BUDGET"), QStringLiteral("0"));
    parsed = parseDaemonOptions({ QStringLiteral("hearthd") }, environment);
    QCOMPARE(parsed->options.escalationBudget, 0);
    parsed = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--escalation-budget=250") }, environment);
    QCOMPARE(parsed->options.escalationBudget, 250);
    parsed = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--escalation-budget=-1") }, environment);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(QStringLiteral("escalation-budget")),
             qPrintable(parsed.error()));
}

void TestDaemonOptions::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("error"); // a fragment of the message, or empty
    QTest::addColumn<QString>("dataDir");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("logLevel");

    auto ok = [](const char *name, QStringList args, Env env, QString dataDir, QString host,
                 int port, DiagnosticLevel level) {
        QTest::newRow(name) << args << env << QString() << dataDir << host << port << int(level);
    };
    auto bad = [](const char *name, QStringList args, Env env, const char *error) {
        QTest::newRow(name) << args << env << QString::fromLatin1(error) << QString() << QString()
                            << 0 << 0;
    };

    ok("flags",
       { QStringLiteral("--data-dir"), QStringLiteral("/tmp/h1"), QStringLiteral("--port"),
         QStringLiteral("0") },
       {}, QStringLiteral("/tmp/h1"), QStringLiteral("127.0.0.1"), 0, DiagnosticLevel::Info);
    ok("env", {},
       { { QStringLiteral("HEARTH_DATA_DIR"), QStringLiteral("/tmp/h2") },
         { QStringLiteral("HEARTH_PORT"), QStringLiteral("9000") },
         { QStringLiteral("HEARTH_HOST"), QStringLiteral("::1") },
         { QStringLiteral("HEARTH_NO_AUTH"), QStringLiteral("1") } },
       QStringLiteral("/tmp/h2"), QStringLiteral("::1"), 9000, DiagnosticLevel::Info);
    ok("flags win",
       { QStringLiteral("--data-dir=/tmp/flag"), QStringLiteral("--port=1234"),
         QStringLiteral("--host=127.0.0.1"), QStringLiteral("--log-level=debug") },
       { { QStringLiteral("HEARTH_DATA_DIR"), QStringLiteral("/tmp/env") },
         { QStringLiteral("HEARTH_PORT"), QStringLiteral("9000") },
         { QStringLiteral("HEARTH_HOST"), QStringLiteral("::1") },
         { QStringLiteral("HEARTH_LOG_LEVEL"), QStringLiteral("error") } },
       QStringLiteral("/tmp/flag"), QStringLiteral("127.0.0.1"), 1234, DiagnosticLevel::Debug);
    ok("relative data dir made absolute",
       { QStringLiteral("--data-dir"), QStringLiteral("/tmp/a/../b/") }, {},
       QStringLiteral("/tmp/b"), QStringLiteral("127.0.0.1"), DaemonOptions::DefaultPort,
       DiagnosticLevel::Info);
    ok("localhost means 127.0.0.1", { QStringLiteral("--host"), QStringLiteral("localhost") }, {},
       {}, QStringLiteral("127.0.0.1"), DaemonOptions::DefaultPort, DiagnosticLevel::Info);
    ok("other loopback", { QStringLiteral("--host"), QStringLiteral("127.0.0.2") }, {}, {},
       QStringLiteral("127.0.0.2"), DaemonOptions::DefaultPort, DiagnosticLevel::Info);
    ok("no-auth flag", { QStringLiteral("--no-auth") }, {}, {}, QStringLiteral("127.0.0.1"),
       DaemonOptions::DefaultPort, DiagnosticLevel::Info);
    ok("warn level", { QStringLiteral("--log-level"), QStringLiteral("WARN") }, {}, {},
       QStringLiteral("127.0.0.1"), DaemonOptions::DefaultPort, DiagnosticLevel::Warning);

    bad("any address", { QStringLiteral("--host"), QStringLiteral("0.0.0.0") }, {},
        "refusing --host 0.0.0.0");
    bad("LAN address", { QStringLiteral("--host"), QStringLiteral("192.168.1.5") }, {},
        "only listens on loopback");
    bad("v6 any", { QStringLiteral("--host"), QStringLiteral("::") }, {}, "refusing --host ::");
    bad("non-loopback env", {}, { { QStringLiteral("HEARTH_HOST"), QStringLiteral("10.0.0.1") } },
        "refusing --host 10.0.0.1");
    bad("hostname", { QStringLiteral("--host"), QStringLiteral("example.com") }, {},
        "invalid --host");
    bad("port text", { QStringLiteral("--port"), QStringLiteral("http") }, {},
        "invalid --port \"http\"");
    bad("port too big", { QStringLiteral("--port"), QStringLiteral("65536") }, {},
        "invalid --port");
    bad("port negative", {}, { { QStringLiteral("HEARTH_PORT"), QStringLiteral("-1") } },
        "invalid --port");
    bad("log level", { QStringLiteral("--log-level"), QStringLiteral("loud") }, {},
        "invalid log level");
    bad("unknown flag", { QStringLiteral("--frobnicate") }, {}, "frobnicate");
    bad("missing value", { QStringLiteral("--port") }, {}, "port");
    bad("positional", { QStringLiteral("serve") }, {}, "unexpected argument");
    bad("auth mode", {}, { { QStringLiteral("HEARTH_NO_AUTH"), QStringLiteral("0") } },
        "only mode");
    bad("proof key short", {}, { { QStringLiteral("HEARTH_PROOF_KEY"), QStringLiteral("abcd") } },
        "HEARTH_PROOF_KEY");
    bad("retention zero", { QStringLiteral("--run-retention-days"), QStringLiteral("0") }, {},
        "invalid --run-retention-days \"0\"");
    bad("retention text", {},
        { { QStringLiteral("HEARTH_RUN_RETENTION_DAYS"), QStringLiteral("a") } },
        "invalid --run-retention-days");
    bad("keep too few", { QStringLiteral("--keep-runs-per-watcher=9") }, {},
        "invalid --keep-runs-per-watcher \"9\"");
    bad("keep too many", {},
        { { QStringLiteral("HEARTH_KEEP_RUNS_PER_WATCHER"), QStringLiteral("1000001") } },
        "invalid --keep-runs-per-watcher");
    bad("no snapshots kept", { QStringLiteral("--keep-snapshots-per-watcher=0") }, {},
        "invalid --keep-snapshots-per-watcher \"0\"");
    bad("snapshot retention too long", {},
        { { QStringLiteral("HEARTH_SNAPSHOT_RETENTION_DAYS"), QStringLiteral("3651") } },
        "invalid --snapshot-retention-days");
    bad("lease too short", { QStringLiteral("--lease-s=1") }, {}, "invalid --lease-s \"1\": use 3");
    bad("proof key not hex", {}, { { QStringLiteral("HEARTH_PROOF_KEY"), QString(64, u'z') } },
        "HEARTH_PROOF_KEY");
}

void TestDaemonOptions::parse()
{
    QFETCH(QStringList, args);
    QFETCH(Env, env);
    QFETCH(QString, error);
    QFETCH(QString, dataDir);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, logLevel);

    QProcessEnvironment environment;
    for (const auto &[name, value] : env)
        environment.insert(name, value);
    args.prepend(QStringLiteral("hearthd"));
    const auto parsed = parseDaemonOptions(args, environment);
    if (!error.isEmpty()) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        QVERIFY(!parsed.error().contains(u'\n'));
        return;
    }
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error()));
    const DaemonOptions &options = parsed->options;
    if (!dataDir.isEmpty())
        QCOMPARE(options.dataDir, dataDir);
    else
        QVERIFY(options.dataDir.endsWith(u"/Hearth"));
    QCOMPARE(options.host, host);
    QCOMPARE(int(options.port), port);
    QCOMPARE(int(options.logLevel), logLevel);
    QVERIFY(options.noAuth);
}

void TestDaemonOptions::helpAndVersion()
{
    const auto help =
        parseDaemonOptions({ QStringLiteral("hearthd"), QStringLiteral("--help") }, {});
    QVERIFY(help.ok());
    QCOMPARE(help->action, DaemonInvocation::Action::ShowHelp);
    for (const char *option :
         { "--data-dir", "--host", "--port", "--no-auth", "--log-level", "--version" })
        QVERIFY2(help->helpText.contains(QLatin1String(option)), option);
    const auto version =
        parseDaemonOptions({ QStringLiteral("hearthd"), QStringLiteral("--version") }, {});
    QVERIFY(version.ok());
    QCOMPARE(version->action, DaemonInvocation::Action::ShowVersion);

    const auto ceilings = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--lua-max-timeout-ms=600000"),
          QStringLiteral("--lua-max-memory-bytes"), QStringLiteral("1073741824") },
        {});
    QVERIFY(ceilings.ok());
    QCOMPARE(ceilings->options.luaCeilings.timeoutMs, 600000);
    QCOMPARE(ceilings->options.luaCeilings.memoryBytes, 1073741824LL);
    QCOMPARE(ceilings->options.luaCeilings.instructions, 1000000000LL);
    const auto tooLow = parseDaemonOptions(
        { QStringLiteral("hearthd"), QStringLiteral("--lua-max-timeout-ms=5") }, {});
    QVERIFY(!tooLow.ok());
    QVERIFY2(tooLow.error().contains(u"--lua-max-timeout-ms"), qPrintable(tooLow.error()));

    QProcessEnvironment key;
    key.insert(QStringLiteral("HEARTH_PROOF_KEY"), QString(64, u'a'));
    const auto withKey = parseDaemonOptions({ QStringLiteral("hearthd") }, key);
    QVERIFY(withKey.ok());
    QCOMPARE(withKey->options.proofKey, QByteArray(32, '\xaa'));
}

void TestDaemonOptions::webhooksListen_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error"); // a fragment, or empty
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    const auto row = [](const char *name, QStringList args, const char *error, const char *host,
                        int port) {
        QTest::newRow(name) << args << QString::fromLatin1(error) << QString::fromLatin1(host)
                            << port;
    };
    const QString listen = QStringLiteral("--webhooks-listen");
    row("off by default", {}, "", "", -1);
    row("loopback", { listen, QStringLiteral("127.0.0.1:8788") }, "", "127.0.0.1", 8788);
    row("localhost", { listen, QStringLiteral("localhost:8788") }, "", "127.0.0.1", 8788);
    row("v6 loopback", { listen, QStringLiteral("[::1]:0") }, "", "::1", 0);
    // Beyond this computer: the user's explicit choice.
    row("LAN", { listen, QStringLiteral("192.168.1.5:8788") }, "", "192.168.1.5", 8788);
    row("any", { listen, QStringLiteral("0.0.0.0:8788") }, "", "0.0.0.0", 8788);
    row("a port alone is loopback's", { listen, QStringLiteral("8788") }, "", "127.0.0.1", 8788);
    row("no port", { listen, QStringLiteral("127.0.0.1") }, "give a port", "", 0);
    row("no address", { listen, QStringLiteral(":8788") }, "or an address and a port", "", 0);
    row("hostname", { listen, QStringLiteral("example.com:80") }, "not an IP address", "", 0);
    row("port too big", { listen, QStringLiteral("127.0.0.1:70000") }, "0 to 65535", "", 0);
    row("the API's port",
        { QStringLiteral("--port"), QStringLiteral("9000"), listen,
          QStringLiteral("127.0.0.1:9000") },
        "must not use the API's port 9000", "", 0);
    row("rate", { QStringLiteral("--webhooks-rate"), QStringLiteral("0") }, "webhooks-rate", "", 0);
}

void TestDaemonOptions::webhooksListen()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QFETCH(QString, host);
    QFETCH(int, port);
    auto parsed =
        parseDaemonOptions(QStringList { QStringLiteral("hearthd") } + args, QProcessEnvironment());
    if (!error.isEmpty()) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error()));
    const auto &listen = parsed->options.webhooksListen;
    if (port < 0) {
        QVERIFY(!listen);
        return;
    }
    QVERIFY(listen);
    QCOMPARE(listen->host, host);
    QCOMPARE(int(listen->port), port);
}

QTEST_GUILESS_MAIN(TestDaemonOptions)
#include "tst_daemonoptions.moc"
