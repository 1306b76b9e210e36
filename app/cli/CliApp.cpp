#include "CliApp.h"

#include "CliOutput.h"
#include "client/RuntimeConnection.h"
#include "core/Paths.h"
#include "core/Version.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <algorithm>
#include <memory>

namespace hearth::cli {

CliApp::CliApp(QStringList arguments)
    : m_arguments(std::move(arguments))
    , m_prefixOption(QStringLiteral("prefix"), tr("Only keys that start with this text."),
                     tr("prefix"))
    , m_yesOption(QStringLiteral("yes"), tr("Confirm an action that deletes data."))
    , m_eventOption(QStringLiteral("event"),
                    tr("The event the script sees as ctx.event (a JSON object)."), tr("json"))
    , m_timeZoneOption(QStringLiteral("tz"),
                       tr("IANA time zone a cron expression is read in (default: the system's)."),
                       tr("zone"))
    , m_fromOption(QStringLiteral("from"), tr("Start after this RFC 3339 instant (default: now)."),
                   tr("time"))
    , m_countOption(QStringLiteral("count"), tr("How many fire times (1-50, default 5)."), tr("n"))
    , m_nameOption(QStringLiteral("name"), tr("The watcher's (or this worker's) name."), tr("name"))
    , m_cronOption(QStringLiteral("cron"), tr("Fire on a cron expression, like \"*/5 * * * *\"."),
                   tr("expression"))
    , m_everyOption(QStringLiteral("every"), tr("Fire at an interval: 90s, 5m, 2h, 1d."),
                    tr("interval"))
    , m_atOption(QStringLiteral("at"), tr("Fire once at an RFC 3339 instant."), tr("time"))
    , m_scriptOption(QStringLiteral("script"), tr("The Lua script's file (- for stdin)."),
                     tr("file"))
    , m_fileOption(QStringLiteral("file"),
                   tr("The watcher as a JSON file (- for stdin); options override its fields."),
                   tr("file"))
    , m_watcherOption(QStringLiteral("watcher"), tr("Only this watcher's runs (id or name)."),
                      tr("watcher"))
    , m_statusOption(QStringLiteral("status"),
                     tr("Only runs with this status (pending, running, succeeded, failed, dead, "
                        "cancelled, skipped)."),
                     tr("status"))
    , m_limitOption(QStringLiteral("limit"), tr("At most this many (default 50)."), tr("n"))
    , m_followOption(QStringLiteral("follow"), tr("Keep printing until the run finishes."))
    , m_unreadOption(QStringLiteral("unread"), tr("Only unread notifications."))
    , m_agentOption(QStringLiteral("agent"),
                    tr("Make it an agent watcher run by this agent profile (claude, codex, or a "
                       "custom profile's name)."),
                    tr("kind"))
    , m_promptOption(QStringLiteral("prompt"), tr("The agent's prompt."), tr("text"))
    , m_promptFileOption(QStringLiteral("prompt-file"),
                         tr("The agent's prompt from a file (- "
                            "for stdin)."),
                         tr("file"))
    , m_deviceWorkerOption(QStringLiteral("worker"),
                           tr("Pin the agent watcher to this device worker (id; default: the only "
                              "worker that runs its agent kind)."),
                           tr("id"))
    , m_profileOption(QStringLiteral("profile"),
                      tr("An agent this worker runs: claude, codex, a custom profile as JSON "
                         "({\"name\", \"program\", \"args\" with {prompt}, \"env\", "
                         "\"workdir\"}) or @file.json. Repeatable; remembered."),
                      tr("profile"))
    , m_onceOption(QStringLiteral("once"), tr("Handle one run, then exit."))
{
}

QList<CliApp::Command> CliApp::commands() const
{
    const QString key = QStringLiteral("KEY");
    const QString name = QStringLiteral("NAME");
    const QString watcher = QStringLiteral("WATCHER");
    const QString run = QStringLiteral("RUN");
    const QList<QCommandLineOption> watcherOptions {
        m_nameOption,     m_cronOption,       m_everyOption,       m_atOption,
        m_timeZoneOption, m_scriptOption,     m_fileOption,        m_agentOption,
        m_promptOption,   m_promptFileOption, m_deviceWorkerOption
    };
    return {
        { { QStringLiteral("status") },
          {},
          tr("Show the runtime's state and counts."),
          0,
          {},
          &CliApp::runStatus },
        { { QStringLiteral("kv"), QStringLiteral("ls") },
          {},
          tr("List keys."),
          0,
          { m_prefixOption },
          &CliApp::runKvList },
        { { QStringLiteral("kv"), QStringLiteral("get") },
          key,
          tr("Print a key's JSON value."),
          1,
          {},
          &CliApp::runKvGet },
        { { QStringLiteral("kv"), QStringLiteral("set") },
          QStringLiteral("KEY JSON|@FILE|@-"),
          tr("Store a JSON value (inline, from a file, or from stdin)."),
          2,
          {},
          &CliApp::runKvSet },
        { { QStringLiteral("kv"), QStringLiteral("rm") },
          key,
          tr("Remove a key (succeeds if it is already gone)."),
          1,
          {},
          &CliApp::runKvRemove },
        { { QStringLiteral("secrets"), QStringLiteral("ls") },
          {},
          tr("List secret names (never values)."),
          0,
          {},
          &CliApp::runSecretsList },
        { { QStringLiteral("secrets"), QStringLiteral("set") },
          name,
          tr("Store a secret; the value is read from a hidden prompt, or from stdin."),
          1,
          {},
          &CliApp::runSecretsSet },
        { { QStringLiteral("secrets"), QStringLiteral("get") },
          name,
          tr("Print a secret's value."),
          1,
          {},
          &CliApp::runSecretsGet },
        { { QStringLiteral("secrets"), QStringLiteral("rm") },
          name,
          tr("Delete a secret (succeeds if it is already gone)."),
          1,
          {},
          &CliApp::runSecretsRemove },
        { { QStringLiteral("secrets"), QStringLiteral("rotate-key") },
          {},
          tr("Re-seal every secret under a new master key."),
          0,
          {},
          &CliApp::runSecretsRotateKey },
        { { QStringLiteral("secrets"), QStringLiteral("reset") },
          {},
          tr("Delete every secret and start over with the available key (needs --yes)."),
          0,
          { m_yesOption },
          &CliApp::runSecretsReset },
        { { QStringLiteral("script"), QStringLiteral("run") },
          QStringLiteral("FILE"),
          tr("Run a Lua script once in the sandbox and print its result and logs."),
          1,
          { m_eventOption },
          &CliApp::runScript },
        { { QStringLiteral("schedule"), QStringLiteral("next") },
          QStringLiteral("SCHEDULE"),
          tr("Print a schedule's next fire times: a cron expression, \"every 5m\", or an RFC "
             "3339 instant."),
          1,
          { m_timeZoneOption, m_fromOption, m_countOption },
          &CliApp::runScheduleNext },
        { { QStringLiteral("watchers"), QStringLiteral("ls") },
          {},
          tr("List watchers with their schedule and next run."),
          0,
          {},
          &CliApp::runWatchersList },
        { { QStringLiteral("watchers"), QStringLiteral("show") },
          watcher,
          tr("Show a watcher, script included."),
          1,
          {},
          &CliApp::runWatchersShow },
        { { QStringLiteral("watchers"), QStringLiteral("add") },
          {},
          tr("Create a watcher from options (--name, --cron|--every|--at, --tz, --script; or "
             "--agent with --prompt|--prompt-file) or a JSON --file."),
          0,
          watcherOptions,
          &CliApp::runWatchersAdd },
        { { QStringLiteral("watchers"), QStringLiteral("edit") },
          watcher,
          tr("Change a watcher's fields (the same options as add)."),
          1,
          watcherOptions,
          &CliApp::runWatchersEdit },
        { { QStringLiteral("watchers"), QStringLiteral("rm") },
          watcher,
          tr("Delete a watcher with its runs, logs and notifications."),
          1,
          {},
          &CliApp::runWatchersRemove },
        { { QStringLiteral("watchers"), QStringLiteral("enable") },
          watcher,
          tr("Enable a watcher (its schedule counts from now)."),
          1,
          {},
          &CliApp::runWatchersEnable },
        { { QStringLiteral("pause") },
          {},
          tr("Pause all watchers: disable every enabled one until `hearth resume`."),
          0,
          {},
          &CliApp::runPause },
        { { QStringLiteral("resume") },
          {},
          tr("Enable again exactly the watchers `hearth pause` disabled."),
          0,
          {},
          &CliApp::runResume },
        { { QStringLiteral("watchers"), QStringLiteral("disable") },
          watcher,
          tr("Disable a watcher (runs already queued still run)."),
          1,
          {},
          &CliApp::runWatchersDisable },
        { { QStringLiteral("watchers"), QStringLiteral("run") },
          watcher,
          tr("Run a watcher now; prints the new run."),
          1,
          { m_eventOption },
          &CliApp::runWatchersRun },
        { { QStringLiteral("runs"), QStringLiteral("ls") },
          {},
          tr("List runs, newest first."),
          0,
          { m_watcherOption, m_statusOption, m_limitOption },
          &CliApp::runRunsList },
        { { QStringLiteral("runs"), QStringLiteral("show") },
          run,
          tr("Show a run: status, timing, result, error."),
          1,
          {},
          &CliApp::runRunsShow },
        { { QStringLiteral("runs"), QStringLiteral("cancel") },
          run,
          tr("Cancel a pending or running run."),
          1,
          {},
          &CliApp::runRunsCancel },
        { { QStringLiteral("runs"), QStringLiteral("retry") },
          run,
          tr("Run a failed or dead run again as a new attempt."),
          1,
          {},
          &CliApp::runRunsRetry },
        { { QStringLiteral("logs") },
          run,
          tr("Print a run's log lines."),
          1,
          { m_followOption },
          &CliApp::runLogs },
        { { QStringLiteral("events") },
          {},
          tr("Print the runtime's live events (runs, logs, notifications, watchers)."),
          0,
          {},
          &CliApp::runEvents },
        { { QStringLiteral("notifications"), QStringLiteral("ls") },
          {},
          tr("List notifications, newest first."),
          0,
          { m_unreadOption, m_limitOption },
          &CliApp::runNotificationsList },
        { { QStringLiteral("notifications"), QStringLiteral("read") },
          QStringLiteral("ID"),
          tr("Mark a notification read."),
          1,
          {},
          &CliApp::runNotificationsRead },
        { { QStringLiteral("notifications"), QStringLiteral("read-all") },
          {},
          tr("Mark every notification read."),
          0,
          {},
          &CliApp::runNotificationsReadAll },
        { { QStringLiteral("worker") },
          {},
          tr("Run agent runs on this device: registers once (remembered in the data dir), then "
             "long-polls until stopped."),
          0,
          { m_nameOption, m_profileOption, m_onceOption },
          &CliApp::runWorker },
        { { QStringLiteral("workers"), QStringLiteral("ls") },
          {},
          tr("List device workers, online or not, with their active runs."),
          0,
          {},
          &CliApp::runWorkersList },
        { { QStringLiteral("workers"), QStringLiteral("rm") },
          QStringLiteral("ID"),
          tr("Remove a device worker; its pending and running runs are cancelled."),
          1,
          {},
          &CliApp::runWorkersRemove },
    };
}

int CliApp::run()
{
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        tr("Data dir of the runtime to talk to (env HEARTH_DATA_DIR; default %1).")
            .arg(defaultDataDir()),
        tr("path"));
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        tr("Talk to this URL instead of discovering the runtime (skips the identity proof)."),
        tr("url"));
    const QCommandLineOption outputOption({ QStringLiteral("o"), QStringLiteral("output") },
                                          tr("Output format: table or json (default table)."),
                                          tr("format"), QStringLiteral("table"));
    const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") },
                                        tr("Show help for hearth or for a command."));
    const QCommandLineOption versionOption(QStringLiteral("version"), tr("Show the version."));
    const QList<QCommandLineOption> globalOptions { dataDirOption, urlOption, outputOption,
                                                    helpOption, versionOption };
    const QList<Command> all = commands();
    QStringList groups;
    for (const Command &command : all) {
        if (command.words.size() > 1 && !groups.contains(command.words.constFirst()))
            groups.append(command.words.constFirst());
    }

    auto commandList = [&](const QString &group) -> QString {
        QString text = tr("Commands:") + u'\n';
        for (const Command &command : all) {
            if (!group.isEmpty() && command.words.constFirst() != group)
                continue;
            const QString usage =
                QString(command.words.join(u' ') + u' ' + command.arguments).trimmed();
            text += QStringLiteral("  ") + usage.leftJustified(28) + u' ' + command.summary + u'\n';
        }
        return text;
    };
    auto generalHelp = [&](const QString &group) -> QString {
        QCommandLineParser parser;
        parser.addOptions(globalOptions);
        QString help = parser.helpText();
        help.replace(QStringLiteral("[options]"),
                     QStringLiteral("[options] <command> [arguments]"));
        return help + u'\n' + commandList(group) + u'\n' +
            tr("Exit codes: 0 ok, 1 API error, 2 usage error, 3 runtime not running or not "
               "verifiable.");
    };

    // Pass 1: find the positional words, knowing every option that takes a value.
    QCommandLineParser scan;
    scan.addOptions(globalOptions);
    scan.addOptions({ m_prefixOption,       m_yesOption,     m_eventOption,  m_timeZoneOption,
                      m_fromOption,         m_countOption,   m_nameOption,   m_cronOption,
                      m_everyOption,        m_atOption,      m_scriptOption, m_fileOption,
                      m_watcherOption,      m_statusOption,  m_limitOption,  m_followOption,
                      m_unreadOption,       m_agentOption,   m_promptOption, m_promptFileOption,
                      m_deviceWorkerOption, m_profileOption, m_onceOption });
    if (!scan.parse(m_arguments)) {
        printErr(scan.errorText() + tr(" (see hearth --help)"));
        return ExitUsage;
    }
    const QStringList words = scan.positionalArguments();
    if (scan.isSet(versionOption) && words.isEmpty()) {
        printOut(QStringLiteral("hearth %1").arg(QString::fromLatin1(ProductVersion)));
        return ExitOk;
    }

    const Command *command = nullptr;
    for (const Command &candidate : all) {
        if (words.mid(0, candidate.words.size()) == candidate.words)
            command = &candidate;
    }
    if (!command) {
        const bool isGroup = words.size() == 1 && groups.contains(words.constFirst());
        if (scan.isSet(helpOption)) {
            printOut(generalHelp(isGroup ? words.constFirst() : QString()));
            return ExitOk;
        }
        if (words.isEmpty()) {
            printErr(tr("no command given (see hearth --help)"));
            return ExitUsage;
        }
        printErr(isGroup
                     ? tr("%1 needs a subcommand (see hearth %1 --help)").arg(words.constFirst())
                     : tr("unknown command \"%1\" (see hearth --help)").arg(words.join(u' ')));
        return ExitUsage;
    }

    // Pass 2: only the options this command accepts.
    const QString commandName = command->words.join(u' ');
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addOptions(globalOptions);
    parser.addOptions(command->options);
    parser.addPositionalArgument(commandName, command->summary,
                                 QString(commandName + u' ' + command->arguments).trimmed());
    if (!parser.parse(m_arguments)) {
        printErr(parser.errorText() + tr(" (see hearth %1 --help)").arg(commandName));
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        printOut(parser.helpText());
        return ExitOk;
    }
    m_positional = parser.positionalArguments().mid(command->words.size());
    if (m_positional.size() != command->argumentCount) {
        printErr(tr("%1 expects %2 (see hearth %1 --help)")
                     .arg(commandName,
                          command->arguments.isEmpty() ? tr("no arguments") : command->arguments));
        return ExitUsage;
    }
    m_output = parser.value(outputOption);
    if (m_output != u"table" && m_output != u"json") {
        printErr(tr("--output must be table or json, not \"%1\"").arg(m_output));
        return ExitUsage;
    }
    const auto accepts = [command](const QCommandLineOption &option) {
        return std::any_of(
            command->options.cbegin(), command->options.cend(),
            [&](const QCommandLineOption &o) { return o.names() == option.names(); });
    };
    if (accepts(m_prefixOption))
        m_prefix = parser.value(m_prefixOption);
    if (accepts(m_yesOption))
        m_yes = parser.isSet(m_yesOption);
    if (accepts(m_eventOption))
        m_event = parser.value(m_eventOption);
    if (accepts(m_timeZoneOption))
        m_timeZone = parser.value(m_timeZoneOption);
    if (accepts(m_fromOption))
        m_from = parser.value(m_fromOption);
    if (accepts(m_countOption))
        m_count = parser.value(m_countOption);
    if (accepts(m_nameOption))
        m_name = parser.value(m_nameOption);
    if (accepts(m_cronOption)) {
        m_cron = parser.value(m_cronOption);
        m_every = parser.value(m_everyOption);
        m_at = parser.value(m_atOption);
        m_scriptFile = parser.value(m_scriptOption);
        m_specFile = parser.value(m_fileOption);
    }
    if (accepts(m_agentOption)) {
        m_agentKind = parser.value(m_agentOption);
        m_prompt = parser.value(m_promptOption);
        m_promptFile = parser.value(m_promptFileOption);
        m_deviceWorker = parser.value(m_deviceWorkerOption);
    }
    if (accepts(m_profileOption)) {
        m_profiles = parser.values(m_profileOption);
        m_once = parser.isSet(m_onceOption);
    }
    if (accepts(m_watcherOption))
        m_watcher = parser.value(m_watcherOption);
    if (accepts(m_statusOption))
        m_status = parser.value(m_statusOption);
    if (accepts(m_limitOption))
        m_limit = parser.value(m_limitOption);
    if (accepts(m_followOption))
        m_follow = parser.isSet(m_followOption);
    if (accepts(m_unreadOption))
        m_unread = parser.isSet(m_unreadOption);

    // Connect: verified through runtime.json unless --url overrides.
    std::unique_ptr<client::ApiClient> api;
    if (parser.isSet(urlOption)) {
        const QUrl url(parser.value(urlOption), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
            printErr(tr("--url must look like http://127.0.0.1:PORT"));
            return ExitUsage;
        }
        printErr(tr("warning: --url given, so the server's identity is not verified"));
        api = std::make_unique<client::ApiClient>(url, QByteArrayLiteral("hearth-cli"));
    }
    const QString dataDir = parser.isSet(dataDirOption)
        ? parser.value(dataDirOption)
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("HEARTH_DATA_DIR"),
                                                         defaultDataDir());
    m_dataDir = QDir(dataDir).absolutePath();
    if (!api) {
        auto info = client::readRuntimeFile(m_dataDir);
        if (!info) {
            printErr(info.error().message);
            return ExitNotRunning;
        }
        api = std::make_unique<client::ApiClient>(info->baseUrl(), QByteArrayLiteral("hearth-cli"));
        if (auto verified = api->verifyIdentity(info.value()); !verified) {
            printErr(verified.error().message);
            return ExitNotRunning;
        }
    }
    return (this->*(command->handler))(*api);
}

int CliApp::reportFailure(const client::ApiReply &reply)
{
    if (reply.status == 0) {
        printErr(tr("lost the runtime: %1").arg(reply.transportError));
        return ExitNotRunning;
    }
    const QString code = reply.errorCode();
    printErr(code.isEmpty() ? reply.errorMessage()
                            : code + QStringLiteral(": ") + reply.errorMessage());
    return ExitApiError;
}

int CliApp::fetchAllPages(client::ApiClient &api, const QString &pathAndQuery, QJsonArray &items)
{
    QString cursor;
    do {
        QString page = pathAndQuery;
        if (!cursor.isEmpty())
            page += QStringLiteral("&cursor=") + client::percentEncoded(cursor);
        const client::ApiReply reply = api.call("GET", page);
        if (!reply.isSuccess())
            return reportFailure(reply);
        const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
        for (const QJsonValue &item : json.value(QStringLiteral("items")).toArray())
            items.append(item);
        cursor = json.value(QStringLiteral("next")).toString();
    } while (!cursor.isEmpty());
    return ExitOk;
}

int CliApp::printWriteResult(const client::ApiReply &reply, const QString &name)
{
    if (jsonOutput())
        printRaw(reply.body);
    else
        printOut((reply.status == 201 ? tr("created %1") : tr("updated %1")).arg(name));
    return ExitOk;
}

int CliApp::printItems(const QJsonArray &items, const QStringList &headers,
                       const QStringList &fields)
{
    if (jsonOutput()) {
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("items"), items } })
                     .toJson(QJsonDocument::Compact));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &item : items) {
        QStringList row;
        for (const QString &field : fields)
            row.append(scalarText(item.toObject().value(field)));
        rows.append(row);
    }
    printTable(headers, rows);
    return ExitOk;
}

int CliApp::runStatus(client::ApiClient &api)
{
    const client::ApiReply reply = api.call("GET", QStringLiteral("/api/v1/status"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject status = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject database = status.value(QStringLiteral("database")).toObject();
    const QJsonObject counts = status.value(QStringLiteral("counts")).toObject();
    const QJsonObject secrets = status.value(QStringLiteral("secrets")).toObject();
    QList<QStringList> rows {
        { tr("version"), scalarText(status.value(QStringLiteral("version"))) },
        { tr("pid"), scalarText(status.value(QStringLiteral("pid"))) },
        { tr("started"), scalarText(status.value(QStringLiteral("started_at"))) },
        { tr("uptime (s)"), scalarText(status.value(QStringLiteral("uptime_s"))) },
        { tr("mode"), tr("no-auth, loopback only") },
        { tr("data dir"), scalarText(status.value(QStringLiteral("data_dir"))) },
        { tr("database"), scalarText(database.value(QStringLiteral("path"))) },
        { tr("database size (bytes)"), scalarText(database.value(QStringLiteral("size_bytes"))) },
        { tr("schema"), scalarText(database.value(QStringLiteral("schema"))) },
        { tr("kv keys"), scalarText(counts.value(QStringLiteral("kv_keys"))) },
        { tr("secrets"), scalarText(counts.value(QStringLiteral("secrets"))) },
        { tr("enabled watchers"), scalarText(counts.value(QStringLiteral("enabled_watchers"))) },
        { tr("paused watchers"), scalarText(counts.value(QStringLiteral("paused_watchers"))) },
        { tr("secrets state"), scalarText(secrets.value(QStringLiteral("state"))) },
        { tr("master key source"), scalarText(secrets.value(QStringLiteral("source"))) },
        { tr("master key fingerprint"), scalarText(secrets.value(QStringLiteral("fingerprint"))) },
    };
    if (secrets.contains(QStringLiteral("message")))
        rows.append({ tr("secrets problem"), secrets.value(QStringLiteral("message")).toString() });
    if (secrets.contains(QStringLiteral("warning")))
        rows.append({ tr("WARNING"), secrets.value(QStringLiteral("warning")).toString() });
    for (const QJsonValue &value : status.value(QStringLiteral("workers")).toArray()) {
        const QJsonObject worker = value.toObject();
        rows.append({ tr("worker %1").arg(worker.value(QStringLiteral("id")).toString()),
                      (worker.value(QStringLiteral("online")).toBool() ? tr("%1: online")
                                                                       : tr("%1: OFFLINE"))
                          .arg(worker.value(QStringLiteral("name")).toString()) });
    }
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    return ExitOk;
}

} // namespace hearth::cli
