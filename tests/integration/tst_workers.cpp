// Device-pinned agent runs through a real hearthd and real `hearth worker`
// processes running the stand-in agent (tests/agents/fake-agent.sh):
// registration and the bearer token, pinning, the claim / heartbeat /
// complete protocol and its refusals, lease expiry, no_worker, the long
// poll's wake-up, an agent watcher every 2 s end to end, kill -9 of the
// worker mid-run, timeouts that kill the agent's process group, the CLI.
#include "HearthdProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <sys/types.h>

using namespace hearth::test;

namespace {

const QString FakeAgent = QStringLiteral(HEARTH_SOURCE_DIR "/tests/agents/fake-agent.sh");
// A stand-in agent that speaks MCP to its run's own server.
const QString McpAgent = QStringLiteral(HEARTH_SOURCE_DIR "/tests/agents/mcp-agent.py");
// Short leases so that expiry is quick to observe.
constexpr int LeaseSeconds = 3;
// hearthd's escalation budget for all watchers (--escalation-budget).
constexpr int GlobalEscalations = 5;

// Escalates when its event names a prompt: the event's data to the "judge"
// profile, with the event's schema if any; returns what agent.escalate
// answered.
const char *EscalatingScript = R"lua(
if not ctx.event.prompt then return { escalated = false } end
local id, err = agent.escalate{ profile = ctx.event.profile or "judge",
                                prompt = ctx.event.prompt, data = ctx.event.data,
                                schema = ctx.event.schema }
return { id = id, err = err }
)lua";

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QByteArray profileJson(const QString &name, const QJsonObject &more = {})
{
    QJsonObject profile { { QStringLiteral("name"), name },
                          { QStringLiteral("program"), FakeAgent },
                          { QStringLiteral("args"), QJsonArray { QStringLiteral("{prompt}") } } };
    for (auto it = more.begin(); it != more.end(); ++it)
        profile.insert(it.key(), it.value());
    return compact(profile);
}

// The verdict schema of the result-schema test.
QJsonObject verdictSchema()
{
    return QJsonDocument::fromJson(
               R"({"type": "object", "required": ["notify"], "additionalProperties": false,
                   "properties": {"notify": {"type": "boolean"}, "title": {"type": "string"}}})")
        .object();
}

struct Registered
{
    QByteArray id;
    QByteArray token;
};

} // namespace

class TestWorkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void registrationAndTokens();
    void invalidRegistrations_data();
    void invalidRegistrations();
    void agentWatchersArePinned();
    void claimHeartbeatComplete();
    void leaseExpiryThenLateCompletion();
    void unclaimedRunFailsWithNoWorker();
    void longPollWakesUpForANewRun();
    void hungUpPollGivesItsPlaceBack();
    void workerRunsAnAgentWatcherEveryTwoSeconds();
    void secretsReachOnlyTheAgentAndAreRedacted();
    void killedWorkerRunIsRetriedOnRestart();
    void timeoutKillsTheAgentsProcessGroup();
    void cliCommands();
    void resultSchemasAreHandedOverAndChecked();
    void invalidResultSchemasAreRefused();
    void escalationsHandFindingsToAnAgent();
    void runTokensOpenOnlyTheirRun();
    void agentRunsGetTheirOwnMcpServer();

private:
    quint16 port() const { return m_hearthd->port(); }
    HttpResponse workerCall(const QByteArray &token, const QByteArray &method,
                            const QByteArray &target, const QByteArray &body = {},
                            int timeoutMs = 10000);
    Registered registerWorker(const QString &name, const QStringList &kinds);
    QJsonObject createAgentWatcher(const QJsonObject &fields);
    QByteArray createEscalatingWatcher(const QString &name, int dailyBudget);
    QJsonObject finishedLuaRun(const QByteArray &watcherId, const QJsonObject &event);
    QJsonArray notificationsOf(const QString &runId);
    QJsonObject runNow(const QByteArray &watcherId, const QByteArray &body = {});
    QJsonObject waitForRun(const QString &runId, const QStringList &statuses,
                           int timeoutMs = 20000);
    QJsonObject workerNamed(const QString &name);
    void startWorker(const QString &name, const QString &kind, const QJsonObject &profile = {});
    void stopWorker();
    QStringList withDataDir(QStringList arguments) const
    {
        return QStringList { QStringLiteral("--data-dir"), m_hearthd->dataDir() } + arguments;
    }

    std::unique_ptr<HearthdProcess> m_hearthd;
    std::unique_ptr<QProcess> m_worker;
    QTemporaryDir m_scratch;
};

void TestWorkers::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_LEASE_S"), QString::number(LeaseSeconds));
    env.insert(QStringLiteral("HEARTH_ESCALATION_BUDGET"), QString::number(GlobalEscalations));
    env.insert(QStringLiteral("HEARTH_SECRET_KEY"),
               QString::fromLatin1(QByteArray(32, 'k').toBase64()));
    QVERIFY2(m_hearthd->start({}, env), qPrintable(m_hearthd->lastError()));
    QCOMPARE(waitForSecretsState(port()), QStringLiteral("ready"));
}

void TestWorkers::cleanupTestCase()
{
    stopWorker();
    // Whatever happened, nothing is left running.
    const QJsonObject running = json(call(port(), "GET", "/api/v1/runs?status=running"));
    QCOMPARE(running.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(m_hearthd->terminate(), 0);
}

HttpResponse TestWorkers::workerCall(const QByteArray &token, const QByteArray &method,
                                     const QByteArray &target, const QByteArray &body,
                                     int timeoutMs)
{
    return callWithToken(port(), token, method, target, body, timeoutMs);
}

Registered TestWorkers::registerWorker(const QString &name, const QStringList &kinds)
{
    const HttpResponse response =
        call(port(), "POST", "/api/v1/workers",
             compact({ { QStringLiteral("name"), name },
                       { QStringLiteral("agent_kinds"), QJsonArray::fromStringList(kinds) } }));
    if (response.status != 201)
        qWarning("register failed: %d %s", response.status, response.body.constData());
    const QJsonObject worker = json(response);
    return { str(worker, "id").toLatin1(), str(worker, "token").toLatin1() };
}

QJsonObject TestWorkers::createAgentWatcher(const QJsonObject &fields)
{
    QJsonObject spec { { QStringLiteral("kind"), QStringLiteral("agent") },
                       { QStringLiteral("schedule"),
                         QJsonObject { { QStringLiteral("every_s"), 86400 } } } };
    for (auto it = fields.begin(); it != fields.end(); ++it)
        spec.insert(it.key(), it.value());
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return json(response);
}

QJsonObject TestWorkers::runNow(const QByteArray &watcherId, const QByteArray &body)
{
    return json(call(port(), "POST", "/api/v1/watchers/" + watcherId + "/run", body));
}

QJsonObject TestWorkers::waitForRun(const QString &runId, const QStringList &statuses,
                                    int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject run;
    while (timer.elapsed() < scaled(timeoutMs)) {
        run = json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1()));
        if (statuses.contains(str(run, "status")))
            return run;
        QTest::qWait(50);
    }
    return run;
}

QJsonObject TestWorkers::workerNamed(const QString &name)
{
    const QJsonObject list = json(call(port(), "GET", "/api/v1/workers"));
    for (const QJsonValue &worker : list.value(QStringLiteral("items")).toArray()) {
        if (str(worker.toObject(), "name") == name)
            return worker.toObject();
    }
    return {};
}

void TestWorkers::startWorker(const QString &name, const QString &kind, const QJsonObject &profile)
{
    m_worker = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HEARTH_DATA_DIR"));
    m_worker->setProcessEnvironment(env);
    m_worker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_worker->start(binary(QStringLiteral("hearth")),
                    withDataDir({ QStringLiteral("worker"), QStringLiteral("--name"), name,
                                  QStringLiteral("--profile"),
                                  QString::fromUtf8(profileJson(kind, profile)) }));
    QVERIFY(m_worker->waitForStarted(scaled(5000)));
    // Ready once it announced itself and polls.
    QTRY_VERIFY_WITH_TIMEOUT(workerNamed(name).value(QStringLiteral("online")).toBool(),
                             scaled(10000));
    QTest::qWait(200);
}

void TestWorkers::stopWorker()
{
    if (!m_worker || m_worker->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_worker->processId()), SIGTERM);
    QVERIFY(m_worker->waitForFinished(scaled(15000)));
    QCOMPARE(m_worker->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_worker->exitCode(), 0);
}

void TestWorkers::registrationAndTokens()
{
    const Registered worker =
        registerWorker(QStringLiteral("laptop"), { QStringLiteral("claude") });
    QVERIFY(worker.token.startsWith("hw_"));
    QVERIFY(worker.token.size() > 40);
    const QJsonObject listed = workerNamed(QStringLiteral("laptop"));
    QCOMPARE(str(listed, "id").toLatin1(), worker.id);
    QVERIFY(!listed.contains(QStringLiteral("token")));
    QCOMPARE(listed.value(QStringLiteral("agent_kinds")).toArray(),
             QJsonArray { QStringLiteral("claude") });
    QVERIFY(listed.value(QStringLiteral("online")).toBool());
    QVERIFY(!str(listed, "last_seen_at").isEmpty());

    // The worker endpoints take the token, and only a real one.
    HttpResponse response = workerCall({}, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}");
    QCOMPARE(response.status, 401);
    QCOMPARE(response.errorCode(), QByteArray("worker_token_required"));
    QCOMPARE(response.header("WWW-Authenticate"), QByteArray("Bearer"));
    response = workerCall("hw_forged", "POST", "/api/v1/workers/poll", "{\"wait_s\":0}");
    QCOMPARE(response.status, 401);
    QCOMPARE(response.errorCode(), QByteArray("worker_token_invalid"));
    response = workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}");
    QCOMPARE(response.status, 204);
    // A worker updates itself, not another one.
    const Registered other = registerWorker(QStringLiteral("desktop"), { QStringLiteral("codex") });
    response = workerCall(worker.token, "PATCH", "/api/v1/workers/" + other.id,
                          "{\"agent_kinds\":[\"claude\",\"codex\"]}");
    QCOMPARE(response.status, 403);
    response = workerCall(other.token, "PATCH", "/api/v1/workers/" + other.id,
                          "{\"agent_kinds\":[\"codex\",\"gemini\"]}");
    QCOMPARE(response.status, 200);
    QCOMPARE(json(response).value(QStringLiteral("agent_kinds")).toArray().size(), 2);
    // Removing a worker makes its token worthless.
    QCOMPARE(call(port(), "DELETE", "/api/v1/workers/" + other.id).status, 204);
    QCOMPARE(workerCall(other.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}").status, 401);
    QCOMPARE(call(port(), "DELETE", "/api/v1/workers/" + other.id).status, 404);
    QCOMPARE(call(port(), "DELETE", "/api/v1/workers/" + worker.id).status, 204);
}

void TestWorkers::invalidRegistrations_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("no kinds") << QByteArray(R"({"name":"w","agent_kinds":[]})")
                              << QStringLiteral("agent_kinds");
    QTest::newRow("bad kind") << QByteArray(R"({"name":"w","agent_kinds":["a b"]})")
                              << QStringLiteral("not an agent kind name");
    QTest::newRow("no name") << QByteArray(R"({"agent_kinds":["claude"]})")
                             << QStringLiteral("name");
    QTest::newRow("unknown field") << QByteArray(R"({"name":"w","agent_kinds":["x"],"id":"1"})")
                                   << QStringLiteral("id: is not a field");
}

void TestWorkers::invalidRegistrations()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const HttpResponse response = call(port(), "POST", "/api/v1/workers", body);
    QCOMPARE(response.status, 422);
    QVERIFY2(
        str(json(response).value(QStringLiteral("error")).toObject(), "message").contains(message),
        response.body.constData());
}

void TestWorkers::agentWatchersArePinned()
{
    QJsonObject spec { { QStringLiteral("name"), QStringLiteral("pin-none") },
                       { QStringLiteral("prompt"), QStringLiteral("say hi") },
                       { QStringLiteral("agent_kind"), QStringLiteral("pinkind") } };
    // No worker runs "pinkind" yet: refused, with what to do.
    spec.insert(QStringLiteral("kind"), QStringLiteral("agent"));
    spec.insert(QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } });
    HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    QCOMPARE(response.status, 422);
    QVERIFY(response.body.contains("no registered device worker runs pinkind"));

    const Registered first = registerWorker(QStringLiteral("pin-1"), { QStringLiteral("pinkind") });
    const QJsonObject pinned = createAgentWatcher(spec);
    QCOMPARE(str(pinned, "device_worker_id").toLatin1(), first.id);

    const Registered second =
        registerWorker(QStringLiteral("pin-2"), { QStringLiteral("pinkind") });
    spec.insert(QStringLiteral("name"), QStringLiteral("pin-two"));
    response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    QCOMPARE(response.status, 422);
    QVERIFY(response.body.contains("several workers run pinkind"));
    spec.insert(QStringLiteral("device_worker_id"), QString::fromLatin1(second.id));
    QCOMPARE(str(createAgentWatcher(spec), "device_worker_id").toLatin1(), second.id);
    spec.insert(QStringLiteral("name"), QStringLiteral("pin-three"));
    spec.insert(QStringLiteral("agent_kind"), QStringLiteral("otherkind"));
    response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    QCOMPARE(response.status, 422);
    QVERIFY(response.body.contains("runs pinkind agents, not otherkind"));

    // Re-pinning affects later runs only: a pending run keeps its worker.
    const QByteArray watcherId = str(pinned, "id").toLatin1();
    const QJsonObject run = runNow(watcherId);
    QCOMPARE(str(run, "worker_id").toLatin1(), first.id);
    response =
        call(port(), "PATCH", "/api/v1/watchers/" + watcherId,
             compact({ { QStringLiteral("device_worker_id"), QString::fromLatin1(second.id) } }));
    QCOMPARE(response.status, 200);
    QCOMPARE(
        str(json(call(port(), "GET", "/api/v1/runs/" + str(run, "id").toLatin1())), "worker_id")
            .toLatin1(),
        first.id);
    // The second worker cannot claim the first one's run; the first can.
    QCOMPARE(workerCall(second.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}").status,
             204);
    const HttpResponse claim =
        workerCall(first.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}");
    QCOMPARE(claim.status, 200);
    QCOMPARE(str(json(claim).value(QStringLiteral("run")).toObject(), "id"), str(run, "id"));
    // Removing the worker cancels what it held.
    QCOMPARE(call(port(), "DELETE", "/api/v1/workers/" + first.id).status, 204);
    QCOMPARE(str(waitForRun(str(run, "id"), { QStringLiteral("cancelled") }), "status"),
             QStringLiteral("cancelled"));
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + watcherId).status, 204);
}

void TestWorkers::claimHeartbeatComplete()
{
    const Registered worker = registerWorker(QStringLiteral("proto"), { QStringLiteral("proto") });
    const Registered other = registerWorker(QStringLiteral("spoofer"), { QStringLiteral("proto") });
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("proto-watcher") },
          { QStringLiteral("prompt"), QStringLiteral("Summarise the inbox") },
          { QStringLiteral("agent_kind"), QStringLiteral("proto") },
          { QStringLiteral("device_worker_id"), QString::fromLatin1(worker.id) },
          { QStringLiteral("timeout_s"), 120 },
          { QStringLiteral("max_attempts"), 1 },
          { QStringLiteral("workdir"), QDir::tempPath() },
          { QStringLiteral("env_secrets"),
            QJsonObject { { QStringLiteral("TOKEN"), QStringLiteral("gh.token") } } } });
    const QByteArray watcherId = str(watcher, "id").toLatin1();
    const QJsonObject created = runNow(watcherId, "{\"event\":{\"issue\":7}}");
    const QByteArray runId = str(created, "id").toLatin1();

    HttpResponse response =
        workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":5}");
    QCOMPARE(response.status, 200);
    const QJsonObject claim = json(response);
    QCOMPARE(str(claim.value(QStringLiteral("run")).toObject(), "id").toLatin1(), runId);
    QCOMPARE(str(claim.value(QStringLiteral("run")).toObject(), "status"),
             QStringLiteral("running"));
    const QJsonObject claimedWatcher = claim.value(QStringLiteral("watcher")).toObject();
    QCOMPARE(str(claimedWatcher, "prompt"), QStringLiteral("Summarise the inbox"));
    QCOMPARE(str(claimedWatcher, "agent_kind"), QStringLiteral("proto"));
    QCOMPARE(claimedWatcher.value(QStringLiteral("timeout_s")).toInt(), 120);
    QCOMPARE(str(claimedWatcher, "workdir"), QDir::tempPath());
    QCOMPARE(str(claimedWatcher.value(QStringLiteral("env_secrets")).toObject(), "TOKEN"),
             QStringLiteral("gh.token"));
    QCOMPARE(claim.value(QStringLiteral("event")).toObject().value(QStringLiteral("issue")).toInt(),
             7);
    QVERIFY(claim.value(QStringLiteral("last_result")).isNull());
    QCOMPARE(claim.value(QStringLiteral("lease_s")).toInt(), LeaseSeconds);
    QCOMPARE(str(json(call(port(), "GET", "/api/v1/runs/" + runId)), "claimed_by"),
             QStringLiteral("worker:") + QString::fromLatin1(worker.id));

    // Heartbeats renew the lease and carry log lines.
    response = workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/heartbeat",
                          R"({"logs":[{"level":"info","message":"reading mail"}]})");
    QCOMPARE(response.status, 200);
    const QJsonArray logs = json(call(port(), "GET", "/api/v1/runs/" + runId + "/logs"))
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(str(logs.at(0).toObject(), "message"), QStringLiteral("reading mail"));
    QTest::qWait(LeaseSeconds * 1000 / 2);
    QCOMPARE(
        workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/heartbeat").status,
        200);
    QTest::qWait(LeaseSeconds * 1000 * 2 / 3);
    // Held past the first lease thanks to the heartbeat.
    QCOMPARE(str(json(call(port(), "GET", "/api/v1/runs/" + runId)), "status"),
             QStringLiteral("running"));

    // Another worker (another local process with its own token) cannot
    // touch the run, whatever it claims in the body.
    const QByteArray completion =
        R"({"status":"succeeded","output":"Two new mails.\n{\"mails\":2}","result":{"mails":2},"exit_code":0,"duration_ms":1234})";
    QCOMPARE(workerCall(other.token, "POST", "/api/v1/workers/runs/" + runId + "/heartbeat").status,
             403);
    response =
        workerCall(other.token, "POST", "/api/v1/workers/runs/" + runId + "/complete", completion);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.errorCode(), QByteArray("not_claimer"));

    response =
        workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/complete", completion);
    QCOMPARE(response.status, 200);
    QCOMPARE(json(response).value(QStringLiteral("idempotent")).toBool(), false);
    QJsonObject run = json(call(port(), "GET", "/api/v1/runs/" + runId));
    QCOMPARE(str(run, "status"), QStringLiteral("succeeded"));
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("mails")).toInt(),
             2);
    QCOMPARE(str(run, "output"), QStringLiteral("Two new mails.\n{\"mails\":2}"));
    QCOMPARE(run.value(QStringLiteral("exit_code")).toInt(), 0);
    QCOMPARE(run.value(QStringLiteral("duration_ms")).toInt(), 1234);
    // The same completion again changes nothing and says so.
    response = workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/complete",
                          R"({"status":"failed","error":"changed my mind"})");
    QCOMPARE(response.status, 200);
    QCOMPARE(json(response).value(QStringLiteral("idempotent")).toBool(), true);
    QCOMPARE(json(call(port(), "GET", "/api/v1/runs/" + runId)), run);
    response = workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/heartbeat");
    QCOMPARE(response.status, 409);
    QCOMPARE(response.errorCode(), QByteArray("run_not_running"));

    // A malformed completion fails the run instead of leaving it running.
    const QByteArray second = str(runNow(watcherId), "id").toLatin1();
    response = workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":5}");
    QCOMPARE(response.status, 200);
    // The previous success is the next run's last_result.
    QCOMPARE(json(response)
                 .value(QStringLiteral("last_result"))
                 .toObject()
                 .value(QStringLiteral("mails"))
                 .toInt(),
             2);
    response = workerCall(worker.token, "POST", "/api/v1/workers/runs/" + second + "/complete",
                          R"({"status":"maybe"})");
    QCOMPARE(response.status, 400);
    QCOMPARE(response.errorCode(), QByteArray("invalid_completion"));
    run = json(call(port(), "GET", "/api/v1/runs/" + second));
    QCOMPARE(str(run, "status"), QStringLiteral("dead"));
    QCOMPARE(str(run.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("malformed_completion"));
    QCOMPARE(workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}").status,
             204);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + watcherId).status, 204);
}

void TestWorkers::leaseExpiryThenLateCompletion()
{
    const Registered worker =
        registerWorker(QStringLiteral("sleepy"), { QStringLiteral("sleepy") });
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("sleepy-watcher") },
          { QStringLiteral("prompt"), QStringLiteral("say hi") },
          { QStringLiteral("agent_kind"), QStringLiteral("sleepy") },
          { QStringLiteral("backoff"),
            QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } } } });
    const QByteArray runId = str(runNow(str(watcher, "id").toLatin1()), "id").toLatin1();
    QCOMPARE(workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":5}").status,
             200);
    // No heartbeat: the lease runs out and the retry policy takes over.
    const QJsonObject expired =
        waitForRun(QString::fromLatin1(runId), { QStringLiteral("failed"), QStringLiteral("dead") },
                   LeaseSeconds * 1000 + 5000);
    QCOMPARE(str(expired, "status"), QStringLiteral("failed"));
    QCOMPARE(str(expired.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("lease_expired"));
    const HttpResponse late =
        workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/complete",
                   R"({"status":"succeeded","result":1})");
    QCOMPARE(late.status, 409);
    QCOMPARE(late.errorCode(), QByteArray("lease_expired"));
    // The retry (attempt 2) is claimable once its backoff has passed.
    const HttpResponse retry =
        workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":10}", 20000);
    QCOMPARE(retry.status, 200);
    const QJsonObject retried = json(retry).value(QStringLiteral("run")).toObject();
    QCOMPARE(retried.value(QStringLiteral("attempt")).toInt(), 2);
    QCOMPARE(workerCall(worker.token, "POST",
                        "/api/v1/workers/runs/" + str(retried, "id").toLatin1() + "/complete",
                        R"({"status":"succeeded","result":"ok"})")
                 .status,
             200);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + str(watcher, "id").toLatin1()).status,
             204);
}

void TestWorkers::unclaimedRunFailsWithNoWorker()
{
    registerWorker(QStringLiteral("absent"), { QStringLiteral("absent") });
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("nobody-home") },
                             { QStringLiteral("prompt"), QStringLiteral("say hi") },
                             { QStringLiteral("agent_kind"), QStringLiteral("absent") },
                             { QStringLiteral("timeout_s"), 2 },
                             { QStringLiteral("max_attempts"), 1 } });
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    const QJsonObject run = waitForRun(runId, { QStringLiteral("dead") }, 10000);
    QCOMPARE(str(run, "status"), QStringLiteral("dead"));
    const QJsonObject error = run.value(QStringLiteral("error")).toObject();
    QCOMPARE(str(error, "code"), QStringLiteral("no_worker"));
    QVERIFY(str(error, "message").contains(QStringLiteral("offline")));
    // The failure notified (policy on_failure).
    const QJsonObject notifications = json(call(port(), "GET", "/api/v1/notifications"));
    bool notified = false;
    for (const QJsonValue &item : notifications.value(QStringLiteral("items")).toArray())
        notified = notified || str(item.toObject(), "run_id") == runId;
    QVERIFY(notified);
    // status lists the workers with their state.
    const QJsonArray workers =
        json(call(port(), "GET", "/api/v1/status")).value(QStringLiteral("workers")).toArray();
    QVERIFY(!workers.isEmpty());
    QVERIFY(workers.at(0).toObject().contains(QStringLiteral("online")));
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + str(watcher, "id").toLatin1()).status,
             204);
}

void TestWorkers::longPollWakesUpForANewRun()
{
    const Registered worker =
        registerWorker(QStringLiteral("waiter"), { QStringLiteral("waiter") });
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("waited-for") },
                             { QStringLiteral("prompt"), QStringLiteral("say hi") },
                             { QStringLiteral("agent_kind"), QStringLiteral("waiter") } });
    // The poll waits on its own connection…
    QTcpSocket poll;
    poll.connectToHost(QStringLiteral("127.0.0.1"), port());
    QVERIFY(poll.waitForConnected(scaled(5000)));
    const QByteArray body = "{\"wait_s\":20}";
    auto headers = defaultHeaders(port(), "POST", body);
    headers.append({ "Authorization", "Bearer " + worker.token });
    poll.write(rawRequest("POST", "/api/v1/workers/poll", headers, body));
    QVERIFY(poll.waitForBytesWritten(scaled(2000)));
    QTest::qWait(500);
    QCOMPARE(poll.bytesAvailable(), 0);
    // …and answers as soon as a run exists, not at the end of its wait.
    QElapsedTimer sinceRun;
    sinceRun.start();
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") || !answer.contains(runId.toLatin1())) {
        QVERIFY2(sinceRun.elapsed() < scaled(5000), answer.constData());
        poll.waitForReadyRead(100);
        answer += poll.readAll();
    }
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    QVERIFY2(sinceRun.elapsed() < scaled(2000), "the long poll did not wake up at once");
    QCOMPARE(workerCall(worker.token, "POST",
                        "/api/v1/workers/runs/" + runId.toLatin1() + "/complete",
                        R"({"status":"succeeded"})")
                 .status,
             200);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + str(watcher, "id").toLatin1()).status,
             204);
}

void TestWorkers::hungUpPollGivesItsPlaceBack()
{
    // Waiting polls are limited (each holds a worker); one whose client hangs
    // up gives its place back at once, not at the end of its wait, and is
    // never handed a run.
    const Registered worker =
        registerWorker(QStringLiteral("hanging"), { QStringLiteral("hanging") });
    const QByteArray body = "{\"wait_s\":30}";
    auto headers = defaultHeaders(port(), "POST", body);
    headers.append({ "Authorization", "Bearer " + worker.token });
    // A poll on its own connection, sent; null if it could not be.
    const auto startPoll = [&]() {
        auto poll = std::make_unique<QTcpSocket>();
        poll->connectToHost(QStringLiteral("127.0.0.1"), port());
        if (!poll->waitForConnected(scaled(5000)))
            return std::unique_ptr<QTcpSocket>();
        poll->write(rawRequest("POST", "/api/v1/workers/poll", headers, body));
        if (!poll->waitForBytesWritten(scaled(2000)))
            return std::unique_ptr<QTcpSocket>();
        return poll;
    };
    // (Re)sends each poll of `polls` that is not waiting: not sent yet, or
    // refused (503, nothing else) because every place was taken when it came.
    const auto sendWaiting = [&](std::vector<std::unique_ptr<QTcpSocket>> &polls) -> QString {
        for (auto &poll : polls) {
            if (poll && poll->bytesAvailable() == 0)
                continue;
            if (poll && poll->peek(12) != "HTTP/1.1 503")
                return QStringLiteral("a poll was answered: ") +
                    QString::fromLatin1(poll->peek(400));
            poll = startPoll();
            if (!poll)
                return QStringLiteral("a poll could not be sent");
        }
        return QString();
    };
    const auto allWaiting = [](const std::vector<std::unique_ptr<QTcpSocket>> &polls) {
        return std::all_of(polls.cbegin(), polls.cend(), [](const auto &poll) {
            return poll->bytesAvailable() == 0; // waiting, not refused
        });
    };
    // 16 polls take every place: a 17th is refused. (A probe that came
    // before one of the 16 held a place for a moment: that one was refused
    // and is sent again.)
    std::vector<std::unique_ptr<QTcpSocket>> polls(16);
    QElapsedTimer filling;
    filling.start();
    for (;;) {
        const QString problem = sendWaiting(polls);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QTest::qWait(100);
        if (workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":0}").status ==
                503 &&
            allWaiting(polls))
            break;
        QVERIFY2(filling.elapsed() < scaled(5000), "16 polls did not all get a place");
    }
    for (const auto &poll : polls)
        poll->abort();
    QElapsedTimer sinceHangUp;
    sinceHangUp.start();
    // Every place is free again within a second: 16 polls wait at once. A
    // hang-up is noticed when the server reads the closed connection, which
    // on a loaded machine may come after the first new polls: one refused
    // meanwhile (503, nothing else) is sent again, as a worker would.
    std::vector<std::unique_ptr<QTcpSocket>> again(16);
    for (;;) {
        const QString problem = sendWaiting(again);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QTest::qWait(200);
        QVERIFY2(sinceHangUp.elapsed() < scaled(1500), "hung-up polls held their places");
        if (allWaiting(again))
            break;
    }
    // A run created now goes to one of the polls that are still there.
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("hang-up") },
                             { QStringLiteral("prompt"), QStringLiteral("p") },
                             { QStringLiteral("agent_kind"), QStringLiteral("hanging") } });
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    int claimed = 0;
    QElapsedTimer waiting;
    waiting.start();
    while (claimed == 0 && waiting.elapsed() < scaled(5000)) {
        for (const auto &poll : again) {
            poll->waitForReadyRead(20);
            if (poll->peek(64).startsWith("HTTP/1.1 200") || poll->bytesAvailable() > 0)
                claimed += poll->readAll().contains(runId.toLatin1()) ? 1 : 0;
        }
    }
    QCOMPARE(claimed, 1);
    again.clear();
    QCOMPARE(workerCall(worker.token, "POST",
                        "/api/v1/workers/runs/" + runId.toLatin1() + "/complete",
                        R"({"status":"succeeded"})")
                 .status,
             200);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + str(watcher, "id").toLatin1()).status,
             204);
}

void TestWorkers::workerRunsAnAgentWatcherEveryTwoSeconds()
{
    startWorker(QStringLiteral("e2e"), QStringLiteral("fake"));
    const QJsonObject listed = workerNamed(QStringLiteral("e2e"));
    QVERIFY(listed.value(QStringLiteral("online")).toBool());
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("every-two") },
          { QStringLiteral("prompt"), QStringLiteral("json") },
          { QStringLiteral("agent_kind"), QStringLiteral("fake") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 2 } } } });
    QCOMPARE(str(watcher, "device_worker_id"), str(listed, "id"));
    const QByteArray watcherId = str(watcher, "id").toLatin1();
    QJsonArray succeeded;
    QElapsedTimer timer;
    timer.start();
    while (succeeded.size() < 3 && timer.elapsed() < scaled(30000)) {
        QTest::qWait(250);
        succeeded = json(call(port(), "GET", "/api/v1/runs?status=succeeded&watcher=" + watcherId))
                        .value(QStringLiteral("items"))
                        .toArray();
    }
    QVERIFY2(succeeded.size() >= 3, "three runs did not complete end to end");
    for (const QJsonValue &value : succeeded) {
        const QJsonObject run =
            json(call(port(), "GET", "/api/v1/runs/" + str(value.toObject(), "id").toLatin1()));
        QCOMPARE(run.value(QStringLiteral("result")).toObject(),
                 QJsonObject({ { QStringLiteral("price"), 42 },
                               { QStringLiteral("currency"), QStringLiteral("EUR") } }));
        QVERIFY(str(run, "output").startsWith(QStringLiteral("Checked the page")));
        QCOMPARE(run.value(QStringLiteral("exit_code")).toInt(), 0);
        QCOMPARE(str(run, "claimed_by"), QStringLiteral("worker:") + str(listed, "id"));
    }
    // Exactly once per fire: no instant has two first attempts.
    const QJsonArray all = json(call(port(), "GET", "/api/v1/runs?limit=1000&watcher=" + watcherId))
                               .value(QStringLiteral("items"))
                               .toArray();
    QSet<QString> instants;
    for (const QJsonValue &value : all) {
        const QJsonObject run = value.toObject();
        QVERIFY(str(run, "status") != u"failed" && str(run, "status") != u"dead");
        if (run.value(QStringLiteral("attempt")).toInt() == 1) {
            QVERIFY(!instants.contains(str(run, "scheduled_for")));
            instants.insert(str(run, "scheduled_for"));
        }
    }
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + watcherId, "{\"enabled\":false}").status,
             200);
}

void TestWorkers::secretsReachOnlyTheAgentAndAreRedacted()
{
    QCOMPARE(call(port(), "PUT", "/api/v1/secrets/api.token", "{\"value\":\"planted-S3CRET-4711\"}")
                 .status,
             201);
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("uses-secret") },
          { QStringLiteral("prompt"), QStringLiteral("secret") },
          { QStringLiteral("agent_kind"), QStringLiteral("fake") },
          { QStringLiteral("env_secrets"),
            QJsonObject { { QStringLiteral("API_TOKEN"), QStringLiteral("api.token") } } } });
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    const QJsonObject run = waitForRun(
        runId, { QStringLiteral("succeeded"), QStringLiteral("failed"), QStringLiteral("dead") });
    QCOMPARE(str(run, "status"), QStringLiteral("succeeded"));
    QCOMPARE(str(run, "output").trimmed(), QStringLiteral("the token is [redacted:api.token]"));
    const HttpResponse logs = call(port(), "GET", "/api/v1/runs/" + runId.toLatin1() + "/logs");
    QVERIFY(logs.body.contains("debug: using [redacted:api.token]"));
    QVERIFY(!logs.body.contains("planted"));
    QVERIFY(!json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1())).isEmpty());
    QVERIFY(!call(port(), "GET", "/api/v1/runs/" + runId.toLatin1()).body.contains("planted"));
    // A missing secret fails the run clearly, without starting the agent.
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + str(watcher, "id").toLatin1(),
                  R"({"env_secrets":{"API_TOKEN":"not.there"},"max_attempts":1})")
                 .status,
             200);
    const QString missing = str(runNow(str(watcher, "id").toLatin1()), "id");
    const QJsonObject failed = waitForRun(missing, { QStringLiteral("dead") });
    QCOMPARE(str(failed.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("secret_missing"));
}

void TestWorkers::killedWorkerRunIsRetriedOnRestart()
{
    const QString marker = m_scratch.filePath(QStringLiteral("once.marker"));
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("survives-kill") },
          { QStringLiteral("prompt"), QString(QStringLiteral("once ") + marker) },
          { QStringLiteral("agent_kind"), QStringLiteral("fake") },
          { QStringLiteral("max_attempts"), 3 },
          { QStringLiteral("backoff"),
            QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } } } });
    const QString workerId = str(watcher, "device_worker_id");
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), scaled(10000));
    QCOMPARE(str(waitForRun(runId, { QStringLiteral("running") }), "status"),
             QStringLiteral("running"));
    m_worker->kill();
    QVERIFY(m_worker->waitForFinished(scaled(5000)));
    const QJsonObject lost = waitForRun(runId, { QStringLiteral("failed"), QStringLiteral("dead") },
                                        LeaseSeconds * 1000 + 10000);
    QCOMPARE(str(lost, "status"), QStringLiteral("failed"));
    QCOMPARE(str(lost.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("lease_expired"));

    // The same worker (same data dir, same token) picks up the retry.
    startWorker(QStringLiteral("e2e"), QStringLiteral("fake"));
    QCOMPARE(str(workerNamed(QStringLiteral("e2e")), "id"), workerId);
    QJsonObject retry;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < scaled(20000)) {
        const QJsonArray runs =
            json(call(port(), "GET", "/api/v1/runs?watcher=" + str(watcher, "id").toLatin1()))
                .value(QStringLiteral("items"))
                .toArray();
        retry = runs.at(0).toObject();
        if (retry.value(QStringLiteral("attempt")).toInt() == 2 &&
            str(retry, "status") == u"succeeded")
            break;
        QTest::qWait(100);
    }
    QCOMPARE(str(retry, "status"), QStringLiteral("succeeded"));
    QCOMPARE(retry.value(QStringLiteral("result")).toString(),
             QStringLiteral("done on the second try"));
    // The killed attempt stays as it was: nobody ran it again.
    QCOMPARE(str(json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1())), "status"),
             QStringLiteral("failed"));
}

void TestWorkers::timeoutKillsTheAgentsProcessGroup()
{
    const QString pidFile = m_scratch.filePath(QStringLiteral("grandchild.pid"));
    const QJsonObject watcher = createAgentWatcher(
        { { QStringLiteral("name"), QStringLiteral("too-slow") },
          { QStringLiteral("prompt"), QString(QStringLiteral("grandchild ") + pidFile) },
          { QStringLiteral("agent_kind"), QStringLiteral("fake") },
          { QStringLiteral("timeout_s"), 2 },
          { QStringLiteral("max_attempts"), 1 } });
    const QString runId = str(runNow(str(watcher, "id").toLatin1()), "id");
    const QJsonObject run = waitForRun(runId, { QStringLiteral("dead") }, 20000);
    QCOMPARE(str(run, "status"), QStringLiteral("dead"));
    QCOMPARE(str(run.value(QStringLiteral("error")).toObject(), "code"), QStringLiteral("timeout"));
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t grandchild = pid_t(file.readAll().trimmed().toLongLong());
    QVERIFY(grandchild > 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(grandchild, 0) != 0, scaled(5000));
}

void TestWorkers::cliCommands()
{
    CliResult result = runCli(withDataDir({ QStringLiteral("workers"), QStringLiteral("ls") }));
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("e2e"));
    QVERIFY(result.out.contains("online"));
    result = runCli(withDataDir(
        { QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
          QStringLiteral("from-cli"), QStringLiteral("--every"), QStringLiteral("1h"),
          QStringLiteral("--agent"), QStringLiteral("fake"), QStringLiteral("--prompt"),
          QStringLiteral("say from the cli"), QStringLiteral("-o"), QStringLiteral("json") }));
    QCOMPARE(result.exitCode, 0);
    const QJsonObject created = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(str(created, "kind"), QStringLiteral("agent"));
    QCOMPARE(str(created, "prompt"), QStringLiteral("say from the cli"));
    result = runCli(
        withDataDir({ QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("no-prompt"), QStringLiteral("--every"), QStringLiteral("1h"),
                      QStringLiteral("--agent"), QStringLiteral("fake") }));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("--prompt"));
    // A worker for an agent that is not installed says so and exits.
    QTemporaryDir otherDataDir;
    result = runCli({ QStringLiteral("--data-dir"), m_hearthd->dataDir(), QStringLiteral("worker"),
                      QStringLiteral("--profile"),
                      QStringLiteral(R"({"name":"ghost","program":"hearth-no-such-agent"})") });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("agent_not_found"), result.err.constData());
    // The worker process stops cleanly on SIGTERM.
    const QString workerId = str(workerNamed(QStringLiteral("e2e")), "id");
    stopWorker();
    // --once handles the next run and exits; without --profile it runs the
    // profiles it remembered. (The stopped worker's poll was still waiting
    // in hearthd when this run was created: it must not have claimed it.)
    const QString onceRun = str(runNow(str(created, "id").toLatin1()), "id");
    result = runCli(withDataDir({ QStringLiteral("worker"), QStringLiteral("--once") }));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject done = json(call(port(), "GET", "/api/v1/runs/" + onceRun.toLatin1()));
    QVERIFY2(str(done, "status") == u"succeeded", QJsonDocument(done).toJson().constData());
    QCOMPARE(done.value(QStringLiteral("result")).toString(), QStringLiteral("from the cli"));
    // Then rm takes it away.
    result = runCli(withDataDir({ QStringLiteral("workers"), QStringLiteral("rm"), workerId }));
    QCOMPARE(result.exitCode, 0);
    QVERIFY(workerNamed(QStringLiteral("e2e")).isEmpty());
    result = runCli(withDataDir({ QStringLiteral("workers"), QStringLiteral("rm"), workerId }));
    QCOMPARE(result.exitCode, 1);
}

// An agent watcher's result_schema reaches the agent as its profile says
// (here a file, as for codex), and hearthd checks the result itself: a
// result that does not match fails the run closed, with the problems and
// the agent's answer in the log and its output kept.
void TestWorkers::resultSchemasAreHandedOverAndChecked()
{
    startWorker(
        QStringLiteral("schemas"), QStringLiteral("schematic"),
        { { QStringLiteral("schema_args"),
            QJsonArray { QStringLiteral("--schema-file"), QStringLiteral("{schema_file}") } } });
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("verdicts") },
                             { QStringLiteral("prompt"), QStringLiteral("verdict good") },
                             { QStringLiteral("agent_kind"), QStringLiteral("schematic") },
                             { QStringLiteral("max_attempts"), 1 },
                             { QStringLiteral("result_schema"), verdictSchema() } });
    QCOMPARE(watcher.value(QStringLiteral("result_schema")).toObject(), verdictSchema());
    const QByteArray watcherId = str(watcher, "id").toLatin1();

    const QJsonObject matched = waitForRun(str(runNow(watcherId), "id"),
                                           { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(matched, "status"), QStringLiteral("succeeded"));
    QCOMPARE(matched.value(QStringLiteral("result")).toObject(),
             QJsonObject({ { QStringLiteral("notify"), true },
                           { QStringLiteral("title"), QStringLiteral("Price fell") } }));
    QVERIFY2(str(matched, "output")
                 .contains(QString::fromUtf8(
                     QJsonDocument(verdictSchema()).toJson(QJsonDocument::Compact))),
             qPrintable(str(matched, "output")));

    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + watcherId, R"({"prompt": "verdict bad"})")
                 .status,
             200);
    const QString badId = str(runNow(watcherId), "id");
    const QJsonObject mismatched =
        waitForRun(badId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(mismatched, "status"), QStringLiteral("dead"));
    const QJsonObject error = mismatched.value(QStringLiteral("error")).toObject();
    QCOMPARE(str(error, "code"), QStringLiteral("schema_mismatch"));
    QVERIFY2(str(error, "message").contains(QStringLiteral("result[notify]")),
             qPrintable(str(error, "message")));
    QVERIFY(mismatched.value(QStringLiteral("result")).isNull());
    QVERIFY(str(mismatched, "output").contains(QStringLiteral("{\"notify\": \"maybe\"}")));
    const QJsonArray logs = json(call(port(), "GET", "/api/v1/runs/" + badId.toLatin1() + "/logs"))
                                .value(QStringLiteral("items"))
                                .toArray();
    bool problemLogged = false;
    bool answerLogged = false;
    for (const QJsonValue &value : logs) {
        const QJsonObject line = value.toObject();
        problemLogged = problemLogged ||
            (str(line, "level") == u"error" &&
             str(line, "message").startsWith(QStringLiteral("result_schema: result[notify]")));
        answerLogged = answerLogged ||
            line.value(QStringLiteral("data")).toObject() ==
                QJsonObject { { QStringLiteral("notify"), QStringLiteral("maybe") } };
    }
    QVERIFY2(problemLogged && answerLogged, QJsonDocument(logs).toJson().constData());

    // A profile that takes no schema gets it described in the prompt.
    stopWorker();
    startWorker(QStringLiteral("schemas"), QStringLiteral("schematic"));
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + watcherId, R"({"prompt": "verdict good"})")
                 .status,
             200);
    const QJsonObject described = waitForRun(
        str(runNow(watcherId), "id"), { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(described, "status"), QStringLiteral("succeeded"));
    QVERIFY(str(described, "output").contains(QStringLiteral("asked in words for a schema")));
    // The CLI sets one from a file, refuses what is not a schema, and
    // drops it; without one, results are no longer checked.
    QFile schemaFile(m_scratch.filePath(QStringLiteral("verdict.json")));
    QVERIFY(schemaFile.open(QIODevice::WriteOnly));
    schemaFile.write(QJsonDocument(verdictSchema()).toJson());
    schemaFile.close();
    CliResult cli = runCli(withDataDir(
        { QStringLiteral("watchers"), QStringLiteral("edit"), QStringLiteral("verdicts"),
          QStringLiteral("--result-schema"), u'@' + schemaFile.fileName() }));
    QCOMPARE(cli.exitCode, 0);
    cli = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("edit"),
                               QStringLiteral("verdicts"), QStringLiteral("--result-schema"),
                               QStringLiteral("[1]") }));
    QCOMPARE(cli.exitCode, 2);
    QCOMPARE(cli.err.count('\n'), 1);
    QVERIFY(cli.err.contains("--result-schema must be a JSON object"));
    cli = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("edit"),
                               QStringLiteral("verdicts"), QStringLiteral("--result-schema"),
                               QStringLiteral("{\"$ref\": \"#\"}") }));
    QVERIFY(cli.exitCode != 0);
    QVERIFY2(cli.err.contains("result_schema: "), cli.err.constData());
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + watcherId))
                 .value(QStringLiteral("result_schema"))
                 .toObject(),
             verdictSchema());
    cli = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("edit"),
                               QStringLiteral("verdicts"), QStringLiteral("--prompt"),
                               QStringLiteral("verdict bad"), QStringLiteral("--result-schema"),
                               QStringLiteral("none") }));
    QCOMPARE(cli.exitCode, 0);
    const QJsonObject unchecked = waitForRun(
        str(runNow(watcherId), "id"), { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(unchecked, "status"), QStringLiteral("succeeded"));
    QVERIFY(json(call(port(), "GET", "/api/v1/watchers/" + watcherId))
                .value(QStringLiteral("result_schema"))
                .isNull());
    stopWorker();
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + watcherId).status, 204);
}

void TestWorkers::invalidResultSchemasAreRefused()
{
    const auto refused = [this](const QJsonObject &fields, const QString &message) {
        QJsonObject spec { { QStringLiteral("name"), QStringLiteral("bad schema") },
                           { QStringLiteral("kind"), QStringLiteral("agent") },
                           { QStringLiteral("prompt"), QStringLiteral("verdict good") },
                           { QStringLiteral("agent_kind"), QStringLiteral("fake") },
                           { QStringLiteral("schedule"),
                             QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (it.value().isNull())
                spec.remove(it.key());
            else
                spec.insert(it.key(), it.value());
        }
        const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
        const QJsonObject error = json(response).value(QStringLiteral("error")).toObject();
        return response.status == 422 && str(error, "message").contains(message);
    };
    QVERIFY(refused({ { QStringLiteral("result_schema"), QStringLiteral("object") } },
                    QStringLiteral("result_schema: must be a JSON Schema")));
    QVERIFY(refused({ { QStringLiteral("result_schema"),
                        QJsonObject { { QStringLiteral("$ref"), QStringLiteral("#") } } } },
                    QStringLiteral("makes the schema recursive")));
    QVERIFY(refused({ { QStringLiteral("result_schema"),
                        QJsonObject { { QStringLiteral("type"), QStringLiteral("verdict") } } } },
                    QStringLiteral("result_schema: ")));
    // Only agent watchers have one.
    QVERIFY(refused({ { QStringLiteral("kind"), QStringLiteral("lua") },
                      { QStringLiteral("prompt"), QJsonValue::Null },
                      { QStringLiteral("agent_kind"), QJsonValue::Null },
                      { QStringLiteral("script"), QStringLiteral("return 1") },
                      { QStringLiteral("result_schema"), verdictSchema() } },
                    QStringLiteral("result_schema")));
    // Nothing was stored.
    for (const QJsonValue &value : json(call(port(), "GET", "/api/v1/watchers?limit=1000"))
                                       .value(QStringLiteral("items"))
                                       .toArray())
        QVERIFY(str(value.toObject(), "name") != u"bad schema");
}

QByteArray TestWorkers::createEscalatingWatcher(const QString &name, int dailyBudget)
{
    const QJsonObject spec { { QStringLiteral("name"), name },
                             { QStringLiteral("kind"), QStringLiteral("lua") },
                             { QStringLiteral("script"), QString::fromUtf8(EscalatingScript) },
                             { QStringLiteral("schedule"),
                               QJsonObject { { QStringLiteral("every_s"), 86400 } } },
                             { QStringLiteral("max_attempts"), 1 },
                             { QStringLiteral("escalations"),
                               QJsonObject { { QStringLiteral("daily_budget"), dailyBudget } } } };
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return str(json(response), "id").toLatin1();
}

QJsonObject TestWorkers::finishedLuaRun(const QByteArray &watcherId, const QJsonObject &event)
{
    const QJsonObject started = runNow(watcherId, compact({ { QStringLiteral("event"), event } }));
    return waitForRun(
        str(started, "id"),
        { QStringLiteral("succeeded"), QStringLiteral("dead"), QStringLiteral("failed") });
}

QJsonArray TestWorkers::notificationsOf(const QString &runId)
{
    QJsonArray found;
    const QJsonObject list = json(call(port(), "GET", "/api/v1/notifications?limit=200"));
    for (const QJsonValue &value : list.value(QStringLiteral("items")).toArray()) {
        if (str(value.toObject(), "run_id") == runId)
            found.append(value);
    }
    return found;
}

// agent.escalate end to end: a Lua run hands its data to the device worker
// running the profile; the verdict raises a notification (or not); a
// verdict that misses its schema fails closed; the Lua run succeeds and its
// watcher is not held up by the agent's run; over the watcher's budget, and
// then hearthd's, the script gets nil and why.
void TestWorkers::escalationsHandFindingsToAnAgent()
{
    startWorker(QStringLiteral("escalations"), QStringLiteral("judge"));
    const QString workerId = str(workerNamed(QStringLiteral("escalations")), "id");
    const QByteArray pricesId = createEscalatingWatcher(QStringLiteral("prices"), 2);
    QVERIFY(!pricesId.isEmpty());
    const QJsonObject spec = json(call(port(), "GET", "/api/v1/watchers/" + pricesId));
    QCOMPARE(spec.value(QStringLiteral("escalations")).toObject(),
             QJsonObject({ { QStringLiteral("daily_budget"), 2 } }));

    // The finding reaches the agent, whose verdict raises a notification.
    const QJsonObject drop { { QStringLiteral("change"), QStringLiteral("drop") },
                             { QStringLiteral("price"), 42 } };
    const QJsonObject first =
        finishedLuaRun(pricesId,
                       { { QStringLiteral("prompt"), QStringLiteral("judge") },
                         { QStringLiteral("data"), drop } });
    QCOMPARE(str(first, "status"), QStringLiteral("succeeded"));
    const QJsonObject firstAnswer = first.value(QStringLiteral("result")).toObject();
    const QString escalationId = str(firstAnswer, "id");
    QVERIFY2(!escalationId.isEmpty(), QJsonDocument(first).toJson().constData());
    const QJsonObject escalation =
        waitForRun(escalationId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(escalation, "status"), QStringLiteral("succeeded"));
    QCOMPARE(str(escalation, "trigger"), QStringLiteral("escalation"));
    QCOMPARE(str(escalation, "watcher_id"), QString::fromLatin1(pricesId));
    QCOMPARE(str(escalation, "parent_run_id"), str(first, "id"));
    QCOMPARE(str(escalation, "worker_id"), workerId);
    QCOMPARE(escalation.value(QStringLiteral("event")).toObject(), drop);
    const QJsonObject asked = escalation.value(QStringLiteral("escalation")).toObject();
    QCOMPARE(str(asked, "agent_kind"), QStringLiteral("judge"));
    QCOMPARE(str(asked, "prompt"), QStringLiteral("judge"));
    QVERIFY(str(escalation, "output").contains(QStringLiteral("\"price\":42")));
    QCOMPARE(escalation.value(QStringLiteral("result")).toObject().value(QStringLiteral("notify")),
             QJsonValue(true));
    const CliResult shown =
        runCli(withDataDir({ QStringLiteral("runs"), QStringLiteral("show"), escalationId }));
    QCOMPARE(shown.exitCode, 0);
    for (const QString &row : { QString(QStringLiteral("escalated_by ") + str(first, "id")),
                                QStringLiteral("agent_kind judge"),
                                QStringLiteral("data {\"change\":\"drop\",\"price\":42}") })
        QVERIFY2(QString::fromUtf8(shown.out).simplified().contains(row), shown.out.constData());
    const QJsonArray raised = notificationsOf(escalationId);
    QCOMPARE(raised.size(), 1);
    const QJsonObject notification = raised.first().toObject();
    QCOMPARE(str(notification, "title"), QStringLiteral("Price dropped"));
    QCOMPARE(str(notification, "body"), QStringLiteral("The agent saw the drop."));
    QCOMPARE(str(notification, "level"), QStringLiteral("warning"));
    QCOMPARE(str(notification, "watcher_id"), QString::fromLatin1(pricesId));

    // A verdict that asks for nothing raises nothing.
    const QJsonObject second = finishedLuaRun(
        pricesId,
        { { QStringLiteral("prompt"), QStringLiteral("judge") },
          { QStringLiteral("data"),
            QJsonObject { { QStringLiteral("change"), QStringLiteral("same") } } } });
    const QString quietId = str(second.value(QStringLiteral("result")).toObject(), "id");
    QVERIFY(!quietId.isEmpty());
    QCOMPARE(
        str(waitForRun(quietId, { QStringLiteral("succeeded"), QStringLiteral("dead") }), "status"),
        QStringLiteral("succeeded"));
    QCOMPARE(notificationsOf(quietId).size(), 0);

    // Over the watcher's budget: nil and why, and the Lua run succeeds.
    const QJsonObject third =
        finishedLuaRun(pricesId,
                       { { QStringLiteral("prompt"), QStringLiteral("judge") },
                         { QStringLiteral("data"), drop } });
    QCOMPARE(str(third, "status"), QStringLiteral("succeeded"));
    const QJsonObject refusedAnswer = third.value(QStringLiteral("result")).toObject();
    QVERIFY(!refusedAnswer.contains(QStringLiteral("id")));
    QVERIFY2(str(refusedAnswer, "err")
                 .startsWith(
                     QStringLiteral("agent.escalate: this watcher's escalations.daily_budget (2 in "
                                    "24 hours) is used up; the next escalation is possible at ")),
             qPrintable(str(refusedAnswer, "err")));

    // A budget of 0: never.
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + pricesId,
                  R"({"escalations": {"daily_budget": 0}})")
                 .status,
             200);
    const QJsonObject never =
        finishedLuaRun(pricesId, { { QStringLiteral("prompt"), QStringLiteral("judge") } });
    QCOMPARE(str(never.value(QStringLiteral("result")).toObject(), "err"),
             QStringLiteral("agent.escalate: this watcher's escalations.daily_budget is 0: no "
                            "escalations"));

    const QByteArray strictId = createEscalatingWatcher(QStringLiteral("strict"), 10);
    // No worker runs the profile: refused, and not counted.
    const QJsonObject nobody =
        finishedLuaRun(strictId,
                       { { QStringLiteral("prompt"), QStringLiteral("judge") },
                         { QStringLiteral("profile"), QStringLiteral("nobody") } });
    QCOMPARE(str(nobody, "status"), QStringLiteral("succeeded"));
    QVERIFY2(str(nobody.value(QStringLiteral("result")).toObject(), "err")
                 .contains(QStringLiteral("no device worker runs the \"nobody\" agent profile")),
             QJsonDocument(nobody).toJson().constData());
    // A malformed request is the script's error.
    const QJsonObject malformed =
        finishedLuaRun(strictId,
                       { { QStringLiteral("prompt"), QStringLiteral("judge") },
                         { QStringLiteral("profile"), QStringLiteral("no spaces") } });
    QCOMPARE(str(malformed, "status"), QStringLiteral("dead"));
    QVERIFY2(str(malformed.value(QStringLiteral("error")).toObject(), "message")
                 .contains(QStringLiteral("agent.escalate: profile must name an agent profile")),
             QJsonDocument(malformed).toJson().constData());

    // The agent's run does not hold up the watcher's own runs (its
    // concurrency policy is forbid).
    const QJsonObject slow =
        finishedLuaRun(strictId, { { QStringLiteral("prompt"), QStringLiteral("sleep 2") } });
    const QString slowId = str(slow.value(QStringLiteral("result")).toObject(), "id");
    QVERIFY(!slowId.isEmpty());
    QCOMPARE(str(waitForRun(slowId, { QStringLiteral("running") }), "status"),
             QStringLiteral("running"));
    const QJsonObject meanwhile = finishedLuaRun(strictId, {});
    QCOMPARE(str(meanwhile, "status"), QStringLiteral("succeeded"));
    QCOMPARE(meanwhile.value(QStringLiteral("result")).toObject(),
             QJsonObject({ { QStringLiteral("escalated"), false } }));
    // It printed no verdict: it fails closed, and that is news.
    const QJsonObject slept =
        waitForRun(slowId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(slept, "status"), QStringLiteral("dead"));
    QCOMPARE(str(slept.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("schema_mismatch"));
    const QJsonArray failedNews = notificationsOf(slowId);
    QCOMPARE(failedNews.size(), 1);
    QCOMPARE(str(failedNews.first().toObject(), "title"),
             QStringLiteral("strict: escalation failed"));

    // The escalation's own schema: a verdict that misses it fails closed.
    const QJsonObject needsReason =
        QJsonDocument::fromJson(R"({"type": "object", "required": ["notify", "reason"]})").object();
    const QJsonObject schemed =
        finishedLuaRun(strictId,
                       { { QStringLiteral("prompt"), QStringLiteral("judge") },
                         { QStringLiteral("data"), drop },
                         { QStringLiteral("schema"), needsReason } });
    const QString schemedId = str(schemed.value(QStringLiteral("result")).toObject(), "id");
    const QJsonObject mismatched =
        waitForRun(schemedId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(mismatched, "status"), QStringLiteral("dead"));
    QCOMPARE(str(mismatched.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("schema_mismatch"));
    QCOMPARE(mismatched.value(QStringLiteral("escalation"))
                 .toObject()
                 .value(QStringLiteral("result_schema"))
                 .toObject(),
             needsReason);
    // No notification from the verdict it gave: only the failure's.
    const QJsonArray schemedNews = notificationsOf(schemedId);
    QCOMPARE(schemedNews.size(), 1);
    QCOMPARE(str(schemedNews.first().toObject(), "title"),
             QStringLiteral("strict: escalation failed"));
    // A person may retry it: the same task, data and worker, not counted.
    const HttpResponse retried =
        call(port(), "POST", "/api/v1/runs/" + schemedId.toLatin1() + "/retry");
    QCOMPARE(retried.status, 201);
    const QJsonObject retry = json(retried);
    QCOMPARE(str(retry, "trigger"), QStringLiteral("retry"));
    QCOMPARE(str(retry, "parent_run_id"), str(schemed, "id"));
    QCOMPARE(retry.value(QStringLiteral("escalation")),
             mismatched.value(QStringLiteral("escalation")));
    QCOMPARE(retry.value(QStringLiteral("event")).toObject(), drop);
    const QJsonObject retryEnd =
        waitForRun(str(retry, "id"), { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(retryEnd.value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("schema_mismatch"));
    QCOMPARE(retryEnd.value(QStringLiteral("attempt")).toInt(), 2);

    // Five made in all: hearthd's own budget is used up for every watcher.
    const QJsonObject fifth =
        finishedLuaRun(strictId, { { QStringLiteral("prompt"), QStringLiteral("judge") } });
    const QString fifthId = str(fifth.value(QStringLiteral("result")).toObject(), "id");
    QVERIFY2(!fifthId.isEmpty(), QJsonDocument(fifth).toJson().constData());
    QCOMPARE(
        str(waitForRun(fifthId, { QStringLiteral("succeeded"), QStringLiteral("dead") }), "status"),
        QStringLiteral("succeeded"));
    const QJsonObject sixth =
        finishedLuaRun(strictId, { { QStringLiteral("prompt"), QStringLiteral("judge") } });
    QCOMPARE(str(sixth, "status"), QStringLiteral("succeeded"));
    QVERIFY2(str(sixth.value(QStringLiteral("result")).toObject(), "err")
                 .contains(QStringLiteral("hearthd's escalation budget for all watchers "
                                          "(--escalation-budget) (5 in 24 hours) is used up")),
             QJsonDocument(sixth).toJson().constData());
    QCOMPARE(json(call(port(), "GET", "/api/v1/status")).value(QStringLiteral("escalations")),
             QJsonValue(QJsonObject { { QStringLiteral("last_24h"), GlobalEscalations },
                                      { QStringLiteral("budget"), GlobalEscalations } }));
    const CliResult status = runCli(withDataDir({ QStringLiteral("status") }));
    QVERIFY2(QString::fromUtf8(status.out)
                 .simplified()
                 .contains(QStringLiteral("escalations (24 h) 5 of 5")),
             status.out.constData());
    stopWorker();
}

// The run-scoped API directly, with the run token a poll answers: the run's
// watcher's KV and nobody else's, notify under the watcher's cooldown and
// budget, the run's log; refused once the run ended, and to other tokens.
void TestWorkers::runTokensOpenOnlyTheirRun()
{
    const Registered worker =
        registerWorker(QStringLiteral("scoped"), { QStringLiteral("scoped") });
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("scoped-watcher") },
                             { QStringLiteral("prompt"), QStringLiteral("Look around") },
                             { QStringLiteral("agent_kind"), QStringLiteral("scoped") },
                             { QStringLiteral("device_worker_id"), QString::fromLatin1(worker.id) },
                             { QStringLiteral("max_attempts"), 1 },
                             { QStringLiteral("notify"),
                               QJsonObject { { QStringLiteral("policy"), QStringLiteral("never") },
                                             { QStringLiteral("min_interval_s"), 0 },
                                             { QStringLiteral("daily_budget"), 2 } } } });
    const QByteArray watcherId = str(watcher, "id").toLatin1();
    QVERIFY(!watcherId.isEmpty());
    QCOMPARE(call(port(), "PUT", "/api/v1/kv/scoped-global", "\"global\"").status, 201);

    // Without a run, no token opens anything.
    HttpResponse response = call(port(), "GET", "/api/v1/run-scope");
    QCOMPARE(response.status, 401);
    QCOMPARE(str(json(response).value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("run_token_required"));
    response = workerCall(worker.token, "GET", "/api/v1/run-scope/kv");
    QCOMPARE(response.status, 401);
    QCOMPARE(str(json(response).value(QStringLiteral("error")).toObject(), "code"),
             QStringLiteral("run_token_invalid"));

    const QByteArray runId = str(runNow(watcherId), "id").toLatin1();
    response = workerCall(worker.token, "POST", "/api/v1/workers/poll", "{\"wait_s\":5}");
    QCOMPARE(response.status, 200);
    const QByteArray token = str(json(response), "run_token").toLatin1();
    QVERIFY2(token.startsWith("hr_") && token.size() > 40, token.constData());
    // Leases are short here: the test renews the run's as a worker would.
    const auto keepAlive = [this, &worker, &runId]() {
        return workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/heartbeat")
                   .status == 200;
    };
    // The worker's own token is not the run's.
    QVERIFY(token != worker.token);
    QCOMPARE(workerCall(worker.token, "GET", "/api/v1/run-scope").status, 401);

    const QJsonObject scope = json(workerCall(token, "GET", "/api/v1/run-scope"));
    QCOMPARE(str(scope, "run_id").toLatin1(), runId);
    QCOMPARE(str(scope, "watcher_id").toLatin1(), watcherId);
    QCOMPARE(str(scope, "watcher_name"), QStringLiteral("scoped-watcher"));

    // The watcher's own KV: not the global namespace.
    QVERIFY(keepAlive());
    QCOMPARE(workerCall(token, "GET", "/api/v1/run-scope/kv/scoped-global").status, 404);
    QCOMPARE(workerCall(token, "PUT", "/api/v1/run-scope/kv/seen", R"({"n": 1})").status, 201);
    QCOMPARE(workerCall(token, "PUT", "/api/v1/run-scope/kv/seen", R"({"n": 2})").status, 200);
    QCOMPARE(json(workerCall(token, "GET", "/api/v1/run-scope/kv/seen"))
                 .value(QStringLiteral("value"))
                 .toObject(),
             QJsonObject({ { QStringLiteral("n"), 2 } }));
    QCOMPARE(call(port(), "GET", "/api/v1/kv/seen").status, 404);
    const QJsonArray keys = json(workerCall(token, "GET", "/api/v1/run-scope/kv"))
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(str(keys.at(0).toObject(), "key"), QStringLiteral("seen"));
    QCOMPARE(workerCall(token, "PUT", "/api/v1/run-scope/kv/bad", "{not json").status, 400);
    QCOMPARE(workerCall(token, "DELETE", "/api/v1/run-scope/kv/seen").status, 204);
    QCOMPARE(workerCall(token, "GET", "/api/v1/run-scope/kv/seen").status, 404);

    // Lines for the run's log.
    QVERIFY(keepAlive());
    QCOMPARE(workerCall(token, "POST", "/api/v1/run-scope/log",
                        R"({"logs": [{"level": "warn", "message": "from the agent's tools"}]})")
                 .status,
             204);
    QCOMPARE(workerCall(token, "POST", "/api/v1/run-scope/log", R"({"logs": "text"})").status, 422);
    QCOMPARE(workerCall(token, "POST", "/api/v1/run-scope/log", R"({"lines": []})").status, 422);
    const QJsonArray logs = json(call(port(), "GET", "/api/v1/runs/" + runId + "/logs"))
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(str(logs.at(0).toObject(), "message"), QStringLiteral("from the agent's tools"));
    QCOMPARE(str(logs.at(0).toObject(), "level"), QStringLiteral("warn"));

    // Notifications: checked, sent (whatever the run-end policy), counted
    // against the watcher's daily budget, then held back.
    QVERIFY(keepAlive());
    for (const QByteArray &bad :
         { QByteArray(R"({"body": "no title"})"), QByteArray(R"({"title": "   "})"),
           QByteArray(R"({"title": "x", "level": "loud"})"),
           QByteArray(R"({"title": "x", "sound": true})") }) {
        response = workerCall(token, "POST", "/api/v1/run-scope/notify", bad);
        QVERIFY2(response.status == 422, bad.constData());
    }
    for (int sent = 1; sent <= 2; ++sent) {
        response = workerCall(token, "POST", "/api/v1/run-scope/notify",
                              R"({"title": "Found it", "body": "twice", "level": "warning"})");
        QCOMPARE(response.status, 201);
        const QJsonObject notification =
            json(response).value(QStringLiteral("notification")).toObject();
        QCOMPARE(str(notification, "run_id").toLatin1(), runId);
        QCOMPARE(str(notification, "watcher_id").toLatin1(), watcherId);
        QCOMPARE(str(notification, "level"), QStringLiteral("warning"));
    }
    response = workerCall(token, "POST", "/api/v1/run-scope/notify", R"({"title": "Third"})");
    QCOMPARE(response.status, 429);
    const QJsonObject heldBack = json(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(str(heldBack, "code"), QStringLiteral("notification_held_back"));
    QVERIFY2(str(heldBack, "message").contains(QStringLiteral("notify.daily_budget")),
             qPrintable(str(heldBack, "message")));
    QVERIFY(response.header("retry-after").toInt() > 3600);
    QCOMPARE(notificationsOf(QString::fromLatin1(runId)).size(), 2);

    // A cooldown holds back the next one until it has passed.
    QVERIFY(keepAlive());
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + watcherId,
                  R"({"notify": {"min_interval_s": 600, "daily_budget": 20}})")
                 .status,
             200);
    response = workerCall(token, "POST", "/api/v1/run-scope/notify", R"({"title": "Fourth"})");
    QCOMPARE(response.status, 429);
    QVERIFY2(str(json(response).value(QStringLiteral("error")).toObject(), "message")
                 .contains(QStringLiteral("cooldown (notify.min_interval_s)")),
             response.body.constData());
    const int retryAfter = response.header("retry-after").toInt();
    QVERIFY2(retryAfter > 590 && retryAfter <= 600, response.header("retry-after").constData());
    // A budget of 0: never, and no waiting helps.
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + watcherId,
                  R"({"notify": {"min_interval_s": 0, "daily_budget": 0}})")
                 .status,
             200);
    response = workerCall(token, "POST", "/api/v1/run-scope/notify", R"({"title": "Fifth"})");
    QCOMPARE(response.status, 429);
    QVERIFY2(str(json(response).value(QStringLiteral("error")).toObject(), "message")
                 .contains(QStringLiteral("notify.daily_budget is 0")),
             response.body.constData());
    QVERIFY(response.header("retry-after").isEmpty());

    // The run ends: its token opens nothing any more.
    QCOMPARE(workerCall(worker.token, "POST", "/api/v1/workers/runs/" + runId + "/complete",
                        R"({"status": "succeeded", "output": "done"})")
                 .status,
             200);
    for (const auto &[method, target, body] :
         { std::tuple { QByteArray("GET"), QByteArray("/api/v1/run-scope"), QByteArray() },
           std::tuple { QByteArray("GET"), QByteArray("/api/v1/run-scope/kv"), QByteArray() },
           std::tuple { QByteArray("PUT"), QByteArray("/api/v1/run-scope/kv/late"),
                        QByteArray("1") },
           std::tuple { QByteArray("POST"), QByteArray("/api/v1/run-scope/notify"),
                        QByteArray(R"({"title": "late"})") },
           std::tuple { QByteArray("POST"), QByteArray("/api/v1/run-scope/log"),
                        QByteArray(R"({"logs": []})") } }) {
        response = workerCall(token, method, target, body);
        QVERIFY2(response.status == 401, target.constData());
        QCOMPARE(str(json(response).value(QStringLiteral("error")).toObject(), "code"),
                 QStringLiteral("run_token_invalid"));
    }
    QCOMPARE(notificationsOf(QString::fromLatin1(runId)).size(), 2);
}

// An agent run's own MCP server end to end: the worker hands a profile with
// mcp_args a configuration for `hearth mcp --run ID`; the stand-in agent
// (tests/agents/mcp-agent.py) starts it and speaks MCP to it. It offers the
// run-scoped tools only; its KV is the watcher's (kept for the next run, not
// the global store's, not another watcher's); notify is under the watcher's
// cooldown; log writes the run's log; once the run ended its token opens
// nothing.
void TestWorkers::agentRunsGetTheirOwnMcpServer()
{
    // Another watcher's key, kept by its script.
    const QJsonObject other = json(
        call(port(), "POST", "/api/v1/watchers",
             compact({ { QStringLiteral("name"), QStringLiteral("keeps-a-key") },
                       { QStringLiteral("kind"), QStringLiteral("lua") },
                       { QStringLiteral("script"), QStringLiteral("kv.set('mine', 'not yours')") },
                       { QStringLiteral("schedule"),
                         QJsonObject { { QStringLiteral("every_s"), 86400 } } } })));
    QCOMPARE(str(finishedLuaRun(str(other, "id").toLatin1(), {}), "status"),
             QStringLiteral("succeeded"));
    QCOMPARE(call(port(), "PUT", "/api/v1/kv/shared", "\"global\"").status, 201);

    startWorker(QStringLiteral("mcp-worker"), QStringLiteral("mcp"),
                { { QStringLiteral("program"), QStringLiteral("python3") },
                  { QStringLiteral("args"), QJsonArray { McpAgent, QStringLiteral("{prompt}") } },
                  // As claude's built-in profile hands it over.
                  { QStringLiteral("mcp_args"),
                    QJsonArray { QStringLiteral("--mcp-config"), QStringLiteral("{mcp_config}"),
                                 QStringLiteral("--allowedTools"),
                                 QStringLiteral("mcp__hearth__kv_get,mcp__hearth__kv_list,"
                                                "mcp__hearth__kv_set,mcp__hearth__kv_delete,"
                                                "mcp__hearth__notify,mcp__hearth__log") } } });
    const QString tokenFile = m_scratch.filePath(QStringLiteral("run-token"));
    const auto callOf = [](const char *tool, const QJsonObject &arguments) {
        return QJsonArray { QLatin1String(tool), arguments };
    };
    const QJsonObject asked {
        { QStringLiteral("keep_token"), tokenFile },
        { QStringLiteral("calls"),
          QJsonArray { callOf("kv_get", { { QStringLiteral("key"), QStringLiteral("count") } }),
                       callOf("kv_set",
                              { { QStringLiteral("key"), QStringLiteral("count") },
                                { QStringLiteral("value"), 1 } }),
                       callOf("kv_get", { { QStringLiteral("key"), QStringLiteral("shared") } }),
                       callOf("kv_get", { { QStringLiteral("key"), QStringLiteral("mine") } }),
                       callOf("kv_list", {}),
                       callOf("notify",
                              { { QStringLiteral("title"), QStringLiteral("Seen") },
                                { QStringLiteral("body"), QStringLiteral("by the agent") } }),
                       callOf("notify", { { QStringLiteral("title"), QStringLiteral("Again") } }),
                       callOf("log",
                              { { QStringLiteral("message"), QStringLiteral("agent was here") },
                                { QStringLiteral("level"), QStringLiteral("warn") } }),
                       callOf("kv_delete", { { QStringLiteral("key"), QStringLiteral("count") } }),
                       callOf("list_watchers", {}) } }
    };
    const QJsonObject watcher =
        createAgentWatcher({ { QStringLiteral("name"), QStringLiteral("uses-mcp") },
                             { QStringLiteral("prompt"), QString::fromUtf8(compact(asked)) },
                             { QStringLiteral("agent_kind"), QStringLiteral("mcp") },
                             { QStringLiteral("max_attempts"), 1 },
                             { QStringLiteral("notify"),
                               QJsonObject { { QStringLiteral("policy"), QStringLiteral("never") },
                                             { QStringLiteral("min_interval_s"), 3600 } } } });
    const QByteArray watcherId = str(watcher, "id").toLatin1();
    QVERIFY(!watcherId.isEmpty());

    const QString runId = str(runNow(watcherId), "id");
    const QJsonObject run =
        waitForRun(runId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QVERIFY2(str(run, "status") == u"succeeded", QJsonDocument(run).toJson().constData());
    const QJsonObject result = run.value(QStringLiteral("result")).toObject();
    QCOMPARE(str(result, "server"), QStringLiteral("hearth"));
    QCOMPARE(str(result, "config_mode"), QStringLiteral("600"));
    QCOMPARE(result.value(QStringLiteral("server_exit_code")).toInt(), 0);
    QVERIFY2(str(result, "instructions").contains(QStringLiteral("run %1").arg(runId)),
             qPrintable(str(result, "instructions")));
    // Only the run-scoped tools, and no resources.
    QStringList tools;
    for (const QJsonValue &tool : result.value(QStringLiteral("tools")).toArray())
        tools.append(tool.toString());
    tools.sort();
    QCOMPARE(tools,
             QStringList({ QStringLiteral("kv_delete"), QStringLiteral("kv_get"),
                           QStringLiteral("kv_list"), QStringLiteral("kv_set"),
                           QStringLiteral("log"), QStringLiteral("notify") }));
    // claude -p would be allowed every one of them.
    QVERIFY(result.value(QStringLiteral("unallowed_tools")).isArray());
    QCOMPARE(result.value(QStringLiteral("unallowed_tools")).toArray(), QJsonArray());
    QCOMPARE(result.value(QStringLiteral("capabilities")).toArray(),
             QJsonArray({ QStringLiteral("tools") }));
    QCOMPARE(result.value(QStringLiteral("resources_list")).toInt(), -32601);

    const QJsonArray results = result.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 10);
    const auto answer = [&results](int index) {
        return results.at(index).toObject();
    };
    const auto isError = [&answer](int index) {
        return answer(index).value(QStringLiteral("is_error")).toBool();
    };
    // Nothing yet, then stored; the global store's and the other watcher's
    // keys are out of reach.
    QVERIFY(isError(0));
    QVERIFY(!isError(1));
    QCOMPARE(str(answer(1).value(QStringLiteral("structured")).toObject(), "written"),
             QStringLiteral("created"));
    QVERIFY2(isError(2) && str(answer(2), "text").contains(QStringLiteral("no key shared")),
             QJsonDocument(answer(2)).toJson().constData());
    QVERIFY2(isError(3) && str(answer(3), "text").contains(QStringLiteral("no key mine")),
             QJsonDocument(answer(3)).toJson().constData());
    const QJsonArray listed = answer(4)
                                  .value(QStringLiteral("structured"))
                                  .toObject()
                                  .value(QStringLiteral("items"))
                                  .toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(str(listed.at(0).toObject(), "key"), QStringLiteral("count"));
    // The first notification goes out; the second is within the cooldown.
    QVERIFY(!isError(5));
    QCOMPARE(str(answer(5)
                     .value(QStringLiteral("structured"))
                     .toObject()
                     .value(QStringLiteral("notification"))
                     .toObject(),
                 "title"),
             QStringLiteral("Seen"));
    QVERIFY2(isError(6) && str(answer(6), "text").contains(QStringLiteral("cooldown")),
             QJsonDocument(answer(6)).toJson().constData());
    QVERIFY(!isError(7));
    // Destructive: refused without confirm.
    QVERIFY2(isError(8) && str(answer(8), "text").contains(QStringLiteral("confirm")),
             QJsonDocument(answer(8)).toJson().constData());
    // The full server's tools are not there.
    QCOMPARE(answer(9)
                 .value(QStringLiteral("rpc_error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toInt(),
             -32602);

    const QJsonArray raised = notificationsOf(runId);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(str(raised.at(0).toObject(), "body"), QStringLiteral("by the agent"));
    QCOMPARE(str(raised.at(0).toObject(), "watcher_id").toLatin1(), watcherId);
    bool logged = false;
    for (const QJsonValue &line :
         json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1() + "/logs"))
             .value(QStringLiteral("items"))
             .toArray()) {
        logged = logged ||
            (str(line.toObject(), "message") == u"agent was here" &&
             str(line.toObject(), "level") == u"warn");
    }
    QVERIFY(logged);

    // The run has ended: its token opens nothing, over HTTP or MCP.
    QFile kept(tokenFile);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    const QByteArray token = kept.readAll().trimmed();
    QVERIFY(token.startsWith("hr_"));
    QCOMPARE(workerCall(token, "GET", "/api/v1/run-scope/kv/count").status, 401);
    QProcess late;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HEARTH_DATA_DIR"));
    env.insert(QStringLiteral("HEARTH_RUN_TOKEN"), QString::fromLatin1(token));
    late.setProcessEnvironment(env);
    late.start(binary(QStringLiteral("hearth")),
               withDataDir({ QStringLiteral("mcp"), QStringLiteral("--run"), runId }));
    QVERIFY(late.waitForFinished(scaled(10000)));
    QCOMPARE(late.exitCode(), 1);
    QVERIFY2(late.readAllStandardError().contains("run_token_invalid"), "refused");
    // Without a token, --run is a usage error.
    env.remove(QStringLiteral("HEARTH_RUN_TOKEN"));
    late.setProcessEnvironment(env);
    late.start(binary(QStringLiteral("hearth")),
               withDataDir({ QStringLiteral("mcp"), QStringLiteral("--run"), runId }));
    QVERIFY(late.waitForFinished(scaled(10000)));
    QCOMPARE(late.exitCode(), 2);

    // The next run finds what the last one kept in the watcher's store, and
    // its notification is still within the cooldown.
    const QString nextId = str(runNow(watcherId), "id");
    const QJsonObject next =
        waitForRun(nextId, { QStringLiteral("succeeded"), QStringLiteral("dead") });
    QCOMPARE(str(next, "status"), QStringLiteral("succeeded"));
    const QJsonArray nextResults =
        next.value(QStringLiteral("result")).toObject().value(QStringLiteral("results")).toArray();
    QCOMPARE(nextResults.size(), 10);
    const QJsonObject kept1 = nextResults.at(0).toObject();
    QVERIFY(!kept1.value(QStringLiteral("is_error")).toBool());
    QCOMPARE(kept1.value(QStringLiteral("structured")).toObject().value(QStringLiteral("value")),
             QJsonValue(1));
    QCOMPARE(
        str(nextResults.at(1).toObject().value(QStringLiteral("structured")).toObject(), "written"),
        QStringLiteral("updated"));
    QVERIFY(nextResults.at(5).toObject().value(QStringLiteral("is_error")).toBool());
    QCOMPARE(notificationsOf(nextId).size(), 0);
    stopWorker();
}

QTEST_GUILESS_MAIN(TestWorkers)
#include "tst_workers.moc"
