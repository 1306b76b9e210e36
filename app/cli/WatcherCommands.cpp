// hearth watchers ls|show|add|edit|rm|enable|disable|run, hearth pause|resume,
// hearth review|approve|reject, hearth fire
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"
#include "client/Format.h"
#include "client/HearthApi.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

namespace {

// Runs the watcher the first argument names, with --event; prints the run.
int runWithEvent(const CommandContext &c)
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    QJsonObject event;
    if (const int read = c.eventOption(event); read != ExitOk)
        return read;
    return c.printRunResult(c.api.call(client::api::runWatcher(id, event)));
}

// The watcher fields given as options (--name, --cron, …, --file); ExitOk
// or a usage error already printed.
// --every as a schedule; one line and ExitUsage when it is not an interval.
int everyOption(const QString &every, client::WatcherChanges &changes)
{
    const qint64 seconds = parseEvery(every);
    if (seconds < 0) {
        printErr(Command::tr("--every must be an interval like 90s, 5m, 2h or 1d, not \"%1\"")
                     .arg(every));
        return ExitUsage;
    }
    changes.schedule.everySeconds = seconds;
    return ExitOk;
}

// --folder and the options that go with it as a folder trigger.
int folderOptions(const CommandContext &c, const std::optional<QString> &folder,
                  client::WatcherChanges &changes)
{
    const QString glob = c.value(cliOptions().glob);
    const QString settle = c.value(cliOptions().settleMs);
    const bool recursive = c.isSet(cliOptions().recursive);
    if (!folder) {
        if (recursive || !glob.isEmpty() || !settle.isEmpty()) {
            printErr(Command::tr("--recursive, --glob and --settle-ms apply to --folder"));
            return ExitUsage;
        }
        return ExitOk;
    }
    // The runtime has another working folder: a relative path is the
    // user's, from here.
    const QString path = folder->startsWith(u'~') ? *folder : QDir(*folder).absolutePath();
    QJsonObject trigger { { QStringLiteral("path"), path },
                          { QStringLiteral("recursive"), recursive } };
    if (!glob.isEmpty())
        trigger.insert(QStringLiteral("glob"), glob);
    if (!settle.isEmpty()) {
        bool number = false;
        const qint64 ms = settle.toLongLong(&number);
        if (!number) {
            printErr(Command::tr("--settle-ms must be a number of milliseconds, not \"%1\"")
                         .arg(settle));
            return ExitUsage;
        }
        trigger.insert(QStringLiteral("settle_ms"), ms);
    }
    changes.folder = trigger;
    return ExitOk;
}

// Where to send a webhook watcher's deliveries and how to sign them.
QString webhookInstructions(const CommandContext &c, const QString &watcherId,
                            const scheduler::WebhookTrigger &webhook)
{
    const auto status = c.api.call(client::api::status());
    const QString base = status.ok() ? status.value->webhooksUrl : QString();
    const QString url = base.isEmpty()
        ? Command::tr("%1 on the webhook listener (off: start hearthd with --webhooks-listen "
                      "ADDR:PORT)")
              .arg(webhook.path())
        : base + webhook.path();
    if (webhook.verify == scheduler::WebhookVerification::None)
        return Command::tr("POST to %1 (unsigned deliveries accepted)").arg(url);
    return Command::tr("POST to %1, signed with the secret: hearth secrets get %2")
        .arg(url, scheduler::WebhookTrigger::secretName(watcherId.toLongLong()));
}

// Creates the watcher and says so (its JSON with --output json).
int createWatcher(const CommandContext &c, const client::WatcherChanges &changes)
{
    const auto created = c.api.call(client::api::createWatcher(changes));
    if (!created.ok())
        return c.reportFailure(created.reply);
    const client::Watcher &watcher = *created.value;
    QString starts = watcher.spec.trigger ? client::format::startsWhen(watcher.spec)
                                          : Command::tr("next run %1").arg(cell(watcher.nextRunAt));
    if (const scheduler::WebhookTrigger *webhook = watcher.spec.webhook())
        starts += u'\n' + webhookInstructions(c, watcher.id, *webhook);
    return c.printReplyOr(
        created.reply,
        Command::tr("created watcher %1 (%2); %3").arg(watcher.id, watcher.spec.name, starts));
}

int watcherChangesFromOptions(const CommandContext &c, client::WatcherChanges &changes,
                              bool creating)
{
    // An option's text, or nothing when it was not given.
    auto given = [&c](const QCommandLineOption &option) -> std::optional<QString> {
        const QString text = c.value(option);
        return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
    };
    // A file's (or stdin's) text, or nothing after printing why not.
    auto contents = [](const QString &path) -> std::optional<QString> {
        QByteArray text;
        QString error;
        if (!readFileOrStdin(path, text, error)) {
            printErr(Command::tr("cannot read %1: %2").arg(path, error));
            return std::nullopt;
        }
        return QString::fromUtf8(text);
    };
    if (const auto file = given(cliOptions().file)) {
        QByteArray text;
        QString error;
        if (!readFileOrStdin(*file, text, error)) {
            printErr(Command::tr("cannot read %1: %2").arg(*file, error));
            return ExitUsage;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (!document.isObject()) {
            printErr(
                Command::tr("%1 is not a JSON object: %2")
                    .arg(*file,
                         document.isNull() ? parseError.errorString() : Command::tr("wrong type")));
            return ExitUsage;
        }
        changes.document = document.object();
    }
    changes.name = given(cliOptions().name);
    const auto cron = given(cliOptions().cron);
    const auto every = given(cliOptions().every);
    const auto at = given(cliOptions().at);
    const auto after = given(cliOptions().after);
    const auto when = given(cliOptions().when);
    const auto folder = given(cliOptions().folder);
    const auto webhook = given(cliOptions().webhook);
    if (int(cron.has_value()) + int(every.has_value()) + int(at.has_value()) +
            int(after.has_value()) + int(folder.has_value()) + int(webhook.has_value()) >
        1) {
        printErr(Command::tr("give one of --cron, --every, --at, --after, --folder and --webhook"));
        return ExitUsage;
    }
    changes.webhook = webhook;
    if (when && !after) {
        printErr(Command::tr("--when applies to --after"));
        return ExitUsage;
    }
    changes.after = after;
    changes.afterWhen = when;
    if (const int read = folderOptions(c, folder, changes); read != ExitOk)
        return read;
    const auto zone = given(cliOptions().timeZone);
    if (zone && !cron) {
        printErr(Command::tr("--tz applies to --cron"));
        return ExitUsage;
    }
    changes.schedule.cron = cron;
    changes.schedule.timeZone = zone;
    changes.schedule.at = at;
    if (every) {
        if (const int read = everyOption(*every, changes); read != ExitOk)
            return read;
    }
    if (const auto script = given(cliOptions().script)) {
        changes.script = contents(*script);
        if (!changes.script)
            return ExitUsage;
    }
    const auto promptFile = given(cliOptions().promptFile);
    changes.prompt = given(cliOptions().prompt);
    if (changes.prompt && promptFile) {
        printErr(Command::tr("give --prompt or --prompt-file, not both"));
        return ExitUsage;
    }
    changes.agentKind = given(cliOptions().agent);
    if (promptFile) {
        changes.prompt = contents(*promptFile);
        if (!changes.prompt)
            return ExitUsage;
    }
    changes.deviceWorkerId = given(cliOptions().deviceWorker);
    // --result-schema: the JSON, @file, or "none".
    if (const auto schema = given(cliOptions().resultSchema)) {
        std::optional<QString> text = *schema;
        if (*schema == u"none")
            changes.resultSchema = QJsonValue(QJsonValue::Null);
        else if (schema->startsWith(u'@'))
            text = contents(schema->mid(1));
        if (!text)
            return ExitUsage;
        if (!changes.resultSchema) {
            const QJsonDocument document = QJsonDocument::fromJson(text->toUtf8());
            if (!document.isObject()) {
                printErr(Command::tr("--result-schema must be a JSON object (a JSON Schema), "
                                     "@file or \"none\""));
                return ExitUsage;
            }
            changes.resultSchema = document.object();
        }
    }
    // --keep-runs/--keep-days: a number, or "default" for hearthd's own.
    for (auto [option, keep] : { std::pair { &cliOptions().keepRuns, &changes.keepRuns },
                                 std::pair { &cliOptions().keepDays, &changes.keepDays } }) {
        const auto text = given(*option);
        if (!text)
            continue;
        bool number = false;
        const int value = text->toInt(&number);
        if (!number && *text != u"default") {
            printErr(Command::tr("--%1 must be a number or \"default\", not \"%2\"")
                         .arg(option->names().constFirst(), *text));
            return ExitUsage;
        }
        *keep = number ? std::optional<int>(value) : std::nullopt;
    }
    if (creating && !changes.isCompleteForCreate()) {
        printErr(
            changes.isAgent()
                ? Command::tr(
                      "a new agent watcher needs --name, a schedule (--cron, "
                      "--every or --at), --after, --folder or --webhook, --agent and --prompt or "
                      "--prompt-file")
                : Command::tr("a new watcher needs --name, a schedule (--cron, --every or "
                              "--at), --after, --folder or --webhook, and --script (or --agent and "
                              "--prompt), "
                              "or a --file with them"));
        return ExitUsage;
    }
    if (!creating && changes.isEmpty()) {
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
    client::WatcherChanges changes;
    changes.enabled = enabled;
    const auto updated = c.api.call(client::api::updateWatcher(id, changes));
    if (!updated.ok())
        return c.reportFailure(updated.reply);
    return c.printReplyOr(
        updated.reply,
        (enabled ? Command::tr("enabled watcher %1") : Command::tr("disabled watcher %1")).arg(id));
}

// Pause all or Resume: the watchers it changed, or that nothing did.
int changeAllWatchers(const CommandContext &c, bool pause)
{
    const auto changed = c.api.call(pause ? client::api::pauseAll() : client::api::resumeAll());
    if (!changed.ok())
        return c.reportFailure(changed.reply);
    QStringList names;
    for (const client::Watcher &watcher : changed.value->items)
        names << watcher.spec.name;
    QString line;
    if (names.isEmpty())
        line = pause ? Command::tr("no watcher is enabled: nothing paused")
                     : Command::tr("no watcher is paused: nothing resumed");
    else
        line = (pause ? Command::tr("paused %n watcher(s): %1", nullptr, int(names.size()))
                      : Command::tr("resumed %n watcher(s): %1", nullptr, int(names.size())))
                   .arg(names.join(QStringLiteral(", ")));
    return c.printReplyOr(changed.reply, line);
}

// FIELD/VALUE rows of everything a watcher's settings say.
QList<QStringList> watcherRows(const client::Watcher &watcher)
{
    const scheduler::WatcherSpec &spec = watcher.spec;
    const auto number = [](qint64 value) {
        return QString::number(value);
    };
    QList<QStringList> rows {
        { QStringLiteral("id"), watcher.id },
        { QStringLiteral("name"), spec.name },
        { QStringLiteral("kind"), scheduler::watcherKindName(spec.kind()) },
        { QStringLiteral("schedule"), client::format::startsWhen(spec) },
        { QStringLiteral("enabled"),
          spec.enabled ? QStringLiteral("true") : QStringLiteral("false") },
        { QStringLiteral("next_run_at"), cell(watcher.nextRunAt) },
        { QStringLiteral("last_fired_at"), cell(watcher.lastFiredAt) },
        { QStringLiteral("timeout_s"), number(spec.timeoutMs() / 1000) },
        { QStringLiteral("max_attempts"), number(spec.maxAttempts) },
        { QStringLiteral("concurrency"), scheduler::concurrencyName(spec.concurrency) },
        { QStringLiteral("catch_up"), scheduler::catchUpName(spec.catchUp) },
        { QStringLiteral("created_at"), cell(watcher.createdAt) },
        { QStringLiteral("created_by"), cell(watcher.createdBy) },
        { QStringLiteral("updated_at"), cell(watcher.updatedAt) },
        { QStringLiteral("updated_by"), cell(watcher.updatedBy) },
        { QStringLiteral("approval"), approvalName(watcher.approval) },
    };
    if (watcher.awaitsApproval()) {
        rows.append({ QStringLiteral("approval_requested_by"), cell(watcher.approvalRequestedBy) });
        rows.append(
            { QStringLiteral("enables_on_approval"),
              watcher.enablesOnApproval ? QStringLiteral("true") : QStringLiteral("false") });
    }
    rows.append({ QStringLiteral("approved_by"), cell(watcher.approvedBy) });
    rows.append({ QStringLiteral("revision"), watcher.revision });
    if (const scheduler::LuaTask *lua = spec.lua()) {
        rows.append({ QStringLiteral("limits.instructions"), number(lua->limits.instructions) });
        rows.append({ QStringLiteral("limits.memory_bytes"), number(lua->limits.memoryBytes) });
    }
    if (const scheduler::AgentTask *agent = spec.agent()) {
        rows.append({ QStringLiteral("agent_kind"), agent->agentKind });
        rows.append(
            { QStringLiteral("device_worker_id"),
              cell(agent->deviceWorkerId ? QString::number(*agent->deviceWorkerId) : QString()) });
        rows.append({ QStringLiteral("workdir"), cell(agent->workdir) });
        rows.append(
            { QStringLiteral("result_schema"),
              cell(agent->resultSchema.isEmpty()
                       ? QString()
                       : QString::fromUtf8(
                             QJsonDocument(agent->resultSchema).toJson(QJsonDocument::Compact))) });
    }
    rows.append({ QStringLiteral("backoff.base_s"), number(spec.backoffBaseSeconds) });
    rows.append({ QStringLiteral("backoff.max_s"), number(spec.backoffMaxSeconds) });
    rows.append({ QStringLiteral("notify.daily_budget"), number(spec.notifyDailyBudget) });
    rows.append({ QStringLiteral("notify.min_interval_s"), number(spec.notifyMinIntervalSeconds) });
    rows.append(
        { QStringLiteral("notify.policy"), scheduler::notifyPolicyName(spec.notifyPolicy) });
    // Empty: as hearthd keeps them (--keep-runs-per-watcher, --run-retention-days).
    const auto own = [&number](const std::optional<int> &keep) {
        return keep ? number(*keep) : cell(QString());
    };
    rows.append({ QStringLiteral("history.keep_runs"), own(spec.history.keepRuns) });
    rows.append({ QStringLiteral("history.keep_days"), own(spec.history.keepDays) });
    return rows;
}

} // namespace

WatchersListCommand::WatchersListCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("ls") }, {},
              tr("List watchers with their schedule and next run."), 0, {})
{
}

int WatchersListCommand::execute(const CommandContext &c) const
{
    const auto watchers = c.api.collect<client::Watcher>(&client::api::watchers);
    if (watchers.failure)
        return c.reportFailure(*watchers.failure);
    QList<QStringList> rows;
    for (const client::Watcher &watcher : watchers.items) {
        rows.append({ watcher.id, watcher.spec.name,
                      scheduler::watcherKindName(watcher.spec.kind()),
                      client::format::startsWhen(watcher.spec),
                      watcher.awaitsApproval()   ? tr("awaiting approval")
                          : watcher.spec.enabled ? tr("yes")
                                                 : tr("no"),
                      cell(watcher.nextRunAt) });
    }
    return c.printJsonOrTable(
        watchers.json,
        { tr("ID"), tr("NAME"), tr("KIND"), tr("SCHEDULE"), tr("ENABLED"), tr("NEXT RUN") }, rows);
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
    const auto watcher = c.api.call(client::api::watcher(id));
    if (!watcher.ok())
        return c.reportFailure(watcher.reply);
    if (c.json) {
        printRaw(watcher.reply.body);
        return ExitOk;
    }
    printTable({ tr("FIELD"), tr("VALUE") }, watcherRows(*watcher.value));
    printOut(QString());
    const scheduler::WatcherSpec &spec = watcher.value->spec;
    printOut(spec.lua() ? spec.lua()->script : spec.agent()->prompt);
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
    client::WatcherChanges changes;
    if (const int built = watcherChangesFromOptions(c, changes, true); built != ExitOk)
        return built;
    return createWatcher(c, changes);
}

WatchCommand::WatchCommand()
    : Command({ QStringLiteral("watch") }, QStringLiteral("URL"),
              tr("Watch a page, a part of it (--selector), a JSON API (--jq) or a feed (--feed) "
                 "from a template, every 15 minutes unless --every says otherwise."),
              1,
              { cliOptions().selector, cliOptions().jq, cliOptions().feed, cliOptions().every,
                cliOptions().name })
{
}

int WatchCommand::execute(const CommandContext &c) const
{
    const bool selector = c.isSet(cliOptions().selector);
    const bool jq = c.isSet(cliOptions().jq);
    const bool feed = c.isSet(cliOptions().feed);
    if (int(selector) + int(jq) + int(feed) > 1) {
        printErr(tr("give one of --selector, --jq and --feed"));
        return ExitUsage;
    }
    QJsonObject params { { QStringLiteral("url"), c.arguments.at(0) } };
    QString recipe = QStringLiteral("page_change");
    if (selector) {
        params.insert(QStringLiteral("selector"), c.value(cliOptions().selector));
    } else if (jq) {
        recipe = QStringLiteral("json_api_change");
        params.insert(QStringLiteral("jq"), c.value(cliOptions().jq));
    } else if (feed) {
        recipe = QStringLiteral("feed");
    }
    client::WatcherChanges changes;
    changes.document = { { QStringLiteral("template"), recipe },
                         { QStringLiteral("params"), params } };
    if (c.isSet(cliOptions().name))
        changes.name = c.value(cliOptions().name);
    if (c.isSet(cliOptions().every)) {
        if (const int read = everyOption(c.value(cliOptions().every), changes); read != ExitOk)
            return read;
    }
    return createWatcher(c, changes);
}

WatchersEditCommand::WatchersEditCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("edit") }, QStringLiteral("WATCHER"),
              tr("Change a watcher's fields (the same options as add)."), 1,
              cliOptions().watcherFields())
{
}

int WatchersEditCommand::execute(const CommandContext &c) const
{
    client::WatcherChanges changes;
    if (const int built = watcherChangesFromOptions(c, changes, false); built != ExitOk)
        return built;
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    if (changes.changesHistory()) {
        const auto current = c.api.call(client::api::watcher(id));
        if (!current.ok())
            return c.reportFailure(current.reply);
        changes.completeHistory(current.value->spec.history);
    }
    const auto updated = c.api.call(client::api::updateWatcher(id, changes));
    if (!updated.ok())
        return c.reportFailure(updated.reply);
    return c.printReplyOr(updated.reply, tr("updated watcher %1").arg(id));
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
    const auto deleted = c.api.call(client::api::deleteWatcher(id));
    if (!deleted.ok())
        return c.reportFailure(deleted.reply);
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

namespace {

// FIELD/VALUE rows of what a watcher reaches.
QList<QStringList> reachRows(const client::Reach &reach)
{
    const auto list = [](const QStringList &items, bool more, const QString &moreText) {
        QStringList shown = items;
        if (more)
            shown.append(moreText);
        return cell(shown.join(QStringLiteral(", ")));
    };
    const auto yesNo = [](bool value) {
        return value ? QStringLiteral("true") : QStringLiteral("false");
    };
    QList<QStringList> rows {
        { QStringLiteral("reach.domains"),
          list(reach.domains, reach.urlsBuiltAtRunTime, Command::tr("URLs built at run time")) },
        { QStringLiteral("reach.secrets"),
          list(reach.secrets, reach.secretsNamedAtRunTime,
               Command::tr("secrets named at run time")) },
        { QStringLiteral("reach.sends_email"), yesNo(reach.sendsEmail) },
        { QStringLiteral("reach.channels"),
          reach.channels ? cell(reach.channels->join(QStringLiteral(", ")))
                         : Command::tr("the default channels") },
    };
    if (!reach.agentProfile.isEmpty()) {
        rows.append({ QStringLiteral("reach.agent_profile"), reach.agentProfile });
        rows.append({ QStringLiteral("reach.device_worker_id"), cell(reach.deviceWorkerId) });
        rows.append({ QStringLiteral("reach.workdir"), cell(reach.workdir) });
    }
    if (!reach.folder.isEmpty())
        rows.append({ QStringLiteral("reach.folder"), reach.folder });
    if (reach.webhook)
        rows.append({ QStringLiteral("reach.webhook"), yesNo(true) });
    if (!reach.after.isEmpty())
        rows.append({ QStringLiteral("reach.after"), reach.after });
    return rows;
}

// Approve or reject: the revision given, or the one stored now.
int decide(const CommandContext &c, bool approve)
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const QString revision = c.value(cliOptions().revision);
    if (approve) {
        const auto approved = c.api.call(client::api::approveWatcher(id, revision));
        if (!approved.ok())
            return c.reportFailure(approved.reply);
        const client::Watcher &watcher = *approved.value;
        return c.printReplyOr(approved.reply,
                              (watcher.spec.enabled ? Command::tr("approved watcher %1: enabled")
                                                    : Command::tr("approved watcher %1: left "
                                                                  "disabled"))
                                  .arg(watcher.spec.name));
    }
    const auto rejected = c.api.call(client::api::rejectWatcher(id, revision));
    if (!rejected.ok())
        return c.reportFailure(rejected.reply);
    const std::optional<client::Watcher> &restored = rejected.value->restored;
    return c.printReplyOr(rejected.reply,
                          restored ? Command::tr("rejected the change: watcher %1 is as approved "
                                                 "before")
                                         .arg(restored->spec.name)
                                   : Command::tr("rejected new watcher %1: deleted").arg(id));
}

} // namespace

ReviewCommand::ReviewCommand()
    : Command({ QStringLiteral("review") }, QStringLiteral("WATCHER"),
              tr("Show what a watcher reaches and, if a change made over MCP awaits approval, "
                 "what it changes."),
              1, {})
{
}

int ReviewCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const auto review = c.api.call(client::api::watcherReview(id));
    if (!review.ok())
        return c.reportFailure(review.reply);
    if (c.json) {
        printRaw(review.reply.body);
        return ExitOk;
    }
    const client::Watcher &watcher = review.value->watcher;
    QList<QStringList> rows {
        { QStringLiteral("name"), watcher.spec.name },
        { QStringLiteral("approval"), approvalName(watcher.approval) },
        { QStringLiteral("revision"), watcher.revision },
    };
    if (watcher.awaitsApproval()) {
        rows.append({ QStringLiteral("approval_requested_by"), cell(watcher.approvalRequestedBy) });
        rows.append(
            { QStringLiteral("enables_on_approval"),
              watcher.enablesOnApproval ? QStringLiteral("true") : QStringLiteral("false") });
        rows.append({ QStringLiteral("replaces"),
                      review.value->approved ? review.value->approved->name
                                             : tr("nothing (a new watcher)") });
    }
    rows.append(reachRows(review.value->reach));
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    if (watcher.awaitsApproval()) {
        printOut(QString());
        printOut(review.value->changes.trimmed());
    }
    return ExitOk;
}

ApproveCommand::ApproveCommand()
    : Command({ QStringLiteral("approve") }, QStringLiteral("WATCHER"),
              tr("Approve a change made over MCP: the watcher runs as changed (enabled if the "
                 "change asked to be)."),
              1, { cliOptions().revision })
{
}

int ApproveCommand::execute(const CommandContext &c) const
{
    return decide(c, true);
}

RejectCommand::RejectCommand()
    : Command({ QStringLiteral("reject") }, QStringLiteral("WATCHER"),
              tr("Reject a change made over MCP: the watcher is restored as approved before (a "
                 "new one is deleted)."),
              1, { cliOptions().revision })
{
}

int RejectCommand::execute(const CommandContext &c) const
{
    return decide(c, false);
}

WatchersRunCommand::WatchersRunCommand()
    : Command({ QStringLiteral("watchers"), QStringLiteral("run") }, QStringLiteral("WATCHER"),
              tr("Run a watcher now; prints the new run."), 1, { cliOptions().event })
{
}

int WatchersRunCommand::execute(const CommandContext &c) const
{
    return runWithEvent(c);
}

FireCommand::FireCommand()
    : Command({ QStringLiteral("fire") }, QStringLiteral("WATCHER"),
              tr("Start a watcher from a script or a git hook, with an event (as watchers run); "
                 "prints the new run."),
              1, { cliOptions().event })
{
}

int FireCommand::execute(const CommandContext &c) const
{
    return runWithEvent(c);
}

} // namespace hearth::cli
