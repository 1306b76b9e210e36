#include "Worker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSaveFile>
#include <algorithm>

namespace hearth::client {

namespace {

constexpr int CallTimeoutMs = 30'000;
constexpr int CompletionAttempts = 10;
constexpr int MaxLinesPerHeartbeat = 1000;

QJsonValue jsonValue(const QByteArray &text)
{
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']');
    return wrapped.isArray() ? wrapped.array().at(0) : QJsonValue();
}

QJsonObject object(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

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

void Worker::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                     int timeoutMs, Handler handler)
{
    QNetworkReply *reply =
        m_api.send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), m_auth);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, handler = std::move(handler)]() {
        ApiReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            result.body = reply->readAll();
        if (result.status == 0) {
            result.connectionRefused = reply->error() == QNetworkReply::ConnectionRefusedError;
            result.transportError =
                timer->isActive() ? reply->errorString() : QStringLiteral("no answer in time");
        }
        reply->deleteLater();
        handler(result);
    });
    if (path == u"/api/v1/workers/poll")
        m_pollReply = reply;
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
    m_auth = { { "Authorization", "Bearer " + m_settings.token } };
    QStringList kinds;
    for (const AgentProfile &profile : std::as_const(m_settings.profiles))
        kinds.append(profile.name);
    request("PATCH", QStringLiteral("/api/v1/workers/") + m_settings.workerId,
            { { QStringLiteral("name"), m_settings.name },
              { QStringLiteral("agent_kinds"), QJsonArray::fromStringList(kinds) } },
            CallTimeoutMs, [this](const ApiReply &reply) {
                if (reply.status == 401 || reply.status == 404) {
                    // Registered with another data dir, or removed while we
                    // were not running: start afresh.
                    registerAnew();
                    return;
                }
                if (!reply.isSuccess()) {
                    finish(QStringLiteral("cannot announce the worker: ") + reply.errorMessage());
                    return;
                }
                if (auto saved = m_settings.save(m_options.settingsPath); !saved) {
                    finish(saved.error());
                    return;
                }
                emit progress(QStringLiteral("worker %1 (%2) is ready for %3 runs")
                                  .arg(m_settings.workerId, m_settings.name,
                                       object(reply.body)
                                           .value(QStringLiteral("agent_kinds"))
                                           .toVariant()
                                           .toStringList()
                                           .join(QStringLiteral(", "))));
                poll();
            });
}

void Worker::registerAnew()
{
    QStringList kinds;
    for (const AgentProfile &profile : std::as_const(m_settings.profiles))
        kinds.append(profile.name);
    m_auth.clear();
    request("POST", QStringLiteral("/api/v1/workers"),
            { { QStringLiteral("name"), m_settings.name },
              { QStringLiteral("agent_kinds"), QJsonArray::fromStringList(kinds) } },
            CallTimeoutMs, [this, kinds](const ApiReply &reply) {
                if (reply.status != 201) {
                    finish(QStringLiteral("cannot register the worker: ") + reply.errorMessage());
                    return;
                }
                const QJsonObject json = object(reply.body);
                m_settings.workerId = json.value(QStringLiteral("id")).toString();
                m_settings.token = json.value(QStringLiteral("token")).toString().toLatin1();
                m_auth = { { "Authorization", "Bearer " + m_settings.token } };
                if (auto saved = m_settings.save(m_options.settingsPath); !saved) {
                    finish(saved.error());
                    return;
                }
                emit progress(QStringLiteral("registered as worker %1 (%2) for %3 runs")
                                  .arg(m_settings.workerId, m_settings.name,
                                       kinds.join(QStringLiteral(", "))));
                poll();
            });
}

void Worker::poll()
{
    if (m_stopping) {
        finish({});
        return;
    }
    // The server holds the poll up to wait_s; allow it that plus a margin.
    request("POST", QStringLiteral("/api/v1/workers/poll"),
            { { QStringLiteral("wait_s"), m_options.pollWaitSeconds } },
            (m_options.pollWaitSeconds + 15) * 1000, [this](const ApiReply &reply) {
                if (m_stopping) {
                    finish({});
                    return;
                }
                if (reply.status == 204) {
                    m_failures = 0;
                    poll();
                    return;
                }
                if (reply.status == 200) {
                    m_failures = 0;
                    takeRun(object(reply.body));
                    return;
                }
                if (reply.status == 401) {
                    finish(QStringLiteral("this worker was removed from hearthd (%1); start "
                                          "`hearth worker` again to register anew")
                               .arg(reply.errorMessage()));
                    return;
                }
                emit progress(
                    QStringLiteral("polling failed (%1); trying again").arg(reply.errorMessage()));
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

void Worker::takeRun(const QJsonObject &claim)
{
    CurrentRun run;
    run.id = claim.value(QStringLiteral("run")).toObject().value(QStringLiteral("id")).toString();
    run.watcher = claim.value(QStringLiteral("watcher")).toObject();
    const QJsonObject secrets = run.watcher.value(QStringLiteral("env_secrets")).toObject();
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        run.pendingSecrets.append(it.key());
        run.secretNames.insert(it.key(), it.value().toString());
    }
    m_run = run;
    const int heartbeatSeconds = std::max(1, claim.value(QStringLiteral("heartbeat_s")).toInt(5));
    m_heartbeatTimer.start(heartbeatSeconds * 1000);
    emit progress(QStringLiteral("run %1 of %2 (%3) claimed")
                      .arg(run.id, run.watcher.value(QStringLiteral("name")).toString(),
                           run.watcher.value(QStringLiteral("agent_kind")).toString()));
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
    const QString name = m_run->secretNames.value(variable);
    request("POST", QStringLiteral("/api/v1/secrets/") + percentEncoded(name) + u"/reveal", {},
            CallTimeoutMs, [this, variable, name](const ApiReply &reply) {
                if (!m_run)
                    return;
                if (!reply.isSuccess()) {
                    AgentOutcome outcome;
                    outcome.errorCode = QStringLiteral("secret_missing");
                    outcome.errorMessage =
                        QStringLiteral("secret %1 (for %2) could not be read: %3")
                            .arg(name, variable, reply.errorMessage());
                    complete(outcome);
                    return;
                }
                m_run->secretEnv.insert(
                    variable, object(reply.body).value(QStringLiteral("value")).toString());
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
    const QString kind = m_run->watcher.value(QStringLiteral("agent_kind")).toString();
    const auto profile = std::find_if(m_settings.profiles.cbegin(), m_settings.profiles.cend(),
                                      [&kind](const AgentProfile &p) { return p.name == kind; });
    AgentJob job;
    if (profile != m_settings.profiles.cend())
        job.profile = *profile;
    else
        job.profile.name = kind; // resolves to agent_not_found below
    job.prompt = m_run->watcher.value(QStringLiteral("prompt")).toString();
    job.secretEnv = m_run->secretEnv;
    job.secretNames = m_run->secretNames;
    job.workdir = m_run->watcher.value(QStringLiteral("workdir")).toString();
    job.timeoutMs = qint64(m_run->watcher.value(QStringLiteral("timeout_s")).toInteger(600)) * 1000;
    m_agent = std::make_unique<AgentProcess>();
    m_agent->setKillGraceMs(m_options.killGraceMs);
    connect(m_agent.get(), &AgentProcess::logLines, this, [this](const QList<AgentLogLine> &lines) {
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
    QJsonArray lines;
    const int count = int(std::min<qsizetype>(m_run->logs.size(), MaxLinesPerHeartbeat));
    for (int i = 0; i < count; ++i) {
        lines.append(QJsonObject { { QStringLiteral("level"), m_run->logs.at(i).level },
                                   { QStringLiteral("message"), m_run->logs.at(i).message } });
    }
    m_run->heartbeatInFlight = true;
    request("POST", QStringLiteral("/api/v1/workers/runs/%1/heartbeat").arg(m_run->id),
            { { QStringLiteral("logs"), lines } }, CallTimeoutMs,
            [this, count, then = std::move(then)](const ApiReply &reply) {
                if (!m_run)
                    return;
                m_run->heartbeatInFlight = false;
                if (reply.isSuccess()) {
                    m_run->logs.remove(0, std::min<qsizetype>(count, m_run->logs.size()));
                } else if (reply.status == 409 || reply.status == 403 || reply.status == 404 ||
                           reply.status == 401) {
                    // Cancelled, replaced, given up on or removed: stop working
                    // on it and do not complete it.
                    emit progress(
                        QStringLiteral("run %1 is no longer ours (%2); stopping the agent")
                            .arg(m_run->id, reply.errorMessage()));
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
    QJsonObject body {
        { QStringLiteral("status"),
          outcome.succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed") },
        { QStringLiteral("output"), outcome.output },
        { QStringLiteral("duration_ms"), outcome.durationMs },
    };
    if (outcome.succeeded)
        body.insert(QStringLiteral("result"), jsonValue(outcome.resultJson));
    else
        body.insert(QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("code"),
                                    m_stopping && outcome.errorCode == u"cancelled"
                                        ? QStringLiteral("worker_stopped")
                                        : outcome.errorCode },
                                  { QStringLiteral("message"), outcome.errorMessage } });
    if (outcome.exitCode)
        body.insert(QStringLiteral("exit_code"), *outcome.exitCode);
    request("POST", QStringLiteral("/api/v1/workers/runs/%1/complete").arg(m_run->id), body,
            CallTimeoutMs, [this, outcome, attempt](const ApiReply &reply) {
                if (!m_run)
                    return;
                if (reply.status == 0 && attempt < CompletionAttempts) {
                    // Completion is idempotent: sending it again is safe.
                    QTimer::singleShot(
                        std::min(1000 * attempt, 5000), this,
                        [this, outcome, attempt]() { complete(outcome, attempt + 1); });
                    return;
                }
                if (reply.isSuccess()) {
                    const QString status = object(reply.body)
                                               .value(QStringLiteral("run"))
                                               .toObject()
                                               .value(QStringLiteral("status"))
                                               .toString();
                    emit progress(QStringLiteral("run %1 %2").arg(m_run->id, status));
                    emit runFinished(m_run->id, outcome.succeeded);
                } else {
                    emit progress(QStringLiteral("run %1 could not be completed: %2")
                                      .arg(m_run->id, reply.errorMessage()));
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
