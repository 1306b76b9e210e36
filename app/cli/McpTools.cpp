// hearth mcp: its tools, each a use case of the API through the typed client.
#include "McpServer.h"
#include "client/worker/AgentProfile.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::cli {

namespace {

QJsonObject property(const char *type, const QString &description)
{
    QJsonObject json { { QStringLiteral("description"), description } };
    if (type)
        json.insert(QStringLiteral("type"), QLatin1String(type));
    return json;
}

QJsonObject withEnum(QJsonObject json, const QStringList &choices)
{
    json.insert(QStringLiteral("enum"), QJsonArray::fromStringList(choices));
    return json;
}

QJsonObject objectSchema(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject schema { { QStringLiteral("type"), QStringLiteral("object") },
                         { QStringLiteral("properties"), properties },
                         { QStringLiteral("additionalProperties"), false } };
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

// What a tool answers: an object with these properties (more may come).
QJsonObject outputOf(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject schema { { QStringLiteral("type"), QStringLiteral("object") },
                         { QStringLiteral("properties"), properties } };
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

QJsonObject listOutput(const QString &what)
{
    return outputOf({ { QStringLiteral("items"),
                        QJsonObject { { QStringLiteral("type"), QStringLiteral("array") },
                                      { QStringLiteral("description"), what },
                                      { QStringLiteral("items"),
                                        QJsonObject { { QStringLiteral("type"),
                                                        QStringLiteral("object") } } } } } },
                    { QStringLiteral("items") });
}

// A reply's JSON object as the result (204: {"done": true}).
McpToolResult fromReply(const client::ApiReply &reply)
{
    if (!reply.isSuccess())
        return { {}, failureText(reply) };
    if (reply.body.trimmed().isEmpty())
        return { { { QStringLiteral("done"), true } }, {} };
    return { QJsonDocument::fromJson(reply.body).object(), {} };
}

template<typename T> McpToolResult fromAnswer(const client::Answer<T> &answer)
{
    return answer.ok() ? fromReply(answer.reply) : McpToolResult { {}, failureText(answer.reply) };
}

template<typename T> McpToolResult fromCollected(const client::HearthApi::Collected<T> &collected)
{
    if (collected.failure)
        return { {}, failureText(*collected.failure) };
    return { QJsonDocument::fromJson(collected.json).object(), {} };
}

QString text(const QJsonObject &arguments, const char *name)
{
    return arguments.value(QLatin1String(name)).toString();
}

// A watcher's id from its id or name; the problem otherwise (naming the
// argument).
QString resolveWatcher(const CommandContext &c, const QString &reference, QString &id)
{
    const WatcherLookup found = lookUpWatcher(c.api, reference);
    id = found.id;
    if (found.problem.isEmpty() || found.failure)
        return found.problem;
    return QStringLiteral("watcher: ") + found.problem;
}

// Destructive tools act only with confirm: true.
QString unconfirmed(const QJsonObject &arguments, const QString &what)
{
    if (arguments.value(QStringLiteral("confirm")).toBool())
        return {};
    return McpServer::tr("confirm: must be true to %1").arg(what);
}

const QString WatcherArgument = QStringLiteral("The watcher's id or name.");

QJsonObject confirmArgument()
{
    return property("boolean", McpServer::tr("Must be true: this cannot be undone."));
}

// Whose key-value store the kv tools reach: hearthd's global one, or (the
// run-scoped server's) the run's watcher's, through the run token.
struct KvReach
{
    QByteArray runToken; // empty: the global store

    client::api::KvStore store() const
    {
        return runToken.isEmpty() ? client::api::KvStore::Global : client::api::KvStore::OfRun;
    }
    // An operation as this reach sends it.
    template<typename T> client::Operation<T> sent(client::Operation<T> operation) const
    {
        return runToken.isEmpty() ? operation : client::withToken(std::move(operation), runToken);
    }
};

void addKvTools(QList<McpTool> &tools, const KvReach &reach)
{
    using Args = const QJsonObject &;
    using Ctx = const CommandContext &;
    const bool ofRun = reach.store() == client::api::KvStore::OfRun;
    const QString store = ofRun ? McpServer::tr("this watcher's key-value store")
                                : McpServer::tr("hearthd's key-value store");
    const QString kept = ofRun
        ? McpServer::tr("what its script keeps with kv.set; kept between runs")
        : McpServer::tr("what scripts keep with kv.global");
    const QJsonObject keyArg = property("string", McpServer::tr("The key."));
    tools.append({ QStringLiteral("kv_get"), McpServer::tr("Read a stored value"),
                   McpServer::tr("A value of %1 (%2).").arg(store, kept),
                   objectSchema({ { QStringLiteral("key"), keyArg } }, { QStringLiteral("key") }),
                   outputOf({ { QStringLiteral("key"), property("string", {}) },
                              { QStringLiteral("value"), property(nullptr, {}) } },
                            { QStringLiteral("key") }),
                   true, false, true, [reach](Ctx c, Args a) {
                       return fromAnswer(c.api.call(
                           reach.sent(client::api::kvValue(text(a, "key"), reach.store()))));
                   } });
    tools.append(
        { QStringLiteral("kv_list"), McpServer::tr("List stored keys"),
          McpServer::tr("The keys of %1 (no values), optionally by prefix.").arg(store),
          objectSchema(
              { { QStringLiteral("prefix"),
                  property("string", McpServer::tr("Only keys that start with this.")) } }),
          listOutput(McpServer::tr("The keys")), true, false, true, [reach](Ctx c, Args a) {
              const QString prefix = text(a, "prefix");
              return fromCollected(
                  c.api.collect<client::KvEntry>([&prefix, &reach](const QString &cursor) {
                      return reach.sent(client::api::kvKeys(prefix, cursor, reach.store()));
                  }));
          } });
    tools.append(
        { QStringLiteral("kv_set"), McpServer::tr("Store a value"),
          McpServer::tr("Sets a key of %1 to any JSON value.").arg(store),
          objectSchema(
              { { QStringLiteral("key"), keyArg },
                { QStringLiteral("value"), property(nullptr, McpServer::tr("Any JSON value.")) } },
              { QStringLiteral("key"), QStringLiteral("value") }),
          outputOf({ { QStringLiteral("key"), property("string", {}) } }), false, false, true,
          [reach](Ctx c, Args a) {
              const QJsonValue value = a.value(QStringLiteral("value"));
              QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
              json = json.mid(1, json.size() - 2); // the value alone, whatever its type
              const auto written = c.api.call(
                  reach.sent(client::api::setKvValue(text(a, "key"), json, reach.store())));
              if (!written.ok())
                  return McpToolResult { {}, failureText(written.reply) };
              return McpToolResult { { { QStringLiteral("key"), text(a, "key") },
                                       { QStringLiteral("written"),
                                         *written.value == client::Written::Created
                                             ? QStringLiteral("created")
                                             : QStringLiteral("updated") } },
                                     {} };
          } });
    tools.append({ QStringLiteral("kv_delete"), McpServer::tr("Delete a stored value"),
                   McpServer::tr("Deletes a key of %1 (confirm: true).").arg(store),
                   objectSchema({ { QStringLiteral("key"), keyArg },
                                  { QStringLiteral("confirm"), confirmArgument() } },
                                { QStringLiteral("key"), QStringLiteral("confirm") }),
                   outputOf({ { QStringLiteral("done"), property("boolean", {}) } }), false, true,
                   true, [reach](Ctx c, Args a) {
                       if (QString problem = unconfirmed(a, McpServer::tr("delete the key"));
                           !problem.isEmpty())
                           return McpToolResult { {}, problem };
                       return fromAnswer(c.api.call(
                           reach.sent(client::api::removeKvValue(text(a, "key"), reach.store()))));
                   } });
}

} // namespace

McpToolResult findWatcher(const CommandContext &context, const QString &reference)
{
    QString id;
    if (QString problem = resolveWatcher(context, reference, id); !problem.isEmpty())
        return { {}, problem };
    return fromAnswer(context.api.call(client::api::watcher(id)));
}

QList<McpTool> mcpTools()
{
    using Args = const QJsonObject &;
    using Ctx = const CommandContext &;
    const QJsonObject watcherArg = property("string", WatcherArgument);
    const QJsonObject runArg = property("string", McpServer::tr("The run's id."));
    const QJsonObject confirmArg = confirmArgument();
    const QJsonObject anyObject { { QStringLiteral("type"), QStringLiteral("object") } };
    const QStringList runStatuses { QStringLiteral("pending"),   QStringLiteral("running"),
                                    QStringLiteral("succeeded"), QStringLiteral("failed"),
                                    QStringLiteral("dead"),      QStringLiteral("cancelled"),
                                    QStringLiteral("skipped") };

    QList<McpTool> tools;
    const auto add = [&tools](McpTool tool) {
        tools.append(std::move(tool));
    };

    add({ QStringLiteral("status"), McpServer::tr("Runtime status"),
          McpServer::tr("hearthd's version, uptime, database size, watcher counts, the secrets' "
                        "key state and the device workers."),
          objectSchema({}),
          outputOf({ { QStringLiteral("version"), property("string", {}) },
                     { QStringLiteral("counts"),
                       property("object",
                                McpServer::tr("Watchers enabled and paused, KV keys, "
                                              "secrets")) },
                     { QStringLiteral("secrets"),
                       property("object", McpServer::tr("The master key's state")) } },
                   { QStringLiteral("version") }),
          true, false, true, [](Ctx c, Args) {
              return fromAnswer(c.api.call(client::api::status()));
          } });

    add({ QStringLiteral("list_watchers"), McpServer::tr("List watchers"),
          McpServer::tr("Every watcher with its schedule, kind, limits and next run (Lua scripts "
                        "left out: get_watcher has them)."),
          objectSchema({}), listOutput(McpServer::tr("The watchers, by id")), true, false, true,
          [](Ctx c, Args) {
              return fromCollected(c.api.collect<client::Watcher>(&client::api::watchers));
          } });

    add({ QStringLiteral("get_watcher"), McpServer::tr("Get a watcher"),
          McpServer::tr("One watcher with its script or prompt."),
          objectSchema({ { QStringLiteral("watcher"), watcherArg } },
                       { QStringLiteral("watcher") }),
          outputOf({ { QStringLiteral("id"), property("string", {}) },
                     { QStringLiteral("name"), property("string", {}) } },
                   { QStringLiteral("id"), QStringLiteral("name") }),
          true, false, true, [](Ctx c, Args a) {
              return findWatcher(c, text(a, "watcher"));
          } });

    add({ QStringLiteral("list_runs"), McpServer::tr("List runs"),
          McpServer::tr("Runs, newest first: status, trigger, times, result, error."),
          objectSchema({ { QStringLiteral("watcher"),
                           property("string", McpServer::tr("Only this watcher's (id or name).")) },
                         { QStringLiteral("status"),
                           withEnum(property("string", McpServer::tr("Only runs in this state.")),
                                    runStatuses) },
                         { QStringLiteral("limit"),
                           property("integer",
                                    McpServer::tr("At most this many (1-1000, "
                                                  "default 50).")) } }),
          outputOf({ { QStringLiteral("items"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") } } },
                     { QStringLiteral("next"),
                       property(nullptr,
                                McpServer::tr("The cursor of "
                                              "older runs")) } },
                   { QStringLiteral("items") }),
          true, false, true, [](Ctx c, Args a) {
              client::RunQuery query;
              if (a.contains(QStringLiteral("watcher"))) {
                  if (QString problem = resolveWatcher(c, text(a, "watcher"), query.watcherId);
                      !problem.isEmpty())
                      return McpToolResult { {}, problem };
              }
              query.status = text(a, "status");
              if (a.contains(QStringLiteral("limit")))
                  query.limit = QString::number(a.value(QStringLiteral("limit")).toInteger());
              return fromAnswer(c.api.call(client::api::runs(query)));
          } });

    add({ QStringLiteral("get_run"), McpServer::tr("Get a run"),
          McpServer::tr("One run with its result, error, output and the tail of its log."),
          objectSchema({ { QStringLiteral("run"), runArg },
                         { QStringLiteral("log_lines"),
                           property("integer",
                                    McpServer::tr("How many of the last log lines "
                                                  "(0-1000, default 50).")) } },
                       { QStringLiteral("run") }),
          outputOf({ { QStringLiteral("id"), property("string", {}) },
                     { QStringLiteral("status"), property("string", {}) },
                     { QStringLiteral("log_tail"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") } } } },
                   { QStringLiteral("id"), QStringLiteral("status"), QStringLiteral("log_tail") }),
          true, false, true, [](Ctx c, Args a) {
              const qint64 tail = a.value(QStringLiteral("log_lines")).toInteger(50);
              if (tail < 0 || tail > 1000)
                  return McpToolResult { {}, McpServer::tr("log_lines: must be 0 to 1000") };
              McpToolResult run = fromAnswer(c.api.call(client::api::run(text(a, "run"))));
              if (!run.error.isEmpty())
                  return run;
              const auto log = c.api.call(client::api::runLog(text(a, "run"), 0));
              if (!log.ok())
                  return McpToolResult { {}, failureText(log.reply) };
              QJsonArray lines;
              const QList<client::LogLine> &all = log.value->lines;
              for (qsizetype i = std::max<qsizetype>(0, all.size() - tail); i < all.size(); ++i)
                  lines.append(all.at(i).toJson());
              run.structured.insert(QStringLiteral("log_tail"), lines);
              return run;
          } });

    add({ QStringLiteral("list_notifications"), McpServer::tr("List notifications"),
          McpServer::tr("The notifications watchers raised, newest first."),
          objectSchema({ { QStringLiteral("unread_only"),
                           property("boolean", McpServer::tr("Only unread ones.")) },
                         { QStringLiteral("limit"),
                           property("integer", McpServer::tr("At most this many (1-1000).")) } }),
          listOutput(McpServer::tr("The notifications")), true, false, true, [](Ctx c, Args a) {
              const QString limit = a.contains(QStringLiteral("limit"))
                  ? QString::number(a.value(QStringLiteral("limit")).toInteger())
                  : QString();
              return fromAnswer(c.api.call(client::api::notifications(
                  a.value(QStringLiteral("unread_only")).toBool(), limit)));
          } });

    add({ QStringLiteral("preview_schedule"), McpServer::tr("Preview a schedule"),
          McpServer::tr("The next fire times of a schedule (one of cron, every_s, at), in UTC and "
                        "in its zone."),
          objectSchema(
              { { QStringLiteral("cron"),
                  property("string", McpServer::tr("A cron expression, like \"*/15 * * * *\".")) },
                { QStringLiteral("tz"),
                  property("string", McpServer::tr("The IANA zone the cron is read in.")) },
                { QStringLiteral("every_s"),
                  property("integer", McpServer::tr("An interval in seconds.")) },
                { QStringLiteral("at"),
                  property("string", McpServer::tr("One RFC 3339 instant.")) },
                { QStringLiteral("count"),
                  property("integer", McpServer::tr("How many (1-50, default 5).")) } }),
          outputOf({ { QStringLiteral("fires"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") },
                                     { QStringLiteral("description"),
                                       McpServer::tr("Each fire's instant in UTC and local "
                                                     "time") } } } },
                   { QStringLiteral("fires") }),
          true, false, true, [](Ctx c, Args a) {
              client::ScheduleQuery query;
              if (a.contains(QStringLiteral("cron")))
                  query.schedule.cron = text(a, "cron");
              if (a.contains(QStringLiteral("tz")))
                  query.schedule.timeZone = text(a, "tz");
              if (a.contains(QStringLiteral("every_s")))
                  query.schedule.everySeconds = a.value(QStringLiteral("every_s")).toInteger();
              if (a.contains(QStringLiteral("at")))
                  query.schedule.at = text(a, "at");
              if (a.contains(QStringLiteral("count")))
                  query.count = int(a.value(QStringLiteral("count")).toInteger());
              return fromAnswer(c.api.call(client::api::previewSchedule(query)));
          } });

    add({ QStringLiteral("list_templates"), McpServer::tr("List templates"),
          McpServer::tr("The watcher templates (page change, value watch, feed, JSON API change, "
                        "site up/down) with their parameters' JSON Schema, for create_watcher's "
                        "{\"template\", \"params\"}."),
          objectSchema({}), listOutput(McpServer::tr("The templates")), true, false, true,
          [](Ctx c, Args) {
              return fromAnswer(c.api.call(client::api::templates()));
          } });

    addKvTools(tools, {});

    add({ QStringLiteral("list_secret_names"), McpServer::tr("List secret names"),
          McpServer::tr("The names of the stored secrets (scripts read them with secrets.get); "
                        "never their values."),
          objectSchema({}), listOutput(McpServer::tr("The secrets' names and dates")), true, false,
          true, [](Ctx c, Args) {
              return fromCollected(c.api.collect<client::SecretInfo>(&client::api::secrets));
          } });

    add({ QStringLiteral("script_test"), McpServer::tr("Test a Lua script"),
          McpServer::tr("Runs a draft Lua script once in the sandbox with an event, and answers "
                        "its result, logs, error, resource use and the notifications it would "
                        "send (sent nowhere); creates no run."),
          objectSchema(
              { { QStringLiteral("source"),
                  property("string",
                           McpServer::tr("The Lua "
                                         "script.")) },
                { QStringLiteral("event"),
                  QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                                { QStringLiteral("description"),
                                  McpServer::tr("What the script sees as ctx.event.") } } } },
              { QStringLiteral("source") }),
          outputOf({ { QStringLiteral("status"),
                       withEnum(property("string", {}),
                                { QStringLiteral("succeeded"), QStringLiteral("failed") }) },
                     { QStringLiteral("result"), property(nullptr, {}) },
                     { QStringLiteral("logs"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") } } } },
                   { QStringLiteral("status") }),
          true, false, false, [](Ctx c, Args a) {
              return fromAnswer(c.api.call(client::api::runScript(
                  text(a, "source"), a.value(QStringLiteral("event")).toObject(), std::nullopt,
                  client::api::ScriptMode::Preview)));
          } });

    const QJsonObject validateArg =
        property("boolean", McpServer::tr("Only check it as saving would; store nothing."));
    add({ QStringLiteral("create_watcher"), McpServer::tr("Create a watcher"),
          McpServer::tr("Creates a watcher from its fields (name, schedule or trigger "
                        "{\"after\": watcher, \"when\": succeeded|changed|failed|notified} "
                        "or {\"path\": folder, \"recursive\", \"glob\", \"settle_ms\"} or "
                        "{\"webhook\": {\"verify\": standard|github|none}}, "
                        "script or kind \"agent\" with prompt (and result_schema, a JSON "
                        "Schema its result must match), limits, policies), or from "
                        "{\"template\", \"params\"} (see list_templates). validate_only checks "
                        "it first. The watcher is stored disabled, awaiting a person's approval "
                        "(approval: pending): it does not run until they approve it in the tray "
                        "or with `hearth approve NAME`, and then it is enabled unless you set "
                        "enabled: false."),
          objectSchema({ { QStringLiteral("watcher"),
                           QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                                         { QStringLiteral("description"),
                                           McpServer::tr("The watcher's fields, as the API "
                                                         "takes them.") } } },
                         { QStringLiteral("validate_only"), validateArg } },
                       { QStringLiteral("watcher") }),
          anyObject, false, false, false, [](Ctx c, Args a) {
              client::WatcherChanges changes;
              changes.document = a.value(QStringLiteral("watcher")).toObject();
              if (a.value(QStringLiteral("validate_only")).toBool())
                  return fromAnswer(c.api.call(client::api::validateNewWatcher(changes)));
              return fromAnswer(c.api.call(client::api::createWatcher(changes)));
          } });
    add({ QStringLiteral("update_watcher"), McpServer::tr("Change a watcher"),
          McpServer::tr("Changes the fields given (the rest stay). validate_only checks it "
                        "first. The change awaits a person's approval, as a new watcher does: "
                        "until then the watcher is disabled and its queued runs wait; if they "
                        "reject it, the version approved before comes back."),
          objectSchema({ { QStringLiteral("watcher"), watcherArg },
                         { QStringLiteral("changes"),
                           QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                                         { QStringLiteral("description"),
                                           McpServer::tr("The fields to change.") } } },
                         { QStringLiteral("validate_only"), validateArg } },
                       { QStringLiteral("watcher"), QStringLiteral("changes") }),
          anyObject, false, false, true, [](Ctx c, Args a) {
              QString id;
              if (QString problem = resolveWatcher(c, text(a, "watcher"), id); !problem.isEmpty())
                  return McpToolResult { {}, problem };
              client::WatcherChanges changes;
              changes.document = a.value(QStringLiteral("changes")).toObject();
              if (a.value(QStringLiteral("validate_only")).toBool())
                  return fromAnswer(c.api.call(client::api::validateWatcherChanges(id, changes)));
              return fromAnswer(c.api.call(client::api::updateWatcher(id, changes)));
          } });

    const QJsonObject runOutput = outputOf({ { QStringLiteral("id"), property("string", {}) },
                                             { QStringLiteral("status"), property("string", {}) } },
                                           { QStringLiteral("id"), QStringLiteral("status") });
    add({ QStringLiteral("run_watcher"), McpServer::tr("Run a watcher now"),
          McpServer::tr("Starts a run now with an event (ctx.event); answers the new run "
                        "(get_run follows it)."),
          objectSchema({ { QStringLiteral("watcher"), watcherArg },
                         { QStringLiteral("event"),
                           QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                                         { QStringLiteral("description"),
                                           McpServer::tr("What the run sees as ctx.event.") } } } },
                       { QStringLiteral("watcher") }),
          runOutput, false, false, false, [](Ctx c, Args a) {
              QString id;
              if (QString problem = resolveWatcher(c, text(a, "watcher"), id); !problem.isEmpty())
                  return McpToolResult { {}, problem };
              return fromAnswer(c.api.call(
                  client::api::runWatcher(id, a.value(QStringLiteral("event")).toObject())));
          } });
    add({ QStringLiteral("retry_run"), McpServer::tr("Retry a run"),
          McpServer::tr("A new attempt of a failed or dead run, due now."),
          objectSchema({ { QStringLiteral("run"), runArg } }, { QStringLiteral("run") }), runOutput,
          false, false, false, [](Ctx c, Args a) {
              return fromAnswer(c.api.call(client::api::retryRun(text(a, "run"))));
          } });
    add({ QStringLiteral("cancel_run"), McpServer::tr("Cancel a run"),
          McpServer::tr("Cancels a pending or running run (confirm: true)."),
          objectSchema(
              { { QStringLiteral("run"), runArg }, { QStringLiteral("confirm"), confirmArg } },
              { QStringLiteral("run"), QStringLiteral("confirm") }),
          runOutput, false, true, true, [](Ctx c, Args a) {
              if (QString problem = unconfirmed(a, McpServer::tr("cancel the run"));
                  !problem.isEmpty())
                  return McpToolResult { {}, problem };
              return fromAnswer(c.api.call(client::api::cancelRun(text(a, "run"))));
          } });

    add({ QStringLiteral("list_snapshots"), McpServer::tr("List a watcher's snapshots"),
          McpServer::tr("What a watcher kept of what it saw (snapshot.save), newest first."),
          objectSchema({ { QStringLiteral("watcher"), watcherArg } },
                       { QStringLiteral("watcher") }),
          listOutput(McpServer::tr("The snapshots")), true, false, true, [](Ctx c, Args a) {
              QString id;
              if (QString problem = resolveWatcher(c, text(a, "watcher"), id); !problem.isEmpty())
                  return McpToolResult { {}, problem };
              return fromAnswer(c.api.call(client::api::snapshots(id, {})));
          } });
    add({ QStringLiteral("diff_snapshots"), McpServer::tr("What changed between snapshots"),
          McpServer::tr("The difference between two of a watcher's snapshots (default: the two "
                        "newest): added and removed lines (or words) and a unified diff."),
          objectSchema({ { QStringLiteral("watcher"), watcherArg },
                         { QStringLiteral("from"),
                           property("string",
                                    McpServer::tr("The older snapshot's "
                                                  "id.")) },
                         { QStringLiteral("to"),
                           property("string",
                                    McpServer::tr("The newer snapshot's "
                                                  "id.")) },
                         { QStringLiteral("by"),
                           withEnum(property("string",
                                             McpServer::tr("Compare lines "
                                                           "(default) or "
                                                           "words.")),
                                    { QStringLiteral("lines"), QStringLiteral("words") }) } },
                       { QStringLiteral("watcher") }),
          outputOf({ { QStringLiteral("changed"), property("boolean", {}) },
                     { QStringLiteral("added"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") } } },
                     { QStringLiteral("removed"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("array") } } } },
                   { QStringLiteral("changed") }),
          true, false, true, [](Ctx c, Args a) {
              QString id;
              if (QString problem = resolveWatcher(c, text(a, "watcher"), id); !problem.isEmpty())
                  return McpToolResult { {}, problem };
              QString from = text(a, "from");
              QString to = text(a, "to");
              if (from.isEmpty() != to.isEmpty())
                  return McpToolResult { {}, McpServer::tr("from, to: give both or neither") };
              if (from.isEmpty()) {
                  const auto listed = c.api.call(client::api::snapshots(id, {}));
                  if (!listed.ok())
                      return McpToolResult { {}, failureText(listed.reply) };
                  if (listed.value->items.size() < 2)
                      return McpToolResult { {},
                                             McpServer::tr("watcher: fewer than two "
                                                           "snapshots to compare") };
                  to = listed.value->items.at(0).id;
                  from = listed.value->items.at(1).id;
              }
              const QString by =
                  a.contains(QStringLiteral("by")) ? text(a, "by") : QStringLiteral("lines");
              return fromAnswer(c.api.call(client::api::snapshotDiff(id, from, to, by)));
          } });
    return tools;
}

QList<McpTool> runScopedMcpTools(const QByteArray &runToken)
{
    using Args = const QJsonObject &;
    using Ctx = const CommandContext &;
    QList<McpTool> tools;
    const KvReach reach { runToken };
    addKvTools(tools, reach);
    const QStringList levels { QStringLiteral("info"), QStringLiteral("warning"),
                               QStringLiteral("error") };
    tools.append(
        { QStringLiteral("notify"), McpServer::tr("Notify the user"),
          McpServer::tr("Raises a notification on this machine (and the watcher's channels), as "
                        "the watcher: held back, with an error saying until when, within the "
                        "watcher's notification cooldown or over its notifications per day."),
          objectSchema(
              { { QStringLiteral("title"), property("string", McpServer::tr("A short title.")) },
                { QStringLiteral("body"),
                  property("string", McpServer::tr("The text (optional).")) },
                { QStringLiteral("level"),
                  withEnum(property("string", McpServer::tr("Default info.")), levels) } },
              { QStringLiteral("title") }),
          outputOf({ { QStringLiteral("notification"),
                       QJsonObject { { QStringLiteral("type"), QStringLiteral("object") } } } },
                   { QStringLiteral("notification") }),
          false, false, false, [runToken](Ctx c, Args a) {
              const NotificationLevel level =
                  notificationLevelFromName(text(a, "level")).value_or(NotificationLevel::Info);
              return fromAnswer(c.api.call(client::withToken(
                  client::api::notifyFromRun(level, text(a, "title"), text(a, "body")), runToken)));
          } });
    tools.append(
        { QStringLiteral("log"), McpServer::tr("Write to the run's log"),
          McpServer::tr("Adds a line to this run's log, which the user reads with the run."),
          objectSchema(
              { { QStringLiteral("message"), property("string", McpServer::tr("The line.")) },
                { QStringLiteral("level"),
                  withEnum(property("string", McpServer::tr("Default info.")),
                           { QStringLiteral("debug"), QStringLiteral("info"),
                             QStringLiteral("warn"), QStringLiteral("error") }) } },
              { QStringLiteral("message") }),
          outputOf({ { QStringLiteral("done"), property("boolean", {}) } }), false, false, false,
          [runToken](Ctx c, Args a) {
              client::LogLine line;
              line.level = logLevelFromName(text(a, "level")).value_or(LogLevel::Info);
              line.message = text(a, "message");
              return fromAnswer(
                  c.api.call(client::withToken(client::api::logFromRun({ line }), runToken)));
          } });
    // What the run's server offers is the list agents are allowed (claude's
    // built-in profile names each): a tool missing from it is not offered.
    const QStringList offered = client::runScopedToolNames();
    tools.removeIf([&offered](const McpTool &tool) { return !offered.contains(tool.name); });
    return tools;
}

} // namespace hearth::cli
