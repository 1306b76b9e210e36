// The device worker's agent runner with real child processes (the stand-in
// agent tests/agents/fake-agent.sh): result extraction, exit codes,
// timeouts that kill the whole process group, no orphans, output caps,
// secret redaction, prompts on stdin, missing agents.
#include "client/worker/AgentOutput.h"
#include "client/worker/AgentProcess.h"
#include "client/worker/Worker.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

using namespace hearth::client;

namespace {

const QString FakeAgent = QStringLiteral(HEARTH_SOURCE_DIR "/tests/agents/fake-agent.sh");

AgentProfile fakeProfile()
{
    AgentProfile profile;
    profile.name = QStringLiteral("fake");
    profile.program = FakeAgent;
    profile.args = { QStringLiteral("{prompt}") };
    return profile;
}

struct Finished
{
    AgentOutcome outcome;
    QList<LogLine> logs;
};

Finished runAgent(AgentJob job, qint64 killGraceMs = 300)
{
    AgentProcess process;
    process.setKillGraceMs(killGraceMs);
    Finished finished;
    QObject::connect(&process, &AgentProcess::logLines, &process,
                     [&finished](const QList<LogLine> &lines) { finished.logs += lines; });
    QSignalSpy done(&process, &AgentProcess::finished);
    process.start(job);
    if (!done.wait(30'000))
        qFatal("the agent did not finish");
    finished.outcome = done.first().first().value<AgentOutcome>();
    return finished;
}

AgentJob job(const QString &prompt, qint64 timeoutMs = 20'000)
{
    AgentJob job;
    job.profile = fakeProfile();
    job.prompt = prompt;
    job.timeoutMs = timeoutMs;
    return job;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    for (int i = 0; i < 100 && !file.exists(); ++i)
        QTest::qWait(20);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

} // namespace

Q_DECLARE_METATYPE(hearth::client::AgentOutcome)

class TestAgentProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void extractResult_data();
    void extractResult();
    void redaction();
    void outcomes_data();
    void outcomes();
    void timeoutKillsTheGroup();
    void exitKillsLeftovers();
    void cancel();
    void secretsAreRedacted();
    void bigOutputIsCapped();
    void promptOnStdin();
    void missingAgent();
    void claudeEnvelope();
    void resultSchemaReachesTheAgent();
    void rememberedBuiltInsTakeSchemaArguments();
    void mcpConfigurationReachesTheAgent();
};

void TestAgentProcess::initTestCase()
{
    qRegisterMetaType<AgentOutcome>();
}

void TestAgentProcess::extractResult_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QByteArray>("result");
    QTest::newRow("plain text") << QStringLiteral("  All good.\n") << QByteArray("\"All good.\"");
    QTest::newRow("whole output is JSON")
        << QStringLiteral("{\"a\": 1}\n") << QByteArray("{\"a\":1}");
    QTest::newRow("trailing object")
        << QStringLiteral("Looked at it.\nDone:\n{\"price\": 42,\n \"ok\": true}\n")
        << QByteArray("{\"ok\":true,\"price\":42}");
    QTest::newRow("trailing array") << QStringLiteral("found\n[1, 2, 3]") << QByteArray("[1,2,3]");
    QTest::newRow("fenced block") << QStringLiteral(
                                         "Summary:\n```json\n{\"issues\": [\"#1\"]}\n```\n")
                                  << QByteArray("{\"issues\":[\"#1\"]}");
    QTest::newRow("fenced block that is not JSON") << QStringLiteral("Code:\n```\nint x;\n```")
                                                   << QByteArray("\"Code:\\n```\\nint x;\\n```\"");
    QTest::newRow("bare number on the last line")
        << QStringLiteral("Count:\n42") << QByteArray("42");
    QTest::newRow("JSON in the middle only") << QStringLiteral("{\"a\": 1}\nand then text")
                                             << QByteArray("\"{\\\"a\\\": 1}\\nand then text\"");
    QTest::newRow("braces in prose")
        << QStringLiteral("use {curly} braces") << QByteArray("\"use {curly} braces\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
}

void TestAgentProcess::extractResult()
{
    QFETCH(QString, output);
    QFETCH(QByteArray, result);
    QCOMPARE(hearth::client::extractResult(output), result);
}

void TestAgentProcess::redaction()
{
    SecretRedactor redactor;
    redactor.add(QStringLiteral("short"), QStringLiteral("abc")); // too short to redact
    redactor.add(QStringLiteral("token"), QStringLiteral("s3cr3t-value"));
    redactor.add(QStringLiteral("long"), QStringLiteral("s3cr3t-value-plus"));
    QCOMPARE(redactor.redact(QStringLiteral("abc s3cr3t-value s3cr3t-value-plus")),
             QStringLiteral("abc [redacted:token] [redacted:long]"));
}

void TestAgentProcess::outcomes_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<bool>("succeeded");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("result");
    QTest::newRow("text") << QStringLiteral("say hello world") << true << QString() << 0
                          << QByteArray("\"hello world\"");
    QTest::newRow("trailing JSON") << QStringLiteral("json") << true << QString() << 0
                                   << QByteArray("{\"currency\":\"EUR\",\"price\":42}");
    QTest::newRow("fenced JSON") << QStringLiteral("fenced") << true << QString() << 0
                                 << QByteArray("{\"issues\":[\"#1\",\"#2\"]}");
    QTest::newRow("exit code 3") << QStringLiteral("fail 3") << false
                                 << QStringLiteral("agent_failed") << 3 << QByteArray("null");
}

void TestAgentProcess::outcomes()
{
    QFETCH(QString, prompt);
    QFETCH(bool, succeeded);
    QFETCH(QString, errorCode);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, result);
    const Finished finished = runAgent(job(prompt));
    QCOMPARE(finished.outcome.succeeded, succeeded);
    QCOMPARE(finished.outcome.errorCode, errorCode);
    QCOMPARE(finished.outcome.exitCode, exitCode);
    QCOMPARE(finished.outcome.resultJson, result);
    if (!succeeded) {
        // The message says how it failed, with the agent's last stderr line.
        QVERIFY2(finished.outcome.errorMessage.contains(QStringLiteral("code 3")),
                 qPrintable(finished.outcome.errorMessage));
        QVERIFY(finished.outcome.errorMessage.contains(QStringLiteral("something broke badly")));
        QCOMPARE(finished.logs.size(), 1);
    }
}

void TestAgentProcess::timeoutKillsTheGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    QElapsedTimer clock;
    clock.start();
    const Finished finished = runAgent(job(QStringLiteral("grandchild ") + pidFile, 1000));
    QCOMPARE(finished.outcome.errorCode, QStringLiteral("timeout"));
    QVERIFY(!finished.outcome.succeeded);
    QVERIFY2(clock.elapsed() < 10'000, "the timeout did not stop the agent");
    const qint64 grandchild = readPid(pidFile);
    QVERIFY(grandchild > 0);
    // The grandchild was in the agent's group: gone too (reaped by init).
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(grandchild), 5000);
}

void TestAgentProcess::exitKillsLeftovers()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("leftover.pid"));
    const Finished finished = runAgent(job(QStringLiteral("leave ") + pidFile));
    QVERIFY(finished.outcome.succeeded);
    const qint64 leftover = readPid(pidFile);
    QVERIFY(leftover > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(leftover), 5000);
}

void TestAgentProcess::cancel()
{
    AgentProcess process;
    process.setKillGraceMs(300);
    QSignalSpy done(&process, &AgentProcess::finished);
    process.start(job(QStringLiteral("sleep 30")));
    QTest::qWait(300);
    QVERIFY(process.isRunning());
    process.cancel(QStringLiteral("the run was cancelled"));
    QVERIFY(done.wait(10'000));
    const auto outcome = done.first().first().value<AgentOutcome>();
    QCOMPARE(outcome.errorCode, QStringLiteral("cancelled"));
    QCOMPARE(outcome.errorMessage, QStringLiteral("the run was cancelled"));
}

void TestAgentProcess::secretsAreRedacted()
{
    AgentJob secretJob = job(QStringLiteral("secret"));
    secretJob.secretEnv.insert(QStringLiteral("API_TOKEN"), QStringLiteral("planted-S3CRET-4711"));
    secretJob.secretNames.insert(QStringLiteral("API_TOKEN"), QStringLiteral("api.token"));
    const Finished finished = runAgent(secretJob);
    QVERIFY(finished.outcome.succeeded);
    // The agent saw the value (it printed it), the capture did not keep it.
    QCOMPARE(finished.outcome.output.trimmed(),
             QStringLiteral("the token is [redacted:api.token]"));
    QVERIFY(!finished.outcome.resultJson.contains("planted"));
    QCOMPARE(finished.logs.size(), 1);
    QCOMPARE(finished.logs.first().message, QStringLiteral("debug: using [redacted:api.token]"));
    // Nothing of it in the worker's own environment.
    QVERIFY(!qEnvironmentVariableIsSet("API_TOKEN"));
}

void TestAgentProcess::bigOutputIsCapped()
{
    const Finished finished = runAgent(job(QStringLiteral("big")));
    QVERIFY(finished.outcome.succeeded);
    const QByteArray output = finished.outcome.output.toUtf8();
    QVERIFY(output.size() <= AgentProcess::OutputCapBytes + 100);
    QVERIFY(output.size() >= AgentProcess::OutputCapBytes);
    QVERIFY(output.endsWith("[output truncated: 4194304 more bytes]"));
}

void TestAgentProcess::promptOnStdin()
{
    AgentJob stdinJob;
    stdinJob.profile = fakeProfile();
    stdinJob.profile.args.clear(); // no {prompt}: it goes to stdin
    QVERIFY(stdinJob.profile.promptOnStdin());
    stdinJob.prompt = QStringLiteral("stdin hello there");
    const Finished finished = runAgent(stdinJob);
    QVERIFY(finished.outcome.succeeded);
    QCOMPARE(finished.outcome.resultJson, QByteArray("\"read from stdin: hello there\""));
}

void TestAgentProcess::missingAgent()
{
    AgentJob missing = job(QStringLiteral("say hi"));
    missing.profile.program = QStringLiteral("hearth-no-such-agent");
    const Finished finished = runAgent(missing);
    QCOMPARE(finished.outcome.errorCode, QStringLiteral("agent_not_found"));
    QVERIFY(finished.outcome.errorMessage.contains(QStringLiteral("not on PATH")));
    AgentJob noDir = job(QStringLiteral("say hi"));
    noDir.workdir = QStringLiteral("/nonexistent/hearth");
    QCOMPARE(runAgent(noDir).outcome.errorCode, QStringLiteral("workdir_missing"));
}

void TestAgentProcess::claudeEnvelope()
{
    AgentJob claude = job(QStringLiteral("claude the answer"));
    claude.profile.outputFormat = AgentProfile::OutputFormat::ClaudeJson;
    const Finished finished = runAgent(claude);
    QVERIFY(finished.outcome.succeeded);
    // The envelope's "result" text is the answer; the output keeps it all.
    QCOMPARE(finished.outcome.resultJson, QByteArray("\"the answer\""));
    QVERIFY(finished.outcome.output.contains(QStringLiteral("\"type\":\"result\"")));
}

// A watcher's result_schema is handed over as the profile says: as text
// (claude's --json-schema, whose checked answer comes as structured_output),
// as a file that exists while the agent runs (codex's --output-schema), or,
// for a profile without schema arguments, described in the prompt.
void TestAgentProcess::resultSchemaReachesTheAgent()
{
    const QJsonObject schema { { QStringLiteral("type"), QStringLiteral("object") },
                               { QStringLiteral("required"),
                                 QJsonArray { QStringLiteral("notify") } } };
    const QByteArray schemaText = QJsonDocument(schema).toJson(QJsonDocument::Compact);

    AgentJob claude = job(QStringLiteral("structured"));
    claude.profile.outputFormat = AgentProfile::OutputFormat::ClaudeJson;
    claude.profile.schemaArgs = AgentProfile::builtIn(QStringLiteral("claude"))->schemaArgs;
    claude.resultSchema = schema;
    Finished finished = runAgent(claude);
    QVERIFY(finished.outcome.succeeded);
    QCOMPARE(finished.outcome.resultJson, QByteArray("{\"schema_given\":true}"));
    // Without a schema, no schema arguments.
    claude.resultSchema = {};
    QCOMPARE(runAgent(claude).outcome.resultJson, QByteArray("{\"schema_given\":false}"));

    AgentJob codexLike = job(QStringLiteral("verdict good"));
    codexLike.profile.schemaArgs = { QStringLiteral("--schema-file"),
                                     QStringLiteral("{schema_file}") };
    codexLike.resultSchema = schema;
    finished = runAgent(codexLike);
    QVERIFY(finished.outcome.succeeded);
    const QRegularExpressionMatch given =
        QRegularExpression(QStringLiteral("^schema file (\\S+): (.*)$"),
                           QRegularExpression::MultilineOption)
            .match(finished.outcome.output);
    QVERIFY2(given.hasMatch(), qPrintable(finished.outcome.output));
    QCOMPARE(given.captured(2), QString::fromUtf8(schemaText));
    QCOMPARE(finished.outcome.resultJson, QByteArray("{\"notify\":true,\"title\":\"Price fell\"}"));
    // The file was there for the agent and is gone with it.
    QVERIFY(!QFile::exists(given.captured(1)));

    AgentJob plain = job(QStringLiteral("verdict good"));
    plain.resultSchema = schema;
    finished = runAgent(plain);
    QVERIFY(finished.outcome.succeeded);
    QVERIFY2(finished.outcome.output.contains(QStringLiteral("asked in words for a schema")),
             qPrintable(finished.outcome.output));
}

// A worker's settings saved before profiles had schema arguments: its copy
// of a built-in takes the built-in's; a custom profile stays as it was.
void TestAgentProcess::rememberedBuiltInsTakeSchemaArguments()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("worker.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"worker_id\": \"1\", \"token\": \"t\", \"name\": \"laptop\", \"profiles\": ["
               "{\"name\": \"claude\", \"program\": \"claude\", \"args\": [\"-p\", \"{prompt}\", "
               "\"--output-format\", \"json\"], \"env\": {}, \"output_format\": \"claude-json\"},"
               "{\"name\": \"codex\", \"program\": \"/opt/codex\", \"args\": [\"exec\", "
               "\"{prompt}\"]},"
               "{\"name\": \"aider\", \"program\": \"aider\", \"args\": [\"{prompt}\"]}]}");
    file.close();
    const auto settings = WorkerSettings::load(path);
    QVERIFY(settings);
    QCOMPARE(settings->profiles.size(), 3);
    QCOMPARE(settings->profiles.at(0).schemaArgs,
             AgentProfile::builtIn(QStringLiteral("claude"))->schemaArgs);
    QCOMPARE(settings->profiles.at(0).mcpArgs,
             AgentProfile::builtIn(QStringLiteral("claude"))->mcpArgs);
    QVERIFY(settings->profiles.at(1).schemaArgs.isEmpty()); // not the built-in's program
    QVERIFY(settings->profiles.at(2).schemaArgs.isEmpty());
    QVERIFY(settings->profiles.at(2).mcpArgs.isEmpty());
    // Saved again, the arguments are written out and read back as they are.
    QVERIFY(settings->save(path));
    const auto again = WorkerSettings::load(path);
    QVERIFY(again);
    QCOMPARE(again->profiles.at(0).schemaArgs, settings->profiles.at(0).schemaArgs);
    QCOMPARE(again->profiles.at(0).mcpArgs, settings->profiles.at(0).mcpArgs);
}

// A run's own MCP server reaches a profile with mcp_args as a file for the
// agent's {mcp_config}: 0600, describing `hearth mcp --run ID` with the run
// token in its environment only, gone with the agent. A profile without
// mcp_args gets nothing; the worker's own HEARTH_RUN_TOKEN never reaches an
// agent.
void TestAgentProcess::mcpConfigurationReachesTheAgent()
{
    qputenv("HEARTH_RUN_TOKEN", "hr_of_the_worker_itself");
    AgentJob withMcp = job(QStringLiteral("mcpconfig"));
    withMcp.profile.mcpArgs = { QStringLiteral("--mcp-config"), QStringLiteral("{mcp_config}") };
    withMcp.mcpServer =
        AgentJob::McpServerLaunch { QStringLiteral("/usr/bin/hearth"),
                                    { QStringLiteral("mcp"), QStringLiteral("--run"),
                                      QStringLiteral("42"), QStringLiteral("--data-dir"),
                                      QStringLiteral("/data") },
                                    "hr_the_runs_token" };
    Finished finished = runAgent(withMcp);
    qunsetenv("HEARTH_RUN_TOKEN");
    QVERIFY2(finished.outcome.succeeded, qPrintable(finished.outcome.errorMessage));
    const QString output = finished.outcome.output;
    QVERIFY2(output.contains(QStringLiteral("token in the agent's environment: unset")),
             qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("mode 600")), qPrintable(output));
    const QRegularExpressionMatch path =
        QRegularExpression(QStringLiteral("^path (\\S+)$"), QRegularExpression::MultilineOption)
            .match(output);
    QVERIFY2(path.hasMatch(), qPrintable(output));
    QVERIFY(!QFile::exists(path.captured(1)));
    const QRegularExpressionMatch config =
        QRegularExpression(QStringLiteral("^config (.*)$"), QRegularExpression::MultilineOption)
            .match(output);
    QVERIFY2(config.hasMatch(), qPrintable(output));
    const QJsonObject server = QJsonDocument::fromJson(config.captured(1).toUtf8())
                                   .object()
                                   .value(QStringLiteral("mcpServers"))
                                   .toObject()
                                   .value(QStringLiteral("hearth"))
                                   .toObject();
    QCOMPARE(server.value(QStringLiteral("command")).toString(), QStringLiteral("/usr/bin/hearth"));
    QCOMPARE(server.value(QStringLiteral("args")).toArray(),
             QJsonArray({ QStringLiteral("mcp"), QStringLiteral("--run"), QStringLiteral("42"),
                          QStringLiteral("--data-dir"), QStringLiteral("/data") }));
    QCOMPARE(server.value(QStringLiteral("env")).toObject(),
             QJsonObject({ { QStringLiteral("HEARTH_RUN_TOKEN"),
                             QStringLiteral("[redacted:run token]") } }));
    // What the agent printed of it has the token hidden, like a secret's;
    // the file had it.
    QVERIFY2(!output.contains(QStringLiteral("hr_the_runs_token")), qPrintable(output));
    const QByteArray digest =
        QCryptographicHash::hash("hr_the_runs_token", QCryptographicHash::Sha256).toHex();
    QVERIFY2(output.contains(QStringLiteral("token digest ") + QString::fromLatin1(digest)),
             qPrintable(output));

    // A profile that takes no MCP configuration runs without one.
    AgentJob without = withMcp;
    without.profile.mcpArgs = {};
    finished = runAgent(without);
    QVERIFY(finished.outcome.succeeded);
    QVERIFY2(finished.outcome.output.contains(QStringLiteral("no mcp config")),
             qPrintable(finished.outcome.output));
    // And a run without a server gives the profile none.
    AgentJob noServer = withMcp;
    noServer.mcpServer.reset();
    finished = runAgent(noServer);
    QVERIFY(finished.outcome.output.contains(QStringLiteral("no mcp config")));

    // Profiles: claude's built-in takes one; a custom profile's mcp_args are
    // read and written back, and must be a list of text.
    // claude -p refuses tools it may not call without asking: the run's
    // server's are allowed by name.
    QCOMPARE(AgentProfile::builtIn(QStringLiteral("claude"))->mcpArgs,
             QStringList({ QStringLiteral("--mcp-config"), QStringLiteral("{mcp_config}"),
                           QStringLiteral("--allowedTools"),
                           QStringLiteral("mcp__hearth__kv_get,mcp__hearth__kv_list,"
                                          "mcp__hearth__kv_set,mcp__hearth__kv_delete,"
                                          "mcp__hearth__notify,mcp__hearth__log") }));
    QVERIFY(AgentProfile::builtIn(QStringLiteral("codex"))->mcpArgs.isEmpty());
    const auto custom = AgentProfile::fromJson(
        QJsonDocument::fromJson(R"({"name": "gem", "program": "gem", "args": ["{prompt}"],
                                    "mcp_args": ["--mcp", "{mcp_config}"]})")
            .object());
    QVERIFY(custom);
    QCOMPARE(custom->mcpArgumentsFor(QStringLiteral("/tmp/c.json")),
             QStringList({ QStringLiteral("--mcp"), QStringLiteral("/tmp/c.json") }));
    QCOMPARE(AgentProfile::fromJson(custom->toJson())->mcpArgs, custom->mcpArgs);
    const auto wrong = AgentProfile::fromJson(
        QJsonDocument::fromJson(R"({"name": "gem", "program": "gem", "mcp_args": [1]})").object());
    QVERIFY(!wrong);
    QCOMPARE(wrong.error(), QStringLiteral("profile gem: every item of \"mcp_args\" must be text"));
}

QTEST_GUILESS_MAIN(TestAgentProcess)
#include "tst_agentprocess.moc"
