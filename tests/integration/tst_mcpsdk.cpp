// `hearth mcp` driven by a real MCP client: the official TypeScript SDK's
// (`@modelcontextprotocol/sdk` from npm, installed by the mcp_sdk_client
// fixture), on a real hearthd. The scripts in tests/mcp-sdk do what an agent
// does and check every answer (the SDK also checks each tool's result against
// its outputSchema); this test then checks what they did against the runtime.
#include "HearthdProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace hearth::test;

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

class TestMcpSdk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void officialClientFromDraftToRun();
    void officialClientInARunsOwnServer();

private:
    // Runs one of tests/mcp-sdk's scripts with node; its last stdout line,
    // parsed (the test fails, with the script's own message, unless it exits 0).
    QJsonObject runClient(const QString &script, const QStringList &arguments = {},
                          const QProcessEnvironment &extra = {});

    std::unique_ptr<HearthdProcess> m_hearthd;
    QString m_node;
};

void TestMcpSdk::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not installed (scripts/hearth.sh test installs it)");
    QVERIFY2(QFile::exists(QStringLiteral(HEARTH_MCP_SDK_DIR
                                          "/node_modules/@modelcontextprotocol/sdk/package.json")),
             "the MCP SDK is not installed in " HEARTH_MCP_SDK_DIR
             " (the mcp_sdk_client test installs it; ctest runs it before this one)");
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start({}, withRandomSecretKey()), qPrintable(m_hearthd->lastError()));
    QCOMPARE(waitForSecretsState(m_hearthd->port()), QStringLiteral("ready"));
}

void TestMcpSdk::cleanupTestCase()
{
    if (m_hearthd)
        QCOMPARE(m_hearthd->terminate(), 0);
}

QJsonObject TestMcpSdk::runClient(const QString &script, const QStringList &arguments,
                                  const QProcessEnvironment &extra)
{
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HEARTH_CLI"), binary(QStringLiteral("hearth")));
    env.insert(QStringLiteral("HEARTH_DATA_DIR"), m_hearthd->dataDir());
    for (const QString &name : extra.keys())
        env.insert(name, extra.value(name));
    node.setProcessEnvironment(env);
    // From the SDK's folder, where node finds the package (the scripts are
    // copied beside it).
    node.setWorkingDirectory(QStringLiteral(HEARTH_MCP_SDK_DIR));
    node.start(m_node, QStringList { QStringLiteral(HEARTH_MCP_SDK_DIR "/") + script } + arguments);
    if (!node.waitForStarted() || !node.waitForFinished(scaled(180000))) {
        node.kill();
        node.waitForFinished();
        qWarning("%s did not finish: %s", qPrintable(script),
                 node.readAllStandardError().constData());
        return {};
    }
    // The script's steps and the servers' logs, in the test's output
    // whatever happened (a sanitizer build's reports among them).
    qInfo("%s:\n%s", qPrintable(script), node.readAllStandardError().constData());
    const QList<QByteArray> lines = node.readAllStandardOutput().trimmed().split('\n');
    if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        qWarning("%s failed (exit %d)", qPrintable(script), node.exitCode());
        return {};
    }
    return QJsonDocument::fromJson(lines.constLast()).object();
}

void TestMcpSdk::officialClientFromDraftToRun()
{
    // tests/mcp-sdk/flow.mjs: initialize, list tools, create a watcher (it
    // waits for approval), approve it with the CLI, run it, read the run;
    // arguments a tool refuses, destructive calls without confirm, and every
    // other tool once.
    const QJsonObject summary = runClient(QStringLiteral("flow.mjs"));
    QVERIFY2(!summary.isEmpty(), "the SDK's client did not complete the flow (see above)");
    const quint16 port = m_hearthd->port();

    // What the runtime keeps of it: the client by the name it gave.
    const QJsonObject watcher =
        json(call(port, "GET", "/api/v1/watchers/" + str(summary, "watcher").toLatin1()));
    QCOMPARE(str(watcher, "created_by"), QStringLiteral("mcp:sdk-flow"));
    QCOMPARE(str(watcher, "approval"), QStringLiteral("approved"));
    QCOMPARE(str(watcher, "approved_by"), QStringLiteral("cli"));
    QCOMPARE(watcher.value(QStringLiteral("enabled")).toBool(), true);
    const QJsonObject run =
        json(call(port, "GET", "/api/v1/runs/" + str(summary, "run").toLatin1()));
    QCOMPARE(str(run, "status"), QStringLiteral("succeeded"));
    QCOMPARE(str(run, "actor"), QStringLiteral("mcp:sdk-flow"));
    QCOMPARE(str(json(call(port, "GET", "/api/v1/runs/" + str(summary, "cancelled").toLatin1())),
                 "status"),
             QStringLiteral("cancelled"));
    // Changed by the client after its approval: waiting again, not running.
    const QJsonObject changed =
        json(call(port, "GET", "/api/v1/watchers/" + str(summary, "pending").toLatin1()));
    QCOMPARE(str(changed, "approval"), QStringLiteral("pending"));
    QCOMPARE(str(changed, "updated_by"), QStringLiteral("mcp:sdk-flow"));
    // The SDK spoke the newest protocol, and every tool answered it.
    QCOMPARE(str(summary, "protocol"), QStringLiteral("2025-11-25"));
    QCOMPARE(summary.value(QStringLiteral("tools")).toArray().size(), 21);
    // Nothing it was refused was stored.
    QCOMPARE(
        json(call(port, "GET", "/api/v1/watchers")).value(QStringLiteral("items")).toArray().size(),
        4);
    QCOMPARE(call(port, "GET", "/api/v1/kv/lamp/last").status, 404);
}

void TestMcpSdk::officialClientInARunsOwnServer()
{
    const quint16 port = m_hearthd->port();
    // A device worker claims an agent run, as `hearth worker` does: the poll
    // hands it the run's token.
    HttpResponse response = call(port, "POST", "/api/v1/workers",
                                 R"({"name":"sdk-worker","agent_kinds":["sdk-agent"]})");
    QCOMPARE(response.status, 201);
    const QByteArray workerId = str(json(response), "id").toLatin1();
    const QByteArray workerToken = str(json(response), "token").toLatin1();
    response = call(port, "POST", "/api/v1/watchers",
                    compact({ { QStringLiteral("name"), QStringLiteral("agent with its own MCP") },
                              { QStringLiteral("kind"), QStringLiteral("agent") },
                              { QStringLiteral("prompt"), QStringLiteral("Compare lamp prices") },
                              { QStringLiteral("agent_kind"), QStringLiteral("sdk-agent") },
                              { QStringLiteral("device_worker_id"), QString::fromLatin1(workerId) },
                              { QStringLiteral("schedule"),
                                QJsonObject { { QStringLiteral("every_s"), 86400 } } },
                              { QStringLiteral("notify"),
                                QJsonObject { { QStringLiteral("policy"), QStringLiteral("never") },
                                              { QStringLiteral("min_interval_s"), 600 } } } }));
    QCOMPARE(response.status, 201);
    const QByteArray watcherId = str(json(response), "id").toLatin1();
    QCOMPARE(call(port, "PUT", "/api/v1/kv/global-note", "\"everyone's\"").status, 201);
    response = call(port, "POST", "/api/v1/watchers/" + watcherId + "/run", "{}");
    QCOMPARE(response.status, 201);
    const QByteArray runId = str(json(response), "id").toLatin1();
    response = callWithToken(port, workerToken, "POST", "/api/v1/workers/poll", R"({"wait_s":5})");
    QCOMPARE(response.status, 200);
    QCOMPARE(str(json(response).value(QStringLiteral("run")).toObject(), "id").toLatin1(), runId);
    const QString runToken = str(json(response), "run_token");
    QVERIFY(runToken.startsWith(u"hr_"));

    QProcessEnvironment scope;
    scope.insert(QStringLiteral("HEARTH_RUN_ID"), QString::fromLatin1(runId));
    scope.insert(QStringLiteral("HEARTH_TEST_RUN_TOKEN"), runToken);
    const QJsonObject summary = runClient(QStringLiteral("run-scope.mjs"), {}, scope);
    QVERIFY2(!summary.isEmpty(), "the SDK's client failed in the run's server (see above)");

    // What it kept is in the watcher's namespace, not the global one.
    QCOMPARE(call(port, "GET", "/api/v1/kv/kept").status, 404);
    QCOMPARE(json(callWithToken(port, runToken.toLatin1(), "GET", "/api/v1/run-scope/kv/kept"))
                 .value(QStringLiteral("value")),
             QJsonArray({ 7, QStringLiteral("lamps") }));
    QCOMPARE(str(json(call(port, "GET", "/api/v1/kv/global-note")), "value"),
             QStringLiteral("everyone's"));
    // One notification went out (the second was held back), and the log
    // line is the run's.
    const QJsonArray notifications =
        json(call(port, "GET", "/api/v1/notifications")).value(QStringLiteral("items")).toArray();
    int lampNotifications = 0;
    for (const QJsonValue &value : notifications) {
        if (str(value.toObject(), "title") == u"The lamp is cheaper")
            ++lampNotifications;
        QVERIFY(str(value.toObject(), "title") != u"Again");
    }
    QCOMPARE(lampNotifications, 1);
    QVERIFY(call(port, "GET", "/api/v1/runs/" + runId + "/logs").body.contains("compared 3 shops"));

    // The run ends: its server no longer starts for that token.
    response =
        callWithToken(port, workerToken, "POST", "/api/v1/workers/runs/" + runId + "/complete",
                      R"({"status":"succeeded","output":"done","exit_code":0})");
    QCOMPARE(response.status, 200);
    QVERIFY2(
        !runClient(QStringLiteral("run-scope.mjs"), { QStringLiteral("ended") }, scope).isEmpty(),
        "the ended run's server was not refused (see above)");
}

QTEST_GUILESS_MAIN(TestMcpSdk)
#include "tst_mcpsdk.moc"
