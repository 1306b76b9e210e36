#include "DaemonOptions.h"

#include "core/Paths.h"
#include "core/Version.h"
#include "model/WatcherSpec.h"

#include <QCommandLineParser>
#include <QDir>
#include <QHostAddress>

namespace hearth {

Result<DiagnosticLevel> parseDiagnosticLevel(const QString &text)
{
    const QString level = text.trimmed().toLower();
    if (level == u"debug")
        return DiagnosticLevel::Debug;
    if (level == u"info")
        return DiagnosticLevel::Info;
    if (level == u"warning" || level == u"warn")
        return DiagnosticLevel::Warning;
    if (level == u"error")
        return DiagnosticLevel::Error;
    return fail(
        QStringLiteral("invalid log level \"%1\": use debug, info, warning or error").arg(text));
}

Result<DaemonOptions::Listen> parseListenAddress(const QString &text)
{
    // PORT alone is loopback's; otherwise ADDR:PORT, [IPv6]:PORT.
    bool bare = false;
    const uint barePort = text.toUInt(&bare);
    if (bare && barePort <= 65535)
        return DaemonOptions::Listen { QStringLiteral("127.0.0.1"), quint16(barePort) };
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return fail(QStringLiteral("give a port (this computer only), or an address and a port "
                                   "such as 127.0.0.1:8788 or 0.0.0.0:8788 (every network)"));
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host == u"localhost")
        host = QStringLiteral("127.0.0.1");
    QHostAddress address;
    if (!address.setAddress(host))
        return fail(QStringLiteral("\"%1\" is not an IP address").arg(host));
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("the port must be 0 to 65535"));
    return DaemonOptions::Listen { address.toString(), quint16(port) };
}

Result<DaemonInvocation> parseDaemonOptions(const QStringList &arguments,
                                            const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("hearthd, the Hearth runtime: a loopback-only server that runs your "
                       "watchers and keeps their data."));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Folder for the database, logs and runtime.json (env HEARTH_DATA_DIR; "
                       "default %1).")
            .arg(defaultDataDir()),
        QStringLiteral("path"));
    const QCommandLineOption hostOption(
        QStringLiteral("host"),
        QStringLiteral("Loopback address to listen on (env HEARTH_HOST; default 127.0.0.1)."),
        QStringLiteral("address"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral("Port to listen on, 0 for any free one (env HEARTH_PORT; default %1).")
            .arg(DaemonOptions::DefaultPort),
        QStringLiteral("port"));
    const QCommandLineOption webhooksListenOption(
        QStringLiteral("webhooks-listen"),
        QStringLiteral("Receive webhooks on ADDR:PORT, a listener of its own (env "
                       "HEARTH_WEBHOOKS_LISTEN; default: off). A port alone is on 127.0.0.1 "
                       "(this computer only); give another address only if senders on your LAN "
                       "or tailnet must reach it."),
        QStringLiteral("address:port"));
    const QCommandLineOption webhooksRateOption(
        QStringLiteral("webhooks-rate"),
        QStringLiteral("Webhook deliveries each sender may make per second, in bursts of four "
                       "times as many (env HEARTH_WEBHOOKS_RATE; default 5)."),
        QStringLiteral("n"));
    const QCommandLineOption escalationBudgetOption(
        QStringLiteral("escalation-budget"),
        QStringLiteral("Escalations to agents (agent.escalate) all watchers together may make in "
                       "any 24 hours, besides each watcher's own budget (env "
                       "HEARTH_ESCALATION_BUDGET; default 100; 0: none)."),
        QStringLiteral("n"));
    const QCommandLineOption noAuthOption(
        QStringLiteral("no-auth"),
        QStringLiteral("Serve without accounts, loopback only (env HEARTH_NO_AUTH=1; the default "
                       "and only mode)."));
    const QCommandLineOption logLevelOption(
        QStringLiteral("log-level"),
        QStringLiteral("debug, info, warning or error (env HEARTH_LOG_LEVEL; default info)."),
        QStringLiteral("level"));
    const QCommandLineOption insecureKeyFileOption(
        QStringLiteral("insecure-key-file"),
        QStringLiteral("Keep the secrets' master key in a file in the data dir when neither "
                       "HEARTH_SECRET_KEY nor the OS keychain provides one (env "
                       "HEARTH_INSECURE_KEY_FILE=1). Anyone who can read the data dir can then "
                       "read your secrets."));
    const QCommandLineOption maxSecretBytesOption(
        QStringLiteral("max-secret-bytes"),
        QStringLiteral("Largest secret value accepted (env HEARTH_MAX_SECRET_BYTES; default "
                       "65536)."),
        QStringLiteral("bytes"));
    const QCommandLineOption luaMaxInstructionsOption(
        QStringLiteral("lua-max-instructions"),
        QStringLiteral("The most instructions a script may ask for (default 1000000000)."),
        QStringLiteral("count"));
    const QCommandLineOption luaMaxMemoryOption(
        QStringLiteral("lua-max-memory-bytes"),
        QStringLiteral("The most memory a script may ask for (default 536870912)."),
        QStringLiteral("bytes"));
    const QCommandLineOption luaMaxTimeoutOption(
        QStringLiteral("lua-max-timeout-ms"),
        QStringLiteral("The longest run time a script may ask for (default 300000)."),
        QStringLiteral("ms"));
    const QCommandLineOption retentionOption(
        QStringLiteral("run-retention-days"),
        QStringLiteral("Finished runs older than this are deleted with their logs, hourly; dead "
                       "runs are kept (env HEARTH_RUN_RETENTION_DAYS; default 30)."),
        QStringLiteral("days"));
    const QCommandLineOption keepRunsOption(
        QStringLiteral("keep-runs-per-watcher"),
        QStringLiteral("Finished runs of a watcher beyond its newest this many are deleted with "
                       "their logs, hourly; dead runs are kept (env HEARTH_KEEP_RUNS_PER_WATCHER; "
                       "default 1000)."),
        QStringLiteral("count"));
    const QCommandLineOption snapshotRetentionOption(
        QStringLiteral("snapshot-retention-days"),
        QStringLiteral("Snapshots older than this are deleted, hourly; a watcher's latest is kept "
                       "(env HEARTH_SNAPSHOT_RETENTION_DAYS; default 365)."),
        QStringLiteral("days"));
    const QCommandLineOption keepSnapshotsOption(
        QStringLiteral("keep-snapshots-per-watcher"),
        QStringLiteral("Snapshots of a watcher beyond its newest this many are deleted, hourly "
                       "(env HEARTH_KEEP_SNAPSHOTS_PER_WATCHER; default 100)."),
        QStringLiteral("count"));
    const QCommandLineOption leaseOption(
        QStringLiteral("lease-s"),
        QStringLiteral("How long a started run is held without a sign of life from whoever runs "
                       "it (a device worker's heartbeat) before it is given up on and retried "
                       "(env HEARTH_LEASE_S; default 60)."),
        QStringLiteral("seconds"));
    const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") },
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({ QStringLiteral("v"), QStringLiteral("version") },
                                           QStringLiteral("Show the version and exit."));
    parser.addOptions({ dataDirOption,
                        hostOption,
                        portOption,
                        webhooksListenOption,
                        webhooksRateOption,
                        escalationBudgetOption,
                        noAuthOption,
                        logLevelOption,
                        insecureKeyFileOption,
                        maxSecretBytesOption,
                        luaMaxInstructionsOption,
                        luaMaxMemoryOption,
                        luaMaxTimeoutOption,
                        retentionOption,
                        keepRunsOption,
                        snapshotRetentionOption,
                        keepSnapshotsOption,
                        leaseOption,
                        helpOption,
                        versionOption });

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (!parser.positionalArguments().isEmpty()) {
        return fail(QStringLiteral("unexpected argument \"%1\"; see --help")
                        .arg(parser.positionalArguments().constFirst()));
    }

    DaemonInvocation invocation;
    if (parser.isSet(helpOption)) {
        invocation.action = DaemonInvocation::Action::ShowHelp;
        invocation.helpText = parser.helpText();
        return invocation;
    }
    if (parser.isSet(versionOption)) {
        invocation.action = DaemonInvocation::Action::ShowVersion;
        return invocation;
    }

    // A flag wins; otherwise the variable, if set and non-empty.
    auto pick = [&](const QCommandLineOption &option, const QString &variable) -> QString {
        if (parser.isSet(option))
            return parser.value(option);
        return environment.value(variable);
    };

    DaemonOptions &options = invocation.options;

    const QString dataDir = pick(dataDirOption, QStringLiteral("HEARTH_DATA_DIR"));
    options.dataDir =
        QDir::cleanPath(QDir(dataDir.isEmpty() ? defaultDataDir() : dataDir).absolutePath());

    const QString host = pick(hostOption, QStringLiteral("HEARTH_HOST"));
    if (!host.isEmpty()) {
        QHostAddress address;
        const QString literal = host == u"localhost" ? QStringLiteral("127.0.0.1") : host;
        if (!address.setAddress(literal)) {
            return fail(QStringLiteral("invalid --host \"%1\": give an IP address such as "
                                       "127.0.0.1 or ::1")
                            .arg(host));
        }
        if (!address.isLoopback()) {
            return fail(QStringLiteral("refusing --host %1: without authentication hearthd only "
                                       "listens on loopback (127.0.0.1 or ::1)")
                            .arg(host));
        }
        options.host = literal;
    }

    const QString port = pick(portOption, QStringLiteral("HEARTH_PORT"));
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value > 65535)
            return fail(QStringLiteral("invalid --port \"%1\": use 0 to 65535").arg(port));
        options.port = quint16(value);
    }

    const QString webhooks = pick(webhooksListenOption, QStringLiteral("HEARTH_WEBHOOKS_LISTEN"));
    if (!webhooks.isEmpty()) {
        auto listen = parseListenAddress(webhooks);
        if (!listen)
            return fail(QStringLiteral("invalid --webhooks-listen \"%1\": %2")
                            .arg(webhooks, listen.error()));
        if (listen->port != 0 && listen->port == options.port)
            return fail(QStringLiteral("--webhooks-listen must not use the API's port %1: the "
                                       "API stays on its own")
                            .arg(options.port));
        options.webhooksListen = listen.value();
    }

    if (!parser.isSet(noAuthOption) && environment.contains(QStringLiteral("HEARTH_NO_AUTH"))) {
        const QString value = environment.value(QStringLiteral("HEARTH_NO_AUTH")).trimmed();
        if (value != u"1" && value.compare(u"true", Qt::CaseInsensitive) != 0) {
            return fail(QStringLiteral("HEARTH_NO_AUTH=%1: no-auth is the only mode this hearthd "
                                       "has; set it to 1 or leave it unset")
                            .arg(value));
        }
    }

    const QString logLevel = pick(logLevelOption, QStringLiteral("HEARTH_LOG_LEVEL"));
    if (!logLevel.isEmpty()) {
        auto level = parseDiagnosticLevel(logLevel);
        if (!level)
            return fail(level.error());
        options.logLevel = level.value();
    }

    options.insecureKeyFile = parser.isSet(insecureKeyFileOption) ||
        environment.value(QStringLiteral("HEARTH_INSECURE_KEY_FILE")).trimmed() == u"1";

    // A whole number from minimum to maximum, flag over environment.
    auto bounded = [&](const QCommandLineOption &option, const QString &variable, qint64 minimum,
                       qint64 maximum, qint64 &target) -> Result<void> {
        const QString text = pick(option, variable);
        if (text.isEmpty())
            return {};
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < minimum || value > maximum) {
            return fail(QStringLiteral("invalid --%1 \"%2\": use %3 to %4")
                            .arg(option.names().constFirst(), text)
                            .arg(minimum)
                            .arg(maximum));
        }
        target = value;
        return {};
    };
    if (auto read = bounded(maxSecretBytesOption, QStringLiteral("HEARTH_MAX_SECRET_BYTES"), 1,
                            16 * 1024 * 1024, options.maxSecretBytes);
        !read)
        return fail(read.error());
    qint64 retentionDays = options.runRetentionDays;
    if (auto read = bounded(retentionOption, QStringLiteral("HEARTH_RUN_RETENTION_DAYS"),
                            scheduler::HistoryLimits::MinKeepDays,
                            scheduler::HistoryLimits::MaxKeepDays, retentionDays);
        !read)
        return fail(read.error());
    options.runRetentionDays = int(retentionDays);
    qint64 keepRuns = options.keepRunsPerWatcher;
    if (auto read = bounded(keepRunsOption, QStringLiteral("HEARTH_KEEP_RUNS_PER_WATCHER"),
                            scheduler::HistoryLimits::MinKeepRuns,
                            scheduler::HistoryLimits::MaxKeepRuns, keepRuns);
        !read)
        return fail(read.error());
    options.keepRunsPerWatcher = int(keepRuns);
    qint64 snapshotDays = options.snapshotRetentionDays;
    if (auto read =
            bounded(snapshotRetentionOption, QStringLiteral("HEARTH_SNAPSHOT_RETENTION_DAYS"),
                    scheduler::HistoryLimits::MinKeepDays, scheduler::HistoryLimits::MaxKeepDays,
                    snapshotDays);
        !read)
        return fail(read.error());
    options.snapshotRetentionDays = int(snapshotDays);
    qint64 keepSnapshots = options.keepSnapshotsPerWatcher;
    if (auto read =
            bounded(keepSnapshotsOption, QStringLiteral("HEARTH_KEEP_SNAPSHOTS_PER_WATCHER"),
                    scheduler::HistoryLimits::MinKeepSnapshots,
                    scheduler::HistoryLimits::MaxKeepSnapshots, keepSnapshots);
        !read)
        return fail(read.error());
    options.keepSnapshotsPerWatcher = int(keepSnapshots);
    if (auto read =
            bounded(leaseOption, QStringLiteral("HEARTH_LEASE_S"), 3, 3600, options.leaseSeconds);
        !read)
        return fail(read.error());
    if (auto read = bounded(webhooksRateOption, QStringLiteral("HEARTH_WEBHOOKS_RATE"), 1, 10000,
                            options.webhooksPerSecond);
        !read)
        return fail(read.error());
    if (auto read = bounded(escalationBudgetOption, QStringLiteral("HEARTH_ESCALATION_BUDGET"), 0,
                            scheduler::EscalationTask::MaxGlobalBudget, options.escalationBudget);
        !read)
        return fail(read.error());

    // Ceilings for scripts' limits; never below the defaults scripts get.
    const struct
    {
        const QCommandLineOption &option;
        qint64 *target;
        qint64 minimum;
    } ceilings[] = {
        { luaMaxInstructionsOption, &options.luaCeilings.instructions,
          lua::Limits {}.instructions },
        { luaMaxMemoryOption, &options.luaCeilings.memoryBytes, lua::Limits {}.memoryBytes },
        { luaMaxTimeoutOption, &options.luaCeilings.timeoutMs, lua::Limits {}.timeoutMs },
    };
    for (const auto &ceiling : ceilings) {
        if (!parser.isSet(ceiling.option))
            continue;
        bool ok = false;
        const qint64 value = parser.value(ceiling.option).toLongLong(&ok);
        if (!ok || value < ceiling.minimum) {
            return fail(QStringLiteral("invalid --%1 \"%2\": use a whole number of at least %3")
                            .arg(ceiling.option.names().constFirst(), parser.value(ceiling.option))
                            .arg(ceiling.minimum));
        }
        *ceiling.target = value;
    }

    if (environment.contains(QStringLiteral("HEARTH_SECRET_KEY")))
        options.secretKey = environment.value(QStringLiteral("HEARTH_SECRET_KEY"));

    const QString proofKey = environment.value(QStringLiteral("HEARTH_PROOF_KEY")).trimmed();
    if (!proofKey.isEmpty()) {
        const QByteArray raw = QByteArray::fromHex(proofKey.toLatin1());
        if (proofKey.size() != 64 || raw.size() != 32 ||
            raw.toHex() != proofKey.toLower().toLatin1())
            return fail(
                QStringLiteral("HEARTH_PROOF_KEY must be 64 hexadecimal characters (32 bytes)"));
        options.proofKey = raw;
    }
    return invocation;
}

} // namespace hearth
