#pragma once

#include "core/Result.h"
#include "model/Escalation.h"
#include "model/ScriptTypes.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth {

// How much hearthd says about itself in its log (not a run's log lines).
enum class DiagnosticLevel { Debug, Info, Warning, Error };

struct DaemonOptions
{
    static constexpr quint16 DefaultPort = 47615;

    QString dataDir;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = DefaultPort;
    // The webhook listener's address and port: off when unset.
    struct Listen
    {
        QString host;
        quint16 port = 0;
    };
    std::optional<Listen> webhooksListen;
    // Deliveries per second each sender may make (bursts of four times as
    // many); beyond that 429.
    qint64 webhooksPerSecond = 5;
    // Escalations all watchers together may make in any 24 hours.
    qint64 escalationBudget = scheduler::EscalationTask::DefaultGlobalBudget;
    bool noAuth = true;
    DiagnosticLevel logLevel = DiagnosticLevel::Info;
    // Opt-in to a master key file in the data dir (weaker than the keychain).
    bool insecureKeyFile = false;
    qint64 maxSecretBytes = 64 * 1024;
    // HEARTH_SECRET_KEY, when set (validated later, by the secret store, so
    // that a bad value shows in status instead of stopping the runtime).
    std::optional<QString> secretKey;
    // Finished runs older than this, or beyond the newest keepRunsPerWatcher
    // of their watcher, are pruned hourly (dead runs are kept).
    int runRetentionDays = 30;
    int keepRunsPerWatcher = 1000;
    // Snapshots older than this, or beyond a watcher's newest this many, are
    // deleted hourly (never a watcher's latest).
    int snapshotRetentionDays = 365;
    int keepSnapshotsPerWatcher = 100;
    // A running run's lease: renewed by its executor or worker, else it is
    // given up on (lease_expired) and retried.
    qint64 leaseSeconds = 60;
    // Scripts run on this many threads of their own.
    int luaThreads = 2;
    // The most a script may ask for (defaults are lua::Limits{}).
    lua::Limits luaCeilings { 1'000'000'000, 512LL * 1024 * 1024, 300'000 };
    // 32 bytes from HEARTH_PROOF_KEY (the tray's choice), or empty: a fresh
    // random key is made at start.
    QByteArray proofKey;
};

// What the command line asked for.
struct DaemonInvocation
{
    enum class Action { Run, ShowHelp, ShowVersion };
    Action action = Action::Run;
    DaemonOptions options;
    QString helpText;
};

// Parses hearthd's arguments and environment; flags win over the environment.
// Errors are one line each, meant for stderr.
// "8788" (loopback), "127.0.0.1:8788", "[::1]:8788", "0.0.0.0:8788" (any
// address: the user's explicit choice).
Result<DaemonOptions::Listen> parseListenAddress(const QString &text);
Result<DaemonInvocation> parseDaemonOptions(const QStringList &arguments,
                                            const QProcessEnvironment &environment);

Result<DiagnosticLevel> parseDiagnosticLevel(const QString &text);

} // namespace hearth
