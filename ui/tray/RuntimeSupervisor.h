#pragma once

#include "client/RuntimeConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <memory>

namespace hearth::ui {

// Starts, attaches to and supervises a hearthd for one data dir (GUI-free; the
// tray drives it). A runtime is only ever "up" once it has proved its
// identity (SECURITY.md): a spawned one with the proof key we gave it, an
// attached one with the key in its runtime.json. Nothing else is sent to a
// server that could not prove it.
class RuntimeSupervisor : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Stopped,
        Starting, // spawned, waiting for /healthz and the proof
        Connecting, // attaching to a runtime already running
        Running, // verified (spawned or attached)
        Stopping,
        Crashed, // a spawned runtime exited unexpectedly; a restart may follow
        Failed, // did not come up, could not be verified, or crashed too often
    };
    Q_ENUM(State)

    struct Options
    {
        QString dataDir;
        quint16 port = 0; // 0: any free port (learnt from runtime.json)
        QString hearthdPath;
        bool insecureKeyFile = false;
        bool keepRuntimeOnQuit = false;
        int runRetentionDays = 30;
        int keepRunsPerWatcher = 1000;
        QString webhooksListen; // empty: no webhook listener
        int startTimeoutMs = 20000;
        int stopTimeoutMs = 15000;
    };

    explicit RuntimeSupervisor(Options options, QObject *parent = nullptr);
    ~RuntimeSupervisor() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    State state() const { return m_state; }
    // True while the runtime is one this tray spawned.
    bool ownsRuntime() const { return m_process != nullptr; }
    const client::RuntimeInfo &runtime() const { return m_runtime; }
    QString lastError() const { return m_lastError; }
    // The last lines hearthd printed (a spawned runtime only).
    QStringList logTail() const { return m_logTail; }

    void start();
    void connectToRunning();
    // The tray's launch: attach to the data dir's runtime if one is running
    // (and proves itself), start one if none is.
    void connectOrStart();
    // Stops a spawned runtime gracefully (SIGTERM, SIGKILL after the stop
    // timeout); detaches from an attached one.
    void stop();
    // For quitting: stops a spawned runtime (unless it is to outlive the
    // tray) and waits for it.
    void shutdown();
    // The attached runtime went away (the event stream found nothing there).
    void runtimeLost(const QString &reason);

    static QString stateName(State state);
    // What the tray says when versions differ.
    static QString updatedMessage(const QString &runtimeVersion);
    // What `hearthd --version` says, empty if it cannot tell.
    static QString versionOf(const QString &hearthdPath);

signals:
    void stateChanged(State state);
    void ready(const client::RuntimeInfo &runtime);
    // Start or Connect did not succeed; `message` says why (with the log
    // tail for a spawned runtime).
    void failed(const QString &message);
    void crashed(const QString &message, bool willRestart);
    // The hearthd it would start, or the one it attached to, is another
    // version than this tray (Hearth was upgraded while something ran). A
    // hearthd on disk of another version is not started (it would migrate
    // the database under this tray); an attached one is used, and said.
    void versionDiffers(const QString &runtimeVersion);

private:
    void setState(State state);
    void fail(const QString &message);
    void pollStartup();
    void verify(const client::RuntimeInfo &runtime, State whileVerifying);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    // SIGTERM to our child, SIGKILL after the stop timeout; its exit ends
    // the stop (onProcessFinished).
    void terminateChild();
    void appendOutput();
    QString withLogTail(const QString &message) const;

    Options m_options;
    State m_state = State::Stopped;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<client::ApiClient> m_probe;
    client::RuntimeInfo m_runtime;
    QByteArray m_proofKey;
    QTimer m_startupTimer;
    QElapsedTimer m_startupClock;
    bool m_healthRequestInFlight = false;
    bool m_stopRequested = false;
    // Set when a child that failed to come up is being stopped: the state
    // becomes Failed with this message once it is gone, not Stopped.
    QString m_failureAfterStop;
    bool m_startIfAbsent = false;
    QList<QDateTime> m_crashTimes;
    QStringList m_logTail;
    QByteArray m_partialLine;
    QString m_lastError;
};

} // namespace hearth::ui
