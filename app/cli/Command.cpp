#include "Command.h"

#include "CliOutput.h"
#include "Terminal.h"
#include "client/RuntimeConnection.h"
#include "core/Paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hearth::cli {

CliOptions::CliOptions()
    : dataDir(QStringLiteral("data-dir"),
              tr("Data dir of the runtime to talk to (env HEARTH_DATA_DIR; default %1).")
                  .arg(defaultDataDir()),
              tr("path"))
    , url(QStringLiteral("url"),
          tr("Talk to this URL instead of discovering the runtime (skips the identity proof)."),
          tr("url"))
    , output({ QStringLiteral("o"), QStringLiteral("output") },
             tr("Output format: table or json (default table)."), tr("format"),
             QStringLiteral("table"))
    , help({ QStringLiteral("h"), QStringLiteral("help") },
           tr("Show help for hearth or for a command."))
    , version(QStringLiteral("version"), tr("Show the version."))
    , prefix(QStringLiteral("prefix"), tr("Only keys that start with this text."), tr("prefix"))
    , yes(QStringLiteral("yes"), tr("Confirm an action that deletes data."))
    , event(QStringLiteral("event"),
            tr("The event the script sees as ctx.event: a JSON object, @file.json, or - for "
               "stdin."),
            tr("json"))
    , timeZone(QStringLiteral("tz"),
               tr("IANA time zone a cron expression is read in (default: the system's)."),
               tr("zone"))
    , from(QStringLiteral("from"), tr("Start after this RFC 3339 instant (default: now)."),
           tr("time"))
    , count(QStringLiteral("count"), tr("How many fire times (1-50, default 5)."), tr("n"))
    , name(QStringLiteral("name"), tr("The watcher's (or this worker's) name."), tr("name"))
    , cron(QStringLiteral("cron"), tr("Fire on a cron expression, like \"*/5 * * * *\"."),
           tr("expression"))
    , every(QStringLiteral("every"), tr("Fire at an interval: 90s, 5m, 2h, 1d."), tr("interval"))
    , at(QStringLiteral("at"), tr("Fire once at an RFC 3339 instant."), tr("time"))
    , after(QStringLiteral("after"),
            tr("Start after this watcher's runs instead of on a schedule."), tr("watcher"))
    , when(QStringLiteral("when"),
           tr("Which of its runs start it: succeeded (default), changed, failed or notified."),
           tr("condition"))
    , folder(QStringLiteral("folder"),
             tr("Start when files change in this folder instead of on a schedule."), tr("path"))
    , recursive(QStringLiteral("recursive"), tr("With --folder: also in the folders under it."))
    , glob(QStringLiteral("glob"), tr("With --folder: only files matching this, like \"*.pdf\"."),
           tr("pattern"))
    , settleMs(QStringLiteral("settle-ms"),
               tr("With --folder: start once files have stopped changing for this long "
                  "(default 2000)."),
               tr("ms"))
    , webhook(QStringLiteral("webhook"),
              tr("Start when a webhook arrives instead of on a schedule, verified as "
                 "\"standard\" (Standard Webhooks), \"github\" or \"none\"."),
              tr("verify"))
    , script(QStringLiteral("script"), tr("The Lua script's file (- for stdin)."), tr("file"))
    , file(QStringLiteral("file"),
           tr("The watcher as a JSON file (- for stdin); options override its fields."), tr("file"))
    , watcher(QStringLiteral("watcher"), tr("Only this watcher's runs (id or name)."),
              tr("watcher"))
    , status(QStringLiteral("status"),
             tr("Only runs with this status (pending, running, succeeded, failed, dead, "
                "cancelled, skipped)."),
             tr("status"))
    , limit(QStringLiteral("limit"), tr("At most this many (default 50)."), tr("n"))
    , follow(QStringLiteral("follow"), tr("Keep printing until the run finishes."))
    , unread(QStringLiteral("unread"), tr("Only unread notifications."))
    , agent(QStringLiteral("agent"),
            tr("Make it an agent watcher run by this agent profile (claude, codex, or a "
               "custom profile's name)."),
            tr("kind"))
    , prompt(QStringLiteral("prompt"), tr("The agent's prompt."), tr("text"))
    , promptFile(QStringLiteral("prompt-file"),
                 tr("The agent's prompt from a file (- "
                    "for stdin)."),
                 tr("file"))
    , resultSchema(QStringLiteral("result-schema"),
                   tr("A JSON Schema the agent watcher's result must match: the JSON, "
                      "@file.json, or \"none\" to drop it."),
                   tr("schema"))
    , deviceWorker(QStringLiteral("worker"),
                   tr("Pin the agent watcher to this device worker (id; default: the only "
                      "worker that runs its agent kind)."),
                   tr("id"))
    , keepRuns(QStringLiteral("keep-runs"),
               tr("Keep this watcher's newest N runs (10-1000000), or \"default\" for "
                  "hearthd's --keep-runs-per-watcher."),
               tr("n"))
    , keepDays(QStringLiteral("keep-days"),
               tr("Keep this watcher's runs N days (1-3650), or \"default\" for hearthd's "
                  "--run-retention-days."),
               tr("n"))
    , profile(QStringLiteral("profile"),
              tr("An agent this worker runs: claude, codex, a custom profile as JSON "
                 "({\"name\", \"program\", \"args\" with {prompt}, \"env\", "
                 "\"workdir\", \"schema_args\" with {schema} or {schema_file}, "
                 "\"mcp_args\" with {mcp_config}}) or @file.json. Repeatable; remembered."),
              tr("profile"))
    , once(QStringLiteral("once"), tr("Handle one run, then exit."))
    , words(QStringLiteral("words"), tr("Compare word by word instead of line by line."))
    , selector(QStringLiteral("selector"), tr("Watch only this part of the page (a CSS selector)."),
               tr("css"))
    , jq(QStringLiteral("jq"), tr("Watch this part of a JSON answer (a jq path)."), tr("path"))
    , feed(QStringLiteral("feed"), tr("The URL is a feed: tell about its new items."))
    , channel(QStringLiteral("channel"), tr("Only this channel's deliveries (id or name)."),
              tr("channel"))
    , deliveryStatus(QStringLiteral("status"),
                     tr("Only deliveries with this status (pending, sending, batched, "
                        "delivered, failed, dead, suppressed, digested)."),
                     tr("status"))
    , revision(QStringLiteral("revision"),
               tr("Only if the watcher is still at this revision (as `hearth review` showed it)."),
               tr("revision"))
    , runScope(QStringLiteral("run"),
               tr("Serve only what this agent run may do for itself (its watcher's key-value "
                  "store, notify, its log), with the run token in HEARTH_RUN_TOKEN; the worker "
                  "that runs the agent starts it so."),
               tr("run"))
{
}

QList<QCommandLineOption> CliOptions::global() const
{
    return { dataDir, url, output, help, version };
}

QList<QCommandLineOption> CliOptions::watcherFields() const
{
    return { name,      cron,   every,      at,           after,        when,     folder,
             recursive, glob,   settleMs,   webhook,      timeZone,     script,   file,
             agent,     prompt, promptFile, resultSchema, deviceWorker, keepRuns, keepDays };
}

const CliOptions &cliOptions()
{
    // Built at first use, once QCoreApplication exists (tr needs it).
    static const CliOptions shared;
    return shared;
}

Command::Command(QStringList words, QString arguments, QString summary, int argumentCount,
                 QList<QCommandLineOption> options)
    : m_words(std::move(words))
    , m_arguments(std::move(arguments))
    , m_summary(std::move(summary))
    , m_argumentCount(argumentCount)
    , m_options(std::move(options))
{
}

QString failureText(const client::ApiReply &reply)
{
    if (reply.status == 0)
        return CommandContext::tr("lost the runtime: %1").arg(reply.transportError);
    const QString code = reply.errorCode();
    return code.isEmpty() ? reply.errorMessage()
                          : code + QStringLiteral(": ") + reply.errorMessage();
}

int CommandContext::reportFailure(const client::ApiReply &reply) const
{
    printErr(failureText(reply));
    return reply.status == 0 ? ExitNotRunning : ExitApiError;
}

int CommandContext::printWriteResult(const client::Answer<client::Written> &answer,
                                     const QString &name) const
{
    if (!answer.ok())
        return reportFailure(answer.reply);
    if (json)
        printRaw(answer.reply.body);
    else
        printOut((*answer.value == client::Written::Created ? tr("created %1") : tr("updated %1"))
                     .arg(name));
    return ExitOk;
}

int CommandContext::printRunResult(const client::Answer<client::Run> &answer) const
{
    if (!answer.ok())
        return reportFailure(answer.reply);
    if (json) {
        printRaw(answer.reply.body);
        return ExitOk;
    }
    const client::Run &run = *answer.value;
    printOut(tr("run %1 of watcher %2: %3 (attempt %4, %5)")
                 .arg(run.id, run.watcherId, scheduler::runStatusName(run.status))
                 .arg(run.attempt)
                 .arg(scheduler::runTriggerName(run.trigger)));
    return ExitOk;
}

int CommandContext::printReplyOr(const client::ApiReply &reply, const QString &line) const
{
    if (json)
        printRaw(reply.body);
    else
        printOut(line);
    return ExitOk;
}

int CommandContext::printJsonOrTable(const QByteArray &jsonText, const QStringList &header,
                                     const QList<QStringList> &rows) const
{
    if (json)
        printRaw(jsonText);
    else
        printTable(header, rows);
    return ExitOk;
}

bool readFileOrStdin(const QString &path, QByteArray &contents, QString &error)
{
    if (path == u"-") {
        const std::optional<QByteArray> input = readAllStdin();
        if (!input)
            error = Command::tr("stdin cannot be read");
        contents = input.value_or(QByteArray());
        return input.has_value();
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.errorString();
        return false;
    }
    contents = file.readAll();
    return true;
}

int CommandContext::eventOption(QJsonObject &event) const
{
    event = {};
    if (!isSet(cliOptions().event))
        return ExitOk;
    const QString given = value(cliOptions().event);
    QByteArray text = given.toUtf8();
    if (given == u"-" || given.startsWith(u'@')) {
        const QString path = given == u"-" ? given : given.mid(1);
        QString error;
        if (!readFileOrStdin(path, text, error)) {
            printErr(
                tr("--event: cannot read %1: %2").arg(path == u"-" ? tr("stdin") : path, error));
            return ExitUsage;
        }
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        printErr(tr("--event is not JSON: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset));
        return ExitUsage;
    }
    if (!document.isObject()) {
        printErr(tr("--event must be a JSON object"));
        return ExitUsage;
    }
    event = document.object();
    return ExitOk;
}

WatcherLookup lookUpWatcher(const client::HearthApi &api, const QString &reference)
{
    static const QRegularExpression number(QStringLiteral("^[1-9][0-9]*$"));
    if (number.match(reference).hasMatch())
        return { reference, {}, std::nullopt };
    const auto watchers = api.collect<client::Watcher>(&client::api::watchers);
    if (watchers.failure)
        return { {}, failureText(*watchers.failure), watchers.failure };
    for (const client::Watcher &watcher : watchers.items) {
        if (watcher.spec.name == reference)
            return { watcher.id, {}, std::nullopt };
    }
    return { {}, CommandContext::tr("no watcher named \"%1\"").arg(reference), std::nullopt };
}

int CommandContext::resolveWatcher(const QString &reference, QString &id) const
{
    const WatcherLookup found = lookUpWatcher(api, reference);
    if (found.failure)
        return reportFailure(*found.failure);
    if (!found.problem.isEmpty()) {
        printErr(found.problem);
        return ExitApiError;
    }
    id = found.id;
    return ExitOk;
}

} // namespace hearth::cli
