// hearth watchers ls|show|add|edit|rm|enable|disable|run, hearth pause|resume
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"
#include "client/RuntimeConnection.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hearth::cli {

namespace {

// A file's contents, or stdin's for "-".
bool readSource(const QString &path, QByteArray &contents, QString &error)
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

// "*/5 * * * *" in UTC, "every 300 s", "once at …".
QString scheduleText(const QJsonObject &schedule)
{
    if (schedule.contains(QStringLiteral("cron"))) {
        QString text = schedule.value(QStringLiteral("cron")).toString();
        if (schedule.contains(QStringLiteral("tz")))
            text += QStringLiteral(" (") + schedule.value(QStringLiteral("tz")).toString() + u')';
        return text;
    }
    if (schedule.contains(QStringLiteral("every_s")))
        return Command::tr("every %1 s").arg(schedule.value(QStringLiteral("every_s")).toInteger());
    return Command::tr("once at %1").arg(schedule.value(QStringLiteral("at")).toString());
}

// The watcher fields given as options (--name, --cron, …, --file), as the
// JSON the API takes; ExitOk or a usage error already printed.
int watcherFieldsFromOptions(const CommandContext &c, QJsonObject &fields, bool creating)
{
    if (!c.value(cliOptions().file).isEmpty()) {
        QByteArray text;
        QString error;
        if (!readSource(c.value(cliOptions().file), text, error)) {
            printErr(Command::tr("cannot read %1: %2").arg(c.value(cliOptions().file), error));
            return ExitUsage;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (!document.isObject()) {
            printErr(
                Command::tr("%1 is not a JSON object: %2")
                    .arg(c.value(cliOptions().file),
                         document.isNull() ? parseError.errorString() : Command::tr("wrong type")));
            return ExitUsage;
        }
        fields = document.object();
    }
    if (!c.value(cliOptions().name).isEmpty())
        fields.insert(QStringLiteral("name"), c.value(cliOptions().name));
    const int schedules = int(!c.value(cliOptions().cron).isEmpty()) +
        int(!c.value(cliOptions().every).isEmpty()) + int(!c.value(cliOptions().at).isEmpty());
    if (schedules > 1) {
        printErr(Command::tr("give one of --cron, --every and --at"));
        return ExitUsage;
    }
    if (!c.value(cliOptions().timeZone).isEmpty() && c.value(cliOptions().cron).isEmpty()) {
        printErr(Command::tr("--tz applies to --cron"));
        return ExitUsage;
    }
    if (!c.value(cliOptions().cron).isEmpty()) {
        QJsonObject schedule { { QStringLiteral("cron"), c.value(cliOptions().cron) } };
        if (!c.value(cliOptions().timeZone).isEmpty())
            schedule.insert(QStringLiteral("tz"), c.value(cliOptions().timeZone));
        fields.insert(QStringLiteral("schedule"), schedule);
    } else if (!c.value(cliOptions().every).isEmpty()) {
        const qint64 seconds = parseEvery(c.value(cliOptions().every));
        if (seconds < 0) {
            printErr(Command::tr("--every must be an interval like 90s, 5m, 2h or 1d, not \"%1\"")
                         .arg(c.value(cliOptions().every)));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("schedule"),
                      QJsonObject { { QStringLiteral("every_s"), seconds } });
    } else if (!c.value(cliOptions().at).isEmpty()) {
        fields.insert(QStringLiteral("schedule"),
                      QJsonObject { { QStringLiteral("at"), c.value(cliOptions().at) } });
    }
    if (!c.value(cliOptions().script).isEmpty()) {
        QByteArray script;
        QString error;
        if (!readSource(c.value(cliOptions().script), script, error)) {
            printErr(Command::tr("cannot read %1: %2").arg(c.value(cliOptions().script), error));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("script"), QString::fromUtf8(script));
    }
    if (!c.value(cliOptions().prompt).isEmpty() && !c.value(cliOptions().promptFile).isEmpty()) {
        printErr(Command::tr("give --prompt or --prompt-file, not both"));
        return ExitUsage;
    }
    if (!c.value(cliOptions().agent).isEmpty()) {
        fields.insert(QStringLiteral("kind"), QStringLiteral("agent"));
        fields.insert(QStringLiteral("agent_kind"), c.value(cliOptions().agent));
    }
    if (!c.value(cliOptions().prompt).isEmpty())
        fields.insert(QStringLiteral("prompt"), c.value(cliOptions().prompt));
    if (!c.value(cliOptions().promptFile).isEmpty()) {
        QByteArray prompt;
        QString error;
        if (!readSource(c.value(cliOptions().promptFile), prompt, error)) {
            printErr(
                Command::tr("cannot read %1: %2").arg(c.value(cliOptions().promptFile), error));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("prompt"), QString::fromUtf8(prompt));
    }
    if (!c.value(cliOptions().deviceWorker).isEmpty())
        fields.insert(QStringLiteral("device_worker_id"), c.value(cliOptions().deviceWorker));
    if (creating) {
        const bool agent = fields.value(QStringLiteral("kind")).toString() == u"agent";
        const char *body = agent ? "prompt" : "script";
        for (const char *required : { "name", "schedule", body }) {
            if (!fields.contains(QLatin1String(required))) {
                printErr(
                    agent
                        ? Command::tr("a new agent watcher needs --name, a schedule (--cron, "
                                      "--every or --at), --agent and --prompt or --prompt-file")
                        : Command::tr("a new watcher needs --name, a schedule (--cron, --every or "
                                      "--at) and --script (or --agent and --prompt), or a --file "
                                      "with them"));
                return ExitUsage;
            }
        }
    } else if (fields.isEmpty()) {
        printErr(Command::tr("nothing to change: give the fields to change as options"));
        return ExitUsage;
    }
    return ExitOk;
}

// `watchers enable` and `watchers disable`.
int setWatcherEnabled(const CommandContext &c, bool enabled)
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const QJsonObject patch { { QStringLiteral("enabled"), enabled } };
    const client::ApiReply reply = c.api.call("PATCH", QStringLiteral("/api/v1/watchers/") + id,
                                              QJsonDocument(patch).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printReplyOr(
        reply,
        (enabled ? Command::tr("enabled watcher %1") : Command::tr("disabled watcher %1")).arg(id));
}

// Pause all or Resume: the watchers it changed, or that nothing did.
int changeAllWatchers(const CommandContext &c, bool pause)
{
    const client::ApiReply reply =
        c.api.call("POST",
                   pause ? QStringLiteral("/api/v1/watchers/pause-all")
                         : QStringLiteral("/api/v1/watchers/resume-all"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    QStringList names;
    for (const QJsonValue &item :
         QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray())
        names << item.toObject().value(QStringLiteral("name")).toString();
    QString line;
    if (names.isEmpty())
        line = pause ? Command::tr("no watcher is enabled: nothing paused")
                     : Command::tr("no watcher is paused: nothing resumed");
    else
        line = (pause ? Command::tr("paused %n watcher(s): %1", nullptr, int(names.size()))
                      : Command::tr("resumed %n watcher(s): %1", nullptr, int(names.size())))
                   .arg(names.join(QStringLiteral(", ")));
    return c.printReplyOr(reply, line);
}

} // namespace

WatchersListCommand::WatchersListCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("ls") }, {},
              tr("List watchers with their schedule and next run."), 0, {})
{
}

int WatchersListCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call("GET", QStringLiteral("/api/v1/watchers"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    QList<QStringList> rows;
    for (const QJsonValue &value : items) {
        const QJsonObject watcher = value.toObject();
        rows.append({ watcher.value(QStringLiteral("id")).toString(),
                      watcher.value(QStringLiteral("name")).toString(),
                      watcher.value(QStringLiteral("kind")).toString(),
                      scheduleText(watcher.value(QStringLiteral("schedule")).toObject()),
                      watcher.value(QStringLiteral("enabled")).toBool() ? tr("yes") : tr("no"),
                      scalarText(watcher.value(QStringLiteral("next_run_at"))) });
    }
    printTable({ tr("ID"), tr("NAME"), tr("KIND"), tr("SCHEDULE"), tr("ENABLED"), tr("NEXT RUN") },
               rows);
    return ExitOk;
}

WatchersShowCommand::WatchersShowCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("show") }, QStringLiteral("WATCHER"),
              tr("Show a watcher, script included."), 1, {})
{
}

int WatchersShowCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = c.api.call("GET", QStringLiteral("/api/v1/watchers/") + id);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
    QList<QStringList> rows = fieldRows(
        watcher,
        { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("kind"),
          QStringLiteral("enabled"), QStringLiteral("next_run_at"), QStringLiteral("last_fired_at"),
          QStringLiteral("timeout_s"), QStringLiteral("max_attempts"),
          QStringLiteral("concurrency"), QStringLiteral("catch_up"), QStringLiteral("created_at"),
          QStringLiteral("updated_at") });
    rows.insert(3,
                { QStringLiteral("schedule"),
                  scheduleText(watcher.value(QStringLiteral("schedule")).toObject()) });
    for (const QString &group :
         { QStringLiteral("limits"), QStringLiteral("backoff"), QStringLiteral("notify") }) {
        const QJsonObject object = watcher.value(group).toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            rows.append({ group + u'.' + it.key(), scalarText(it.value()) });
    }
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    printOut(QString());
    printOut(watcher.value(QStringLiteral("script")).toString());
    return ExitOk;
}

WatchersAddCommand::WatchersAddCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("add") }, {},
              tr("Create a watcher from options (--name, --cron|--every|--at, --tz, --script; or "
                 "--agent with --prompt|--prompt-file) or a JSON --file."),
              0, cliOptions().watcherFields())
{
}

int WatchersAddCommand::execute(const CommandContext &c) const
{
    QJsonObject fields;
    if (const int built = watcherFieldsFromOptions(c, fields, true); built != ExitOk)
        return built;
    const client::ApiReply reply = c.api.call("POST", QStringLiteral("/api/v1/watchers"),
                                              QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
    printOut(tr("created watcher %1 (%2); next run %3")
                 .arg(watcher.value(QStringLiteral("id")).toString(),
                      watcher.value(QStringLiteral("name")).toString(),
                      scalarText(watcher.value(QStringLiteral("next_run_at")))));
    return ExitOk;
}

WatchersEditCommand::WatchersEditCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("edit") }, QStringLiteral("WATCHER"),
              tr("Change a watcher's fields (the same options as add)."), 1,
              cliOptions().watcherFields())
{
}

int WatchersEditCommand::execute(const CommandContext &c) const
{
    QJsonObject fields;
    if (const int built = watcherFieldsFromOptions(c, fields, false); built != ExitOk)
        return built;
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = c.api.call("PATCH", QStringLiteral("/api/v1/watchers/") + id,
                                              QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printReplyOr(reply, tr("updated watcher %1").arg(id));
}

WatchersRemoveCommand::WatchersRemoveCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("rm") }, QStringLiteral("WATCHER"),
              tr("Delete a watcher with its runs, logs and notifications."), 1, {})
{
}

int WatchersRemoveCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = c.api.call("DELETE", QStringLiteral("/api/v1/watchers/") + id);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json)
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("deleted"), id } })
                     .toJson(QJsonDocument::Compact));
    else
        printOut(tr("deleted watcher %1 with its runs").arg(id));
    return ExitOk;
}

WatchersEnableCommand::WatchersEnableCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("enable") }, QStringLiteral("WATCHER"),
              tr("Enable a watcher (its schedule counts from now)."), 1, {})
{
}

int WatchersEnableCommand::execute(const CommandContext &c) const
{
    return setWatcherEnabled(c, true);
}

WatchersDisableCommand::WatchersDisableCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("disable") }, QStringLiteral("WATCHER"),
              tr("Disable a watcher (runs already queued still run)."), 1, {})
{
}

int WatchersDisableCommand::execute(const CommandContext &c) const
{
    return setWatcherEnabled(c, false);
}

PauseCommand::PauseCommand()
    : Command({ QStringLiteral("pause") }, {},
              tr("Pause all watchers: disable every enabled one until `hearth resume`."), 0, {})
{
}

int PauseCommand::execute(const CommandContext &c) const
{
    return changeAllWatchers(c, true);
}

ResumeCommand::ResumeCommand()
    : Command({ QStringLiteral("resume") }, {},
              tr("Enable again exactly the watchers `hearth pause` disabled."), 0, {})
{
}

int ResumeCommand::execute(const CommandContext &c) const
{
    return changeAllWatchers(c, false);
}

WatchersRunCommand::WatchersRunCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("run") }, QStringLiteral("WATCHER"),
              tr("Run a watcher now; prints the new run."), 1, { cliOptions().event })
{
}

int WatchersRunCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    QJsonObject request;
    if (!c.value(cliOptions().event).isEmpty()) {
        const QJsonDocument event = QJsonDocument::fromJson(c.value(cliOptions().event).toUtf8());
        if (!event.isObject()) {
            printErr(tr("--event must be a JSON object"));
            return ExitUsage;
        }
        request.insert(QStringLiteral("event"), event.object());
    }
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/watchers/") + id + QStringLiteral("/run"),
                   QJsonDocument(request).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printRunResult(reply);
}

} // namespace hearth::cli
