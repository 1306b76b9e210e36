#include "Worker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSaveFile>
#include <algorithm>

namespace hearth::client {

namespace {

constexpr int CompletionAttempts = 10;
constexpr int MaxLinesPerHeartbeat = 1000;

} // namespace

Result<WorkerSettings> WorkerSettings::load(const QString &path)
{
    WorkerSettings settings;
    QFile file(path);
    if (!file.exists())
        return settings;
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return fail(QStringLiteral("%1 is not valid worker settings (%2); remove it to register "
                                   "anew")
                        .arg(path, error.errorString()));
    const QJsonObject json = document.object();
    settings.workerId = json.value(QStringLiteral("worker_id")).toString();
    settings.token = json.value(QStringLiteral("token")).toString().toLatin1();
    settings.name = json.value(QStringLiteral("name")).toString();
    for (const QJsonValue &entry : json.value(QStringLiteral("profiles")).toArray()) {
        auto profile = AgentProfile::fromJson(entry.toObject());
        if (!profile)
            return fail(QStringLiteral("%1: %2").arg(path, profile.error()));
        // Saved before profiles had schema (or MCP) arguments: a copy of a
        // built-in takes the built-in's, so that remembering one does not
        // freeze it.
        const auto builtIn = AgentProfile::builtIn(profile->name);
        if (builtIn && builtIn->program == profile->program && builtIn->args == profile->args) {
            if (!entry.toObject().contains(QStringLiteral("schema_args")))
                profile->schemaArgs = builtIn->schemaArgs;
            if (!entry.toObject().contains(QStringLiteral("mcp_args")))
                profile->mcpArgs = builtIn->mcpArgs;
        }
        settings.profiles.append(profile.value());
    }
    return settings;
}

Result<void> WorkerSettings::save(const QString &path) const
{
    QJsonArray profileList;
    for (const AgentProfile &profile : profiles)
        profileList.append(profile.toJson());
    const QJsonObject json { { QStringLiteral("worker_id"), workerId },
                             { QStringLiteral("token"), QString::fromLatin1(token) },
                             { QStringLiteral("name"), name },
                             { QStringLiteral("profiles"), profileList } };
    // The token lets its holder act as this worker: owner-only, written whole.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(json).toJson());
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Worker::Worker(ApiClient &api, WorkerOptions options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_options(std::move(options))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Worker::poll);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this]() { heartbeat(); });
}

Worker::~Worker() = default;

template<typename T>
QNetworkReply *Worker::send(const Operation<T> &operation,
                            std::type_identity_t<std::function<void(const Answer<T> &)>> done)
{
    return m_api.send(m_settings.token.isEmpty() ? operation
                                                 : withToken(operation, m_settings.token),
                      this, std::move(done));
}

QStringList Worker::agentKinds() const
{
    QStringList kinds;
    for (const AgentProfile &profile : std::as_const(m_settings.profiles))
        kinds.append(profile.name);
    return kinds;
}

void Worker::start()
{
    auto settings = WorkerSettings::load(m_options.settingsPath);
    if (!settings) {
        finish(settings.error());
        return;
    }
    m_settings = settings.value();
    m_settings.name = m_options.name;
    m_settings.profiles = m_options.profiles;
    announce();
}

void Worker::announce()
{
    if (m_settings.workerId.isEmpty() || m_settings.token.isEmpty()) {
        registerAnew();
        return;
    }
    send(api::announceWorker(m_settings.workerId, m_settings.name, agentKinds()),
         [this](const Answer<DeviceWorker> &answer) {
             if (answer.reply.status == 401 || answer.reply.status == 404) {
                 // Registered with another data dir, or removed while we
                 // were not running: start afresh.
                 registerAnew();
                 return;
             }
             if (!answer.ok()) {
                 finish(QStringLiteral("cannot announce the worker: ") +
                        answer.reply.errorMessage());
                 return;
             }
             if (auto saved = m_settings.save(m_options.settingsPath); !saved) {
                 finish(saved.error());
                 return;
             }
             emit progress(QStringLiteral("worker %1 (%2) is ready for %3 runs")
                               .arg(m_settings.workerId, m_settings.name,
                                    answer.value->agentKinds.join(QStringLiteral(", "))));
             poll();
         });
}

void Worker::registerAnew()
{
    m_settings.token.clear();
    const QStringList kinds = agentKinds();
    send(api::registerWorker(m_settings.name, kinds),
         [this, kinds](const Answer<WorkerRegistration> &answer) {
             if (!answer.ok()) {
                 finish(QStringLiteral("cannot register the worker: ") +
                        answer.reply.errorMessage());
                 return;
             }
             m_settings.workerId = answer.value->worker.id;
             m_settings.token = answer.value->token;
             if (auto saved = m_settings.save(m_options.settingsPath); !saved) {
                 finish(saved.error());
                 return;
             }
             emit progress(
                 QStringLiteral("registered as worker %1 (%2) for %3 runs")
                     .arg(m_settings.workerId, m_settings.name, kinds.join(QStringLiteral(", "))));
             poll();
         });
}

void Worker::poll()
{
    if (m_stopping) {
        finish({});
        return;
    }
    m_pollReply =
        send(api::pollForRun(m_options.pollWaitSeconds),
             [this](const Answer<std::optional<RunClaim>> &answer) {
                 if (m_stopping) {
                     finish({});
                     return;
                 }
                 if (answer.ok()) {
                     m_failures = 0;
                     if (*answer.value)
                         takeRun(**answer.value);
                     else
                         poll();
                     return;
                 }
                 if (answer.reply.status == 401) {
                     finish(QStringLiteral("this worker was removed from hearthd (%1); start "
                                           "`hearth worker` again to register anew")
                                .arg(answer.reply.errorMessage()));
                     return;
                 }
                 emit progress(QStringLiteral("polling failed (%1); trying again")
                                   .arg(answer.reply.errorMessage()));
                 pollLater();
             });
}

void Worker::pollLater()
{
    // 1 s, 2 s, 4 s … at most 30 s between tries while hearthd is away.
    const int delay = std::min(30'000, 1000 << std::min(m_failures, 5));
    ++m_failures;
    m_retryTimer.start(delay);
}

void Worker::takeRun(const RunClaim &claim)
{
    CurrentRun run;
    run.claim = claim;
    for (auto it = claim.task.envSecrets.cbegin(); it != claim.task.envSecrets.cend(); ++it)
        run.pendingSecrets.append(it.key());
    m_run = run;
    m_heartbeatTimer.start(claim.heartbeatSeconds * 1000);
    emit progress(QStringLiteral("run %1 of %2 (%3) claimed")
                      .arg(claim.runId, claim.watcherName, claim.task.agentKind));
    revealNextSecret();
}

// Secrets are read just before the run, one by one, and live only in the
// agent's environment.
void Worker::revealNextSecret()
{
    if (m_run->pendingSecrets.isEmpty()) {
        startAgent();
        return;
    }
    const QString variable = m_run->pendingSecrets.takeFirst();
    const QString name = m_run->claim.task.envSecrets.value(variable);
    send(api::revealSecret(name), [this, variable, name](const Answer<QString> &answer) {
        if (!m_run)
            return;
        if (!answer.ok()) {
            AgentOutcome outcome;
            outcome.errorCode = QStringLiteral("secret_missing");
            outcome.errorMessage = QStringLiteral("secret %1 (for %2) could not be read: %3")
                                       .arg(name, variable, answer.reply.errorMessage());
            complete(outcome);
            return;
        }
        m_run->secretEnv.insert(variable, *answer.value);
        revealNextSecret();
    });
}

void Worker::startAgent()
{
    if (m_stopping) {
        AgentOutcome stopped;
        stopped.errorCode = QStringLiteral("worker_stopped");
        stopped.errorMessage = QStringLiteral("the worker was stopped before the agent started");
        complete(stopped);
        return;
    }
    const scheduler::AgentTask &task = m_run->claim.task;
    const QString kind = task.agentKind;
    const auto profile = std::find_if(m_settings.profiles.cbegin(), m_settings.profiles.cend(),
                                      [&kind](const AgentProfile &p) { return p.name == kind; });
    AgentJob job;
    if (profile != m_settings.profiles.cend())
        job.profile = *profile;
    else
        job.profile.name = kind; // resolves to agent_not_found below
    job.prompt = task.prompt;
    job.secretEnv = m_run->secretEnv;
    job.secretNames = task.envSecrets;
    job.workdir = task.workdir;
    job.timeoutMs = task.timeoutMs;
    job.resultSchema = task.resultSchema;
    if (!m_options.mcpProgram.isEmpty() && !m_run->claim.runToken.isEmpty()) {
        job.mcpServer = AgentJob::McpServerLaunch {
            m_options.mcpProgram,
            QStringList { QStringLiteral("mcp"), QStringLiteral("--run"), m_run->claim.runId } +
                m_options.mcpConnectionArgs,
            m_run->claim.runToken
        };
    }
    m_agent = std::make_unique<AgentProcess>();
    m_agent->setKillGraceMs(m_options.killGraceMs);
    connect(m_agent.get(), &AgentProcess::logLines, this, [this](const QList<LogLine> &lines) {
        if (m_run)
            m_run->logs.append(lines);
    });
    connect(m_agent.get(), &AgentProcess::finished, this, [this](const AgentOutcome &outcome) {
        if (!m_run)
            return;
        if (m_run->abandoned) {
            runDone();
            return;
        }
        // No more periodic heartbeats: the last one carries the remaining
        // stderr lines, then the completion follows.
        m_heartbeatTimer.stop();
        heartbeat([this, outcome]() { complete(outcome); });
    });
    m_agent->start(job);
}

void Worker::heartbeat(std::function<void()> then)
{
    if (!m_run || m_run->abandoned || (m_run->heartbeatInFlight && !then)) {
        if (then)
            then();
        return;
    }
    const int count = int(std::min<qsizetype>(m_run->logs.size(), MaxLinesPerHeartbeat));
    m_run->heartbeatInFlight = true;
    send(api::heartbeatRun(m_run->claim.runId, m_run->logs.first(count)),
         [this, count, then = std::move(then)](const Answer<Done> &answer) {
             const ApiReply &reply = answer.reply;
             if (!m_run)
                 return;
             m_run->heartbeatInFlight = false;
             if (answer.ok()) {
                 m_run->logs.remove(0, std::min<qsizetype>(count, m_run->logs.size()));
             } else if (reply.status == 409 || reply.status == 403 || reply.status == 404 ||
                        reply.status == 401) {
                 // Cancelled, replaced, given up on or removed: stop working
                 // on it and do not complete it.
                 emit progress(QStringLiteral("run %1 is no longer ours (%2); stopping the agent")
                                   .arg(m_run->claim.runId, reply.errorMessage()));
                 m_run->abandoned = true;
                 if (m_agent && m_agent->isRunning())
                     m_agent->cancel(reply.errorMessage());
                 else
                     runDone();
                 return;
             }
             // A failed heartbeat (hearthd busy or restarting) is retried on
             // the next tick; the lease covers several.
             if (then)
                 then();
         });
}

void Worker::complete(const AgentOutcome &outcome, int attempt)
{
    AgentCompletion completion;
    completion.succeeded = outcome.succeeded;
    completion.output = outcome.output;
    completion.durationMs = outcome.durationMs;
    completion.resultJson = outcome.resultJson;
    completion.errorCode = m_stopping && outcome.errorCode == u"cancelled"
        ? QStringLiteral("worker_stopped")
        : outcome.errorCode;
    completion.errorMessage = outcome.errorMessage;
    completion.exitCode = outcome.exitCode;
    send(api::completeRun(m_run->claim.runId, completion),
         [this, outcome, attempt](const Answer<scheduler::RunStatus> &answer) {
             if (!m_run)
                 return;
             const QString runId = m_run->claim.runId;
             if (answer.reply.status == 0 && attempt < CompletionAttempts) {
                 // Completion is idempotent: sending it again is safe.
                 QTimer::singleShot(std::min(1000 * attempt, 5000), this,
                                    [this, outcome, attempt]() { complete(outcome, attempt + 1); });
                 return;
             }
             if (answer.ok()) {
                 emit progress(QStringLiteral("run %1 %2")
                                   .arg(runId, scheduler::runStatusName(*answer.value)));
                 emit runFinished(runId, outcome.succeeded);
             } else {
                 emit progress(QStringLiteral("run %1 could not be completed: %2")
                                   .arg(runId, answer.reply.errorMessage()));
             }
             runDone();
         });
}

void Worker::runDone()
{
    m_heartbeatTimer.stop();
    m_run.reset();
    if (m_agent)
        m_agent.release()->deleteLater();
    if (m_options.once || m_stopping) {
        finish({});
        return;
    }
    poll();
}

void Worker::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_retryTimer.stop();
    if (m_agent && m_agent->isRunning()) {
        m_agent->cancel(QStringLiteral("the worker was stopped"));
        return;
    }
    if (m_run)
        return; // revealing secrets or completing: finishes on its own
    if (m_pollReply)
        m_pollReply->abort();
    else
        finish({});
}

void Worker::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_heartbeatTimer.stop();
    m_retryTimer.stop();
    emit stopped(error);
}

} // namespace hearth::client
