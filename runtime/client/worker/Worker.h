#pragma once

#include "AgentProcess.h"
#include "AgentProfile.h"
#include "client/RuntimeConnection.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>

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
    using Handler = std::function<void(const ApiReply &)>;
    void request(const QByteArray &method, const QString &path, const QJsonObject &body,
                 int timeoutMs, Handler handler);
    void announce();
    void registerAnew();
    void poll();
    void pollLater();
    void takeRun(const QJsonObject &claim);
    void revealNextSecret();
    void startAgent();
    void heartbeat(std::function<void()> then = {});
    void complete(const AgentOutcome &outcome, int attempt = 1);
    void runDone();
    void finish(const QString &error);

    struct CurrentRun
    {
        QString id;
        QJsonObject watcher;
        QStringList pendingSecrets; // variables still to reveal
        QMap<QString, QString> secretEnv;
        QMap<QString, QString> secretNames;
        QList<AgentLogLine> logs; // not yet sent
        bool abandoned = false; // hearthd no longer has it as ours
        bool heartbeatInFlight = false;
    };

    ApiClient &m_api;
    const WorkerOptions m_options;
    WorkerSettings m_settings;
    QList<QPair<QByteArray, QByteArray>> m_auth;
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
