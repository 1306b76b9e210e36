// hearth worker, hearth workers ls|rm
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "client/RuntimeConnection.h"
#include "client/worker/Worker.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSysInfo>
#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace hearth::cli {

namespace {

// The worker `hearth worker` runs, for interrupt() (main thread only).
QPointer<client::Worker> g_runningWorker;
std::atomic<bool> g_workerRunning { false };
std::atomic<int> g_interrupts { 0 };

// --profile: a built-in name, a remembered custom profile's name, inline
// JSON or @file.json.
Result<client::AgentProfile> profileFromOption(const QString &value,
                                               const QList<client::AgentProfile> &remembered)
{
    QByteArray json;
    if (value.startsWith(u'@')) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return fail(Command::tr("cannot read %1: %2").arg(value.mid(1), file.errorString()));
        json = file.readAll();
    } else if (value.trimmed().startsWith(u'{')) {
        json = value.toUtf8();
    } else {
        for (const client::AgentProfile &profile : remembered) {
            if (profile.name == value)
                return profile;
        }
        if (auto builtIn = client::AgentProfile::builtIn(value))
            return *builtIn;
        return fail(Command::tr("unknown profile \"%1\": use claude, codex, a custom profile as "
                                "JSON, or @file.json")
                        .arg(value));
    }
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject())
        return fail(Command::tr("--profile %1 is not a JSON object (%2)")
                        .arg(value.left(40), error.errorString()));
    return client::AgentProfile::fromJson(document.object());
}

} // namespace

void CliApp::interrupt()
{
    if (g_interrupts.fetch_add(1) > 0 || !g_workerRunning) {
        std::fflush(nullptr);
        std::_Exit(130);
    }
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        []() {
            if (g_runningWorker)
                g_runningWorker->stop();
        },
        Qt::QueuedConnection);
}

WorkerCommand::WorkerCommand()
    : Command({ QStringLiteral("worker") }, {},
              tr("Run agent runs on this device: registers once (remembered in the data dir), then "
                 "long-polls until stopped."),
              0, { cliOptions().name, cliOptions().profile, cliOptions().once })
{
}

int WorkerCommand::execute(const CommandContext &c) const
{
    const QString settingsPath = QDir(c.dataDir).filePath(QStringLiteral("worker.json"));
    auto settings = client::WorkerSettings::load(settingsPath);
    if (!settings) {
        printErr(settings.error());
        return ExitUsage;
    }
    QList<client::AgentProfile> profiles;
    const QStringList given = c.values(cliOptions().profile);
    for (const QString &value : given) {
        auto profile = profileFromOption(value, settings->profiles);
        if (!profile) {
            printErr(profile.error());
            return ExitUsage;
        }
        profiles.erase(
            std::remove_if(profiles.begin(), profiles.end(),
                           [&](const client::AgentProfile &p) { return p.name == profile->name; }),
            profiles.end());
        profiles.append(profile.value());
    }
    if (profiles.isEmpty())
        profiles = settings->profiles;
    if (profiles.isEmpty()) {
        printErr(tr("name the agents this worker runs: --profile claude, --profile codex, or a "
                    "custom profile as JSON (remembered for next time)"));
        return ExitUsage;
    }
    // A missing agent is a clear error now, not a hang at the first run.
    for (const client::AgentProfile &profile : std::as_const(profiles)) {
        if (auto program = profile.resolvedProgram(); !program) {
            printErr(program.error());
            return ExitApiError;
        }
    }

    client::WorkerOptions options;
    options.name = !c.value(cliOptions().name).isEmpty() ? c.value(cliOptions().name)
        : !settings->name.isEmpty()                      ? settings->name
                                                         : QSysInfo::machineHostName();
    options.profiles = profiles;
    options.settingsPath = settingsPath;
    options.once = c.isSet(cliOptions().once);
    // Each run's own MCP server is this program, reaching this hearthd.
    options.mcpProgram = QCoreApplication::applicationFilePath();
    options.mcpConnectionArgs = c.isSet(cliOptions().url)
        ? QStringList { QStringLiteral("--url"), c.value(cliOptions().url) }
        : QStringList { QStringLiteral("--data-dir"), c.dataDir };
    client::Worker worker(c.connection, options);
    QEventLoop loop;
    QString failure;
    QObject::connect(&worker, &client::Worker::progress, &worker,
                     [](const QString &line) { printOut(line); });
    QObject::connect(&worker, &client::Worker::stopped, &loop, [&](const QString &error) {
        failure = error;
        loop.quit();
    });
    g_runningWorker = &worker;
    g_workerRunning = true;
    worker.start();
    loop.exec();
    g_workerRunning = false;
    if (!failure.isEmpty()) {
        printErr(failure);
        return ExitApiError;
    }
    return ExitOk;
}

WorkersListCommand::WorkersListCommand()
    : Command({ QStringLiteral("workers"), QStringLiteral("ls") }, {},
              tr("List device workers, online or not, with their active runs."), 0, {})
{
}

int WorkersListCommand::execute(const CommandContext &c) const
{
    const auto workers = c.api.call(client::api::workers());
    if (!workers.ok())
        return c.reportFailure(workers.reply);
    QList<QStringList> rows;
    for (const client::DeviceWorker &worker : workers.value->items) {
        rows.append(
            { worker.id, worker.name, worker.agentKinds.join(u','),
              worker.online ? tr("online") : tr("offline"), cell(worker.lastSeenAt),
              worker.activeRuns.isEmpty() ? QStringLiteral("-") : worker.activeRuns.join(u',') });
    }
    return c.printJsonOrTable(
        workers.reply.body,
        { tr("ID"), tr("NAME"), tr("AGENTS"), tr("STATE"), tr("LAST SEEN"), tr("ACTIVE RUNS") },
        rows);
}

WorkersRemoveCommand::WorkersRemoveCommand()
    : Command({ QStringLiteral("workers"), QStringLiteral("rm") }, QStringLiteral("ID"),
              tr("Remove a device worker; its pending and running runs are cancelled."), 1, {})
{
}

int WorkersRemoveCommand::execute(const CommandContext &c) const
{
    const QString id = c.arguments.at(0);
    const auto removed = c.api.call(client::api::removeWorker(id));
    if (!removed.ok())
        return c.reportFailure(removed.reply);
    if (c.json)
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("removed"), id } })
                     .toJson(QJsonDocument::Compact));
    else
        printOut(tr("removed worker %1").arg(id));
    return ExitOk;
}

} // namespace hearth::cli
