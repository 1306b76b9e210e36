#pragma once

#include "AgentProcess.h"
#include "AgentProfile.h"
#include "client/HearthApi.h"
#include "client/RuntimeConnection.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>
#include <type_traits>

class QNetworkReply;

namespace hearth::client {

// What a worker remembers between starts (the data dir's worker.json, 0600):
// its registration and the agent profiles it offers.
struct WorkerSettings
{
    QString workerId;
    QByteArray token;
    QString name;
    QList<AgentProfile> profiles;

    static Result<WorkerSettings> load(const QString &path); // empty settings if absent
    Result<void> save(const QString &path) const;
};

struct WorkerOptions
{
    QString name;
    QList<AgentProfile> profiles;
    QString settingsPath;
    // Handle one run, then stop.
    bool once = false;
    qint64 killGraceMs = 5000;
    int pollWaitSeconds = 25;
    // The `hearth` CLI that serves each run's own MCP server (`hearth mcp
    // --run ID`, for profiles with mcp_args), and the options that reach
    // this worker's hearthd (--data-dir DIR, or --url URL). Empty: runs get
    // no MCP server.
    QString mcpProgram;
    QStringList mcpConnectionArgs;
};

// A device worker: registers with hearthd (or re-announces itself with its
// remembered token), long-polls for agent runs pinned to it, runs each with
// AgentProcess, heartbeats (renewing the lease and streaming stderr to the
// run's logs) and completes it. Shared by `hearth worker` and the tray.
// Runs on the event loop; everything is asynchronous.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(ApiClient &api, WorkerOptions options, QObject *parent = nullptr);
    ~Worker() override;

    void start();
    // Stops polling; a running agent is stopped and its run reported failed
    // (worker_stopped), so the retry policy applies at once. `stopped`
    // follows.
    void stop();
    QString workerId() const { return m_settings.workerId; }

signals:
    // One human-readable line about what the worker is doing.
    void progress(const QString &line);
    void runFinished(const QString &runId, bool succeeded);
    // The worker has stopped: on request or --once (error empty), or because
    // it cannot go on (error says why).
    void stopped(const QString &error);

private:
    // Sends an operation, as this worker once it has a token.
    template<typename T>
    QNetworkReply *send(const Operation<T> &operation,
                        std::type_identity_t<std::function<void(const Answer<T> &)>> done);
    QStringList agentKinds() const;
    void announce();
    void registerAnew();
    void poll();
    void pollLater();
    void takeRun(const RunClaim &claim);
    void revealNextSecret();
    void startAgent();
    void heartbeat(std::function<void()> then = {});
    void complete(const AgentOutcome &outcome, int attempt = 1);
    void runDone();
    void finish(const QString &error);

    struct CurrentRun
    {
        RunClaim claim;
        QStringList pendingSecrets; // variables still to reveal
        QMap<QString, QString> secretEnv;
        QList<LogLine> logs; // not yet sent
        bool abandoned = false; // hearthd no longer has it as ours
        bool heartbeatInFlight = false;
    };

    HearthApi m_api;
    const WorkerOptions m_options;
    WorkerSettings m_settings;
    QPointer<QNetworkReply> m_pollReply;
    std::unique_ptr<AgentProcess> m_agent;
    std::optional<CurrentRun> m_run;
    QTimer m_heartbeatTimer;
    QTimer m_retryTimer;
    int m_failures = 0;
    bool m_stopping = false;
    bool m_finished = false;
};

} // namespace hearth::client
