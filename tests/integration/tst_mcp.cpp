// `hearth mcp` as a local agent runs it: a real subprocess on a real hearthd,
// spoken to line by line over its stdin and stdout, as the MCP lifecycle
// (2025-11-25) says; every stdout line must be a JSON-RPC message.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace hearth::test;

class TestMcp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void lifecycle();
    void malformedMessagesGetJsonRpcErrors_data();
    void malformedMessagesGetJsonRpcErrors();
    void toolsDescribeThemselves();
    void argumentsAreCheckedAndNamed_data();
    void argumentsAreCheckedAndNamed();
    void watchersFromDraftToRun();
    void storeSecretsAndSchedules();
    void snapshotsAndDiffs();
    void resources();

private:
    // Starts `hearth mcp`; initialized unless `initialize` is false.
    void startServer(bool initialize = true);
    void stopServer();
    void send(const QJsonObject &message);
    QJsonObject next(); // the next stdout line, parsed (empty on a timeout)
    QJsonObject request(const QString &method, const QJsonObject &params = {});
    // A tools/call's result.
    QJsonObject callTool(const QString &name, const QJsonObject &arguments = {});
    // The structured content of a successful call (checked against its text).
    QJsonObject toolResult(const QString &name, const QJsonObject &arguments = {});
    QString toolError(const QString &name, const QJsonObject &arguments = {});
    QJsonObject waitForRun(const QString &runId);
    // A person approves what the agent made, with `hearth approve`.
    void approve(const QString &watcher)
    {
        const CliResult approved = runCli({ QStringLiteral("--data-dir"), m_hearthd->dataDir(),
                                            QStringLiteral("approve"), watcher });
        QVERIFY2(approved.exitCode == 0, approved.err.constData());
    }

    std::unique_ptr<HearthdProcess> m_hearthd;
    QProcess m_mcp;
    QByteArray m_pending;
    int m_nextId = 100;
};

void TestMcp::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    // A master key of its own, so that secrets can be stored.
    QByteArray key(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_SECRET_KEY"), QString::fromLatin1(key.toBase64()));
    QVERIFY2(m_hearthd->start({}, env), qPrintable(m_hearthd->lastError()));
    QCOMPARE(waitForSecretsState(m_hearthd->port()), QStringLiteral("ready"));
    startServer();
}

void TestMcp::cleanupTestCase()
{
    stopServer();
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestMcp::startServer(bool initialize)
{
    m_pending.clear();
    m_mcp.start(binary(QStringLiteral("hearth")),
                { QStringLiteral("--data-dir"), m_hearthd->dataDir(), QStringLiteral("mcp") });
    QVERIFY(m_mcp.waitForStarted());
    if (!initialize)
        return;
    const QJsonObject answer =
        request(QStringLiteral("initialize"),
                { { QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25") },
                  { QStringLiteral("capabilities"), QJsonObject {} },
                  { QStringLiteral("clientInfo"),
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("tst_mcp") },
                                  { QStringLiteral("version"), QStringLiteral("1") } } } });
    QCOMPARE(answer.value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("protocolVersion"))
                 .toString(),
             QStringLiteral("2025-11-25"));
    send({ { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
           { QStringLiteral("method"), QStringLiteral("notifications/initialized") } });
}

void TestMcp::stopServer()
{
    m_mcp.closeWriteChannel();
    QVERIFY(m_mcp.waitForFinished(scaled(10000)));
    QCOMPARE(m_mcp.exitCode(), 0);
    // Whatever is left on stdout is protocol too.
    m_pending += m_mcp.readAllStandardOutput();
    for (const QByteArray &line : m_pending.split('\n')) {
        if (!line.trimmed().isEmpty())
            QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("jsonrpc")),
                     QStringLiteral("2.0"));
    }
}

void TestMcp::send(const QJsonObject &message)
{
    m_mcp.write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
}

QJsonObject TestMcp::next()
{
    QElapsedTimer timer;
    timer.start();
    while (!m_pending.contains('\n') && timer.elapsed() < scaled(20000)) {
        m_mcp.waitForReadyRead(100);
        m_pending += m_mcp.readAllStandardOutput();
    }
    const qsizetype end = m_pending.indexOf('\n');
    if (end < 0)
        return {};
    const QByteArray line = m_pending.left(end);
    m_pending.remove(0, end + 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        QTest::qFail(QByteArray("not a JSON-RPC line on stdout: " + line).constData(), __FILE__,
                     __LINE__);
    return document.object();
}

QJsonObject TestMcp::request(const QString &method, const QJsonObject &params)
{
    const int id = ++m_nextId;
    QJsonObject message { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                          { QStringLiteral("id"), id },
                          { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    send(message);
    const QJsonObject answer = next();
    if (answer.value(QStringLiteral("id")).toInt() != id)
        QTest::qFail(
            QByteArray("answer to another request: " + QJsonDocument(answer).toJson()).constData(),
            __FILE__, __LINE__);
    return answer;
}

QJsonObject TestMcp::callTool(const QString &name, const QJsonObject &arguments)
{
    return request(QStringLiteral("tools/call"),
                   { { QStringLiteral("name"), name }, { QStringLiteral("arguments"), arguments } })
        .value(QStringLiteral("result"))
        .toObject();
}

QJsonObject TestMcp::toolResult(const QString &name, const QJsonObject &arguments)
{
    const QJsonObject result = callTool(name, arguments);
    const QString text = result.value(QStringLiteral("content"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString();
    if (result.value(QStringLiteral("isError")).toBool())
        QTest::qFail(qPrintable(name + QStringLiteral(" failed: ") + text), __FILE__, __LINE__);
    const QJsonObject structured = result.value(QStringLiteral("structuredContent")).toObject();
    // The text copy says the same.
    if (QJsonDocument::fromJson(text.toUtf8()).object() != structured)
        QTest::qFail(qPrintable(name + QStringLiteral(": the text is not the structured content")),
                     __FILE__, __LINE__);
    return structured;
}

QString TestMcp::toolError(const QString &name, const QJsonObject &arguments)
{
    const QJsonObject result = callTool(name, arguments);
    if (!result.value(QStringLiteral("isError")).toBool())
        return {};
    return result.value(QStringLiteral("content"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

QJsonObject TestMcp::waitForRun(const QString &runId)
{
    QJsonObject run;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < scaled(20000)) {
        run = toolResult(QStringLiteral("get_run"), { { QStringLiteral("run"), runId } });
        const QString status = run.value(QStringLiteral("status")).toString();
        if (status != u"pending" && status != u"running")
            break;
        QTest::qWait(50);
    }
    return run;
}

void TestMcp::lifecycle()
{
    stopServer();
    startServer(false);
    // Before initialize: ping only.
    QVERIFY(request(QStringLiteral("ping")).value(QStringLiteral("result")).isObject());
    QCOMPARE(request(QStringLiteral("tools/list"))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toInt(),
             -32600);
    // A version it does not speak: it answers with the latest it does.
    const QJsonObject result =
        request(QStringLiteral("initialize"),
                { { QStringLiteral("protocolVersion"), QStringLiteral("1999-01-01") },
                  { QStringLiteral("capabilities"), QJsonObject {} },
                  { QStringLiteral("clientInfo"),
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("old") },
                                  { QStringLiteral("version"), QStringLiteral("0") } } } })
            .value(QStringLiteral("result"))
            .toObject();
    QCOMPARE(result.value(QStringLiteral("protocolVersion")).toString(),
             QStringLiteral("2025-11-25"));
    QCOMPARE(result.value(QStringLiteral("serverInfo")).toObject().value(QStringLiteral("name")),
             QStringLiteral("hearth"));
    QVERIFY(
        result.value(QStringLiteral("capabilities")).toObject().contains(QStringLiteral("tools")));
    QVERIFY(result.value(QStringLiteral("capabilities"))
                .toObject()
                .contains(QStringLiteral("resources")));
    // A notification is not answered: the next line is the ping's.
    send({ { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
           { QStringLiteral("method"), QStringLiteral("notifications/initialized") } });
    QVERIFY(request(QStringLiteral("ping")).contains(QStringLiteral("result")));
    QVERIFY(request(QStringLiteral("tools/list")).contains(QStringLiteral("result")));
    // Logs went to stderr.
    QVERIFY(m_mcp.readAllStandardError().contains("MCP client old asks for protocol 1999-01-01"));
    // The other tests talk to a server initialized as tst_mcp.
    stopServer();
    startServer();
}

void TestMcp::malformedMessagesGetJsonRpcErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("code");
    QTest::newRow("not JSON") << QByteArray("{nope") << -32700;
    QTest::newRow("a batch") << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])")
                             << -32600;
    QTest::newRow("no jsonrpc") << QByteArray(R"({"id":1,"method":"ping"})") << -32600;
    QTest::newRow("unknown method")
        << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/destroy"})") << -32601;
    QTest::newRow("params not an object")
        << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]})") << -32602;
    QTest::newRow("unknown tool")
        << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"rm_rf"}})")
        << -32602;
    QTest::newRow("id not a string or integer")
        << QByteArray(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})") << -32600;
    QTest::newRow("id a fraction")
        << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})") << -32600;
    // Beyond any 64-bit integer, and beyond the integers a double holds exactly.
    QTest::newRow("id too large")
        << QByteArray(R"({"jsonrpc":"2.0","id":444444444444444444444446,"method":"ping"})")
        << -32600;
    QTest::newRow("id beyond 2^53")
        << QByteArray(R"({"jsonrpc":"2.0","id":18014398509481984,"method":"ping"})") << -32600;
}

void TestMcp::malformedMessagesGetJsonRpcErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(int, code);
    m_mcp.write(line + '\n');
    const QJsonObject answer = next();
    QCOMPARE(answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
             code);
    QVERIFY(!answer.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    // The server goes on.
    QVERIFY(request(QStringLiteral("ping")).contains(QStringLiteral("result")));
}

void TestMcp::toolsDescribeThemselves()
{
    const QJsonArray tools = request(QStringLiteral("tools/list"))
                                 .value(QStringLiteral("result"))
                                 .toObject()
                                 .value(QStringLiteral("tools"))
                                 .toArray();
    QSet<QString> names;
    for (const QJsonValue &value : tools) {
        const QJsonObject tool = value.toObject();
        const QString name = tool.value(QStringLiteral("name")).toString();
        names.insert(name);
        const QJsonObject input = tool.value(QStringLiteral("inputSchema")).toObject();
        QCOMPARE(input.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
        QVERIFY2(input.value(QStringLiteral("additionalProperties")) == QJsonValue(false),
                 qPrintable(name));
        QCOMPARE(tool.value(QStringLiteral("outputSchema"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("object"));
        QVERIFY(!tool.value(QStringLiteral("description")).toString().isEmpty());
        const QJsonObject annotations = tool.value(QStringLiteral("annotations")).toObject();
        QVERIFY2(annotations.value(QStringLiteral("readOnlyHint")).isBool(), qPrintable(name));
        QVERIFY2(annotations.value(QStringLiteral("destructiveHint")).isBool(), qPrintable(name));
        // A destructive tool asks for confirm: true.
        if (annotations.value(QStringLiteral("destructiveHint")).toBool()) {
            QVERIFY2(input.value(QStringLiteral("required"))
                         .toArray()
                         .contains(QStringLiteral("confirm")),
                     qPrintable(name));
        }
        // No tool takes or gives a secret's value.
        QVERIFY(!name.contains(u"secret") || name == u"list_secret_names");
    }
    for (const char *expected : { "status",
                                  "list_watchers",
                                  "get_watcher",
                                  "list_runs",
                                  "get_run",
                                  "list_notifications",
                                  "preview_schedule",
                                  "list_templates",
                                  "kv_get",
                                  "kv_list",
                                  "kv_set",
                                  "kv_delete",
                                  "list_secret_names",
                                  "script_test",
                                  "create_watcher",
                                  "update_watcher",
                                  "run_watcher",
                                  "retry_run",
                                  "cancel_run",
                                  "list_snapshots",
                                  "diff_snapshots" })
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
}

void TestMcp::argumentsAreCheckedAndNamed_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QStringLiteral("get_run") << QByteArray("{}")
                             << QStringLiteral("run: is required");
    QTest::newRow("unknown") << QStringLiteral("status") << QByteArray(R"({"verbose":true})")
                             << QStringLiteral("verbose: is not an argument");
    QTest::newRow("wrong type") << QStringLiteral("list_runs") << QByteArray(R"({"limit":"ten"})")
                                << QStringLiteral("limit: must be an integer");
    QTest::newRow("a huge number")
        << QStringLiteral("list_runs") << QByteArray(R"({"limit":1e300})")
        << QStringLiteral("limit: must be an integer");
    QTest::newRow("not a choice") << QStringLiteral("list_runs")
                                  << QByteArray(R"({"status":"exploded"})")
                                  << QStringLiteral("status: must be one of");
    QTest::newRow("no such watcher")
        << QStringLiteral("get_watcher") << QByteArray(R"({"watcher":"nobody"})")
        << QStringLiteral("watcher: no watcher named");
    QTest::newRow("unconfirmed") << QStringLiteral("kv_delete")
                                 << QByteArray(R"({"key":"a","confirm":false})")
                                 << QStringLiteral("confirm: must be true");
    QTest::newRow("the runtime's refusal")
        << QStringLiteral("create_watcher")
        << QByteArray(R"({"watcher":{"name":"x","script":"return (","schedule":{"every_s":60}}})")
        << QStringLiteral("invalid_request: script");
}

void TestMcp::argumentsAreCheckedAndNamed()
{
    QFETCH(QString, tool);
    QFETCH(QByteArray, arguments);
    QFETCH(QString, message);
    const QString error = toolError(tool, QJsonDocument::fromJson(arguments).object());
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

void TestMcp::watchersFromDraftToRun()
{
    const QJsonObject draft { { QStringLiteral("name"), QStringLiteral("from an agent") },
                              { QStringLiteral("script"),
                                QStringLiteral("log.info('hello ' .. ctx.event.who) "
                                               "return { answer = 42 }") },
                              { QStringLiteral("schedule"),
                                QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
    // Tried, then checked, then saved.
    const QJsonObject tried =
        toolResult(QStringLiteral("script_test"),
                   { { QStringLiteral("source"), draft.value(QStringLiteral("script")) },
                     { QStringLiteral("event"),
                       QJsonObject { { QStringLiteral("who"), QStringLiteral("mcp") } } } });
    QCOMPARE(tried.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(tried.value(QStringLiteral("result")).toObject().value(QStringLiteral("answer")), 42);
    // A draft's notifications are answered, not sent.
    const QJsonObject loud = toolResult(
        QStringLiteral("script_test"),
        { { QStringLiteral("source"), QStringLiteral("notify{title='Would say'} return 1") } });
    QCOMPARE(loud.value(QStringLiteral("notifications"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("title"))
                 .toString(),
             QStringLiteral("Would say"));
    QVERIFY(toolResult(QStringLiteral("list_notifications"))
                .value(QStringLiteral("items"))
                .toArray()
                .isEmpty());
    const QJsonObject checked = toolResult(
        QStringLiteral("create_watcher"),
        { { QStringLiteral("watcher"), draft }, { QStringLiteral("validate_only"), true } });
    QCOMPARE(checked.value(QStringLiteral("valid")).toBool(), true);
    QVERIFY(toolResult(QStringLiteral("list_watchers"))
                .value(QStringLiteral("items"))
                .toArray()
                .isEmpty());
    const QJsonObject created =
        toolResult(QStringLiteral("create_watcher"), { { QStringLiteral("watcher"), draft } });
    const QString id = created.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    // hearthd records the client by the name it gave in initialize.
    QCOMPARE(created.value(QStringLiteral("created_by")).toString(), QStringLiteral("mcp:tst_mcp"));
    QCOMPARE(toolResult(QStringLiteral("get_watcher"),
                        { { QStringLiteral("watcher"), QStringLiteral("from an agent") } })
                 .value(QStringLiteral("script")),
             draft.value(QStringLiteral("script")));
    const QJsonObject renamed = toolResult(
        QStringLiteral("update_watcher"),
        { { QStringLiteral("watcher"), id },
          { QStringLiteral("changes"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("renamed by an agent") } } } });
    QCOMPARE(renamed.value(QStringLiteral("name")).toString(),
             QStringLiteral("renamed by an agent"));
    QCOMPARE(renamed.value(QStringLiteral("updated_by")).toString(), QStringLiteral("mcp:tst_mcp"));
    // What an agent makes waits for a person: it cannot run it, or approve
    // it, until they do (with the CLI here).
    QCOMPARE(renamed.value(QStringLiteral("approval")).toString(), QStringLiteral("pending"));
    QCOMPARE(renamed.value(QStringLiteral("enabled")).toBool(), false);
    const QString awaiting =
        toolError(QStringLiteral("run_watcher"),
                  { { QStringLiteral("watcher"), QStringLiteral("renamed by an agent") } });
    QVERIFY2(awaiting.startsWith(u"awaiting_approval") && awaiting.contains(u"hearth approve"),
             qPrintable(awaiting));
    approve(QStringLiteral("renamed by an agent"));

    const QJsonObject run =
        toolResult(QStringLiteral("run_watcher"),
                   { { QStringLiteral("watcher"), QStringLiteral("renamed by an agent") },
                     { QStringLiteral("event"),
                       QJsonObject { { QStringLiteral("who"), QStringLiteral("you") } } } });
    const QJsonObject finished = waitForRun(run.value(QStringLiteral("id")).toString());
    QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(finished.value(QStringLiteral("actor")).toString(), QStringLiteral("mcp:tst_mcp"));
    QCOMPARE(finished.value(QStringLiteral("log_tail"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
             QStringLiteral("hello you"));
    QCOMPARE(toolResult(QStringLiteral("list_runs"), { { QStringLiteral("watcher"), id } })
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             1);
    // A finished run cannot be cancelled or retried: the runtime says why.
    const QString notCancelled =
        toolError(QStringLiteral("cancel_run"),
                  { { QStringLiteral("run"), run.value(QStringLiteral("id")) },
                    { QStringLiteral("confirm"), true } });
    QVERIFY2(notCancelled.startsWith(u"run_finished"), qPrintable(notCancelled));
    QVERIFY(toolError(QStringLiteral("retry_run"),
                      { { QStringLiteral("run"), run.value(QStringLiteral("id")) } })
                .startsWith(u"not_retryable"));
    QCOMPARE(toolResult(QStringLiteral("status"))
                 .value(QStringLiteral("counts"))
                 .toObject()
                 .value(QStringLiteral("enabled_watchers")),
             1);
}

void TestMcp::storeSecretsAndSchedules()
{
    QCOMPARE(toolResult(QStringLiteral("kv_set"),
                        { { QStringLiteral("key"), QStringLiteral("prices/lamp") },
                          { QStringLiteral("value"), QJsonArray { 42.9, QStringLiteral("EUR") } } })
                 .value(QStringLiteral("written"))
                 .toString(),
             QStringLiteral("created"));
    QCOMPARE(toolResult(QStringLiteral("kv_get"),
                        { { QStringLiteral("key"), QStringLiteral("prices/lamp") } })
                 .value(QStringLiteral("value")),
             QJsonArray({ 42.9, QStringLiteral("EUR") }));
    QCOMPARE(toolResult(QStringLiteral("kv_list"),
                        { { QStringLiteral("prefix"), QStringLiteral("prices/") } })
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             1);
    QVERIFY(toolResult(QStringLiteral("kv_delete"),
                       { { QStringLiteral("key"), QStringLiteral("prices/lamp") },
                         { QStringLiteral("confirm"), true } })
                .value(QStringLiteral("done"))
                .toBool());

    // A secret's name, never its value.
    QCOMPARE(call(m_hearthd->port(), "PUT", "/api/v1/secrets/SHOP_TOKEN",
                  R"({"value":"very-secret-value"})")
                 .status,
             201);
    const QJsonObject secrets = toolResult(QStringLiteral("list_secret_names"));
    QCOMPARE(secrets.value(QStringLiteral("items"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("SHOP_TOKEN"));
    QVERIFY(!QJsonDocument(secrets).toJson().contains("very-secret-value"));

    const QJsonObject fires =
        toolResult(QStringLiteral("preview_schedule"),
                   { { QStringLiteral("cron"), QStringLiteral("0 9 * * 1-5") },
                     { QStringLiteral("tz"), QStringLiteral("Europe/Berlin") },
                     { QStringLiteral("count"), 3 } });
    QCOMPARE(fires.value(QStringLiteral("fires")).toArray().size(), 3);
    QVERIFY(toolError(QStringLiteral("preview_schedule"),
                      { { QStringLiteral("cron"), QStringLiteral("61 * * * *") } })
                .contains(u"schedule.cron"));
    QCOMPARE(toolResult(QStringLiteral("list_templates"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             5);
    QVERIFY(toolResult(QStringLiteral("list_notifications"), { { QStringLiteral("limit"), 5 } })
                .value(QStringLiteral("items"))
                .isArray());
}

void TestMcp::snapshotsAndDiffs()
{
    const QJsonObject keeper = toolResult(
        QStringLiteral("create_watcher"),
        { { QStringLiteral("watcher"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("keeper") },
                          { QStringLiteral("script"),
                            QStringLiteral("snapshot.save(ctx.event.text) return true") },
                          { QStringLiteral("schedule"),
                            QJsonObject { { QStringLiteral("every_s"), 3600 } } } } } });
    approve(QStringLiteral("keeper"));
    QVERIFY(toolError(QStringLiteral("diff_snapshots"),
                      { { QStringLiteral("watcher"), QStringLiteral("keeper") } })
                .contains(u"fewer than two snapshots"));
    for (const char *text : { "a\nb", "a\nc" }) {
        const QJsonObject run =
            toolResult(QStringLiteral("run_watcher"),
                       { { QStringLiteral("watcher"), keeper.value(QStringLiteral("id")) },
                         { QStringLiteral("event"),
                           QJsonObject { { QStringLiteral("text"), QLatin1String(text) } } } });
        QCOMPARE(waitForRun(run.value(QStringLiteral("id")).toString())
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("succeeded"));
    }
    QCOMPARE(toolResult(QStringLiteral("list_snapshots"),
                        { { QStringLiteral("watcher"), QStringLiteral("keeper") } })
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             2);
    const QJsonObject diff =
        toolResult(QStringLiteral("diff_snapshots"),
                   { { QStringLiteral("watcher"), QStringLiteral("keeper") } });
    QCOMPARE(diff.value(QStringLiteral("changed")).toBool(), true);
    QCOMPARE(diff.value(QStringLiteral("added")).toArray(), QJsonArray { QStringLiteral("c") });
    QCOMPARE(diff.value(QStringLiteral("removed")).toArray(), QJsonArray { QStringLiteral("b") });
}

void TestMcp::resources()
{
    const QJsonArray listed = request(QStringLiteral("resources/list"))
                                  .value(QStringLiteral("result"))
                                  .toObject()
                                  .value(QStringLiteral("resources"))
                                  .toArray();
    QCOMPARE(listed.at(0).toObject().value(QStringLiteral("uri")).toString(),
             QStringLiteral("hearth://docs/lua-sdk"));
    const QJsonArray templates = request(QStringLiteral("resources/templates/list"))
                                     .value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("resourceTemplates"))
                                     .toArray();
    QCOMPARE(templates.size(), 2);
    const auto read = [this](const QString &uri) {
        return request(QStringLiteral("resources/read"), { { QStringLiteral("uri"), uri } });
    };
    const auto textOf = [](const QJsonObject &answer) {
        return answer.value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("contents"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("text"))
            .toString();
    };
    QVERIFY(textOf(read(QStringLiteral("hearth://docs/lua-sdk"))).contains(u"html.parse"));
    QCOMPARE(textOf(read(QStringLiteral("hearth://watchers/keeper/script"))),
             QStringLiteral("snapshot.save(ctx.event.text) return true"));
    // A name in a URI is percent-encoded.
    QVERIFY(textOf(read(QStringLiteral("hearth://watchers/renamed%20by%20an%20agent/script")))
                .startsWith(u"log.info"));
    const QJsonObject runs =
        toolResult(QStringLiteral("list_runs"),
                   { { QStringLiteral("watcher"), QStringLiteral("renamed by an agent") } });
    const QString runId = runs.value(QStringLiteral("items"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toString();
    QVERIFY(textOf(read(QStringLiteral("hearth://runs/") + runId + QStringLiteral("/logs")))
                .contains(u"INFO hello you"));
    QCOMPARE(read(QStringLiteral("hearth://watchers/nobody/script"))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toInt(),
             -32002);
    QCOMPARE(read(QStringLiteral("file:///etc/passwd"))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toInt(),
             -32602);
}

QTEST_GUILESS_MAIN(TestMcp)
#include "tst_mcp.moc"
