#pragma once

#include "AgentOutput.h"
#include "AgentProfile.h"
#include "client/ApiTypes.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTimer>
#include <optional>

namespace hearth::client {

// One agent run to do: which profile, what to ask, and how.
struct AgentJob
{
    AgentProfile profile;
    QString prompt;
    // Environment variable → secret value, for this child only.
    QMap<QString, QString> secretEnv;
    QMap<QString, QString> secretNames; // variable → secret name, for redaction labels
    QString workdir; // the watcher's; empty: the profile's, else the current directory
    qint64 timeoutMs = 600'000;
    // The watcher's result_schema (empty: none), handed to the agent as its
    // profile says (AgentProfile::schemaArgs), else described in the prompt.
    QJsonObject resultSchema;
    // The run's own MCP server (`hearth mcp --run ID`): how the agent starts
    // it, handed over as the profile says (AgentProfile::mcpArgs; none: the
    // agent runs without it).
    struct McpServerLaunch
    {
        QString command;
        QStringList args;
        QByteArray runToken; // its environment's HEARTH_RUN_TOKEN
    };
    std::optional<McpServerLaunch> mcpServer;
};

struct AgentOutcome
{
    bool succeeded = false;
    QString errorCode; // agent_failed, timeout, agent_not_found, workdir_missing, cancelled
    QString errorMessage;
    QString output; // redacted, capped
    QByteArray resultJson = "null";
    std::optional<int> exitCode;
    qint64 durationMs = 0;
};

// Runs one local CLI agent as a child process in its own process group:
// the prompt as an argument or on stdin, the watcher's secrets only in the
// child's environment, stdout captured up to a cap, stderr streamed as log
// lines, both with secret values redacted. On timeout or cancel the whole
// group gets SIGTERM, then SIGKILL after a grace period; when the agent
// exits, whatever it left behind in its group is killed too.
class AgentProcess : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype OutputCapBytes = 1024 * 1024;
    static constexpr qsizetype StderrCapBytes = 1024 * 1024;

    explicit AgentProcess(QObject *parent = nullptr);
    ~AgentProcess() override;

    void setKillGraceMs(qint64 ms) { m_killGraceMs = ms; }
    // `finished` follows exactly once (also when the agent cannot start).
    void start(const AgentJob &job);
    // Stops the agent (its group); `finished` then says cancelled.
    void cancel(const QString &reason);
    bool isRunning() const { return m_running; }

signals:
    void logLines(const QList<hearth::client::LogLine> &lines);
    void finished(const hearth::client::AgentOutcome &outcome);

private:
    void readStdout();
    void readStderr(bool flushPartialLine);
    void stopGroup(const QString &code, const QString &message);
    void onExited(int exitCode, QProcess::ExitStatus status);
    void finishEarly(const QString &code, const QString &message);

    QProcess m_process;
    QTimer m_timeout;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    SecretRedactor m_redactor;
    AgentProfile m_profile;
    // Kept while the agent runs.
    std::unique_ptr<QTemporaryFile> m_schemaFile;
    std::unique_ptr<QTemporaryFile> m_mcpConfigFile;
    qint64 m_killGraceMs = 5000;
    qint64 m_pid = 0;
    bool m_running = false;
    QByteArray m_stdout;
    qsizetype m_stdoutDropped = 0;
    QByteArray m_stderrPartial;
    qsizetype m_stderrBytes = 0;
    // Why the agent is being stopped, if it is.
    QString m_stopCode;
    QString m_stopMessage;
    QString m_lastStderrLine;
};

} // namespace hearth::client
