#include "ApiTypes.h"

#include "RawJson.h"
#include "core/JsonText.h"
#include "model/Schedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace hearth::client {

namespace {

Timestamp timestampOf(const QJsonValue &value)
{
    return Timestamp(value.isString() ? value.toString() : QString());
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(idOf(item));
    return strings;
}

QJsonObject objectOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

QString idOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

QDateTime Timestamp::dateTime() const
{
    return isNull() ? QDateTime() : scheduler::parseRfc3339(m_text);
}

std::optional<Watcher> Watcher::fromJson(const QJsonObject &json)
{
    Watcher watcher;
    watcher.id = idOf(json.value(QStringLiteral("id")));
    watcher.paused = json.value(QStringLiteral("paused")).toBool();
    watcher.nextRunAt = timestampOf(json.value(QStringLiteral("next_run_at")));
    watcher.lastFiredAt = timestampOf(json.value(QStringLiteral("last_fired_at")));
    watcher.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    watcher.updatedAt = timestampOf(json.value(QStringLiteral("updated_at")));
    watcher.createdBy = json.value(QStringLiteral("created_by")).toString();
    watcher.updatedBy = json.value(QStringLiteral("updated_by")).toString();
    watcher.approval = approvalFromName(json.value(QStringLiteral("approval")).toString())
                           .value_or(Approval::Approved);
    watcher.revision = json.value(QStringLiteral("revision")).toString();
    watcher.approvalRequestedBy = json.value(QStringLiteral("approval_requested_by")).toString();
    watcher.enablesOnApproval = json.value(QStringLiteral("enables_on_approval")).toBool();
    watcher.approvedBy = json.value(QStringLiteral("approved_by")).toString();
    // The rest is the spec, in the form the runtime itself reads and writes.
    QJsonObject specJson = json;
    for (const char *member : { "id", "paused", "next_run_at", "last_fired_at", "created_at",
                                "updated_at", "created_by", "updated_by", "approval", "revision",
                                "approval_requested_by", "enables_on_approval", "approved_by" })
        specJson.remove(QLatin1String(member));
    // Listings leave Lua scripts out (they can be large): the spec is read
    // with a stand-in, and the script stays empty.
    const bool scriptLeftOut = !specJson.contains(QStringLiteral("script")) &&
        specJson.value(QStringLiteral("kind")).toString() == u"lua";
    if (scriptLeftOut)
        specJson.insert(QStringLiteral("script"), QStringLiteral("--"));
    auto spec = scheduler::WatcherSpec::fromStored(specJson);
    if (!spec || watcher.id.isEmpty())
        return std::nullopt;
    watcher.spec = std::move(spec.value());
    if (scriptLeftOut)
        watcher.spec.lua()->script.clear();
    return watcher;
}

Reach Reach::fromJson(const QJsonObject &json)
{
    Reach reach;
    reach.domains = stringsOf(json.value(QStringLiteral("domains")));
    reach.urlsBuiltAtRunTime = json.value(QStringLiteral("urls_built_at_run_time")).toBool();
    reach.secrets = stringsOf(json.value(QStringLiteral("secrets")));
    reach.secretsNamedAtRunTime = json.value(QStringLiteral("secrets_named_at_run_time")).toBool();
    reach.sendsEmail = json.value(QStringLiteral("sends_email")).toBool();
    reach.agentProfile = json.value(QStringLiteral("agent_profile")).toString();
    reach.deviceWorkerId = idOf(json.value(QStringLiteral("device_worker_id")));
    reach.workdir = json.value(QStringLiteral("workdir")).toString();
    reach.folder = json.value(QStringLiteral("folder")).toString();
    reach.webhook = json.value(QStringLiteral("webhook")).toBool();
    reach.after = json.value(QStringLiteral("after")).toString();
    if (json.value(QStringLiteral("channels")).isArray())
        reach.channels = stringsOf(json.value(QStringLiteral("channels")));
    return reach;
}

std::optional<WatcherReview> WatcherReview::fromJson(const QJsonObject &json)
{
    auto watcher = Watcher::fromJson(json.value(QStringLiteral("watcher")).toObject());
    if (!watcher || !json.value(QStringLiteral("reach")).isObject())
        return std::nullopt;
    WatcherReview review;
    review.watcher = std::move(*watcher);
    review.reach = Reach::fromJson(json.value(QStringLiteral("reach")).toObject());
    if (json.value(QStringLiteral("approved")).isObject()) {
        auto approved =
            scheduler::WatcherSpec::fromStored(json.value(QStringLiteral("approved")).toObject());
        if (!approved)
            return std::nullopt;
        review.approved = std::move(approved).value();
        review.approvedReach =
            Reach::fromJson(json.value(QStringLiteral("approved_reach")).toObject());
    }
    review.changes = json.value(QStringLiteral("changes")).toString();
    return review;
}

std::optional<Rejected> Rejected::fromJson(const QJsonObject &json)
{
    Rejected rejected;
    if (json.value(QStringLiteral("deleted")).toBool())
        return rejected;
    rejected.restored = Watcher::fromJson(json.value(QStringLiteral("watcher")).toObject());
    if (!rejected.restored)
        return std::nullopt;
    return rejected;
}

std::optional<Run> Run::fromJson(const QJsonObject &json)
{
    const auto status =
        scheduler::runStatusFromName(json.value(QStringLiteral("status")).toString());
    const auto trigger =
        scheduler::runTriggerFromName(json.value(QStringLiteral("trigger")).toString());
    Run run;
    run.id = idOf(json.value(QStringLiteral("id")));
    run.watcherId = idOf(json.value(QStringLiteral("watcher_id")));
    if (!status || !trigger || run.id.isEmpty())
        return std::nullopt;
    run.status = *status;
    run.trigger = *trigger;
    run.attempt = json.value(QStringLiteral("attempt")).toInt(1);
    run.scheduledFor = timestampOf(json.value(QStringLiteral("scheduled_for")));
    run.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    run.startedAt = timestampOf(json.value(QStringLiteral("started_at")));
    run.finishedAt = timestampOf(json.value(QStringLiteral("finished_at")));
    if (const QJsonObject error = json.value(QStringLiteral("error")).toObject(); !error.isEmpty())
        run.error = RunError { error.value(QStringLiteral("code")).toString(),
                               error.value(QStringLiteral("message")).toString() };
    run.durationMs = wholeNumber(json.value(QStringLiteral("duration_ms")));
    run.instructions = wholeNumber(json.value(QStringLiteral("instructions")));
    run.peakMemory = wholeNumber(json.value(QStringLiteral("peak_memory")));
    run.exitCode = wholeNumber(json.value(QStringLiteral("exit_code")));
    run.parentRunId = json.value(QStringLiteral("parent_run_id")).toString();
    run.chainDepth = json.value(QStringLiteral("chain_depth")).toInt();
    run.escalation =
        scheduler::EscalationTask::fromJson(json.value(QStringLiteral("escalation")).toObject());
    run.eventJson = compactJsonText(json.value(QStringLiteral("event")));
    run.actor = json.value(QStringLiteral("actor")).toString();
    run.workerId = idOf(json.value(QStringLiteral("worker_id")));
    run.output = json.value(QStringLiteral("output")).toString();
    run.resultJson = compactJsonText(json.value(QStringLiteral("result")));
    return run;
}

std::optional<Run> Run::fromBody(const QByteArray &body)
{
    std::optional<Run> run = fromJson(objectOf(body));
    if (run) {
        if (const QByteArray exact = rawJsonMember(body, "result"); !exact.isEmpty())
            run->resultJson = exact;
    }
    return run;
}

std::optional<LogLine> LogLine::fromJson(const QJsonObject &json)
{
    const auto level = logLevelFromName(json.value(QStringLiteral("level")).toString());
    if (!level)
        return std::nullopt;
    LogLine line;
    line.seq = json.value(QStringLiteral("seq")).toInt();
    line.time = timestampOf(json.value(QStringLiteral("ts")));
    line.level = *level;
    line.message = json.value(QStringLiteral("message")).toString();
    line.data = json.value(QStringLiteral("data"));
    return line;
}

QJsonObject LogLine::toJson() const
{
    QJsonObject json { { QStringLiteral("seq"), seq },
                       { QStringLiteral("ts"), time.text() },
                       { QStringLiteral("level"), logLevelName(level) },
                       { QStringLiteral("message"), message } };
    if (!data.isUndefined())
        json.insert(QStringLiteral("data"), data);
    return json;
}

std::optional<ScriptRun> ScriptRun::fromBody(const QByteArray &body)
{
    const QJsonObject json = objectOf(body);
    const QString status = json.value(QStringLiteral("status")).toString();
    if (status != u"succeeded" && status != u"failed")
        return std::nullopt;
    ScriptRun run;
    run.succeeded = status == u"succeeded";
    if (const QJsonObject error = json.value(QStringLiteral("error")).toObject(); !error.isEmpty())
        run.error = RunError { error.value(QStringLiteral("code")).toString(),
                               error.value(QStringLiteral("message")).toString() };
    for (const QJsonValue &item : json.value(QStringLiteral("logs")).toArray()) {
        if (auto line = LogLine::fromJson(item.toObject()))
            run.logs.append(std::move(*line));
    }
    run.resultJson = rawJsonMember(body, "result");
    run.durationMs = wholeNumber(json.value(QStringLiteral("duration_ms")));
    run.instructions = wholeNumber(json.value(QStringLiteral("instructions")));
    run.peakMemory = wholeNumber(json.value(QStringLiteral("peak_memory")));
    for (const QJsonValue &item : json.value(QStringLiteral("notifications")).toArray()) {
        const QJsonObject draft = item.toObject();
        run.notifications.append(
            { notificationLevelFromName(draft.value(QStringLiteral("level")).toString())
                  .value_or(NotificationLevel::Info),
              draft.value(QStringLiteral("title")).toString(),
              draft.value(QStringLiteral("body")).toString() });
    }
    return run;
}

std::optional<WatcherTemplateInfo> WatcherTemplateInfo::fromJson(const QJsonObject &json)
{
    WatcherTemplateInfo info;
    info.name = json.value(QStringLiteral("name")).toString();
    if (info.name.isEmpty())
        return std::nullopt;
    info.title = json.value(QStringLiteral("title")).toString();
    info.description = json.value(QStringLiteral("description")).toString();
    const QJsonObject schema = json.value(QStringLiteral("params")).toObject();
    const QStringList required = stringsOf(schema.value(QStringLiteral("required")));
    // In the template's order (propertyOrder; a JSON object has none).
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    QStringList names = properties.keys();
    const auto position = [&properties](const QString &name) {
        return properties.value(name).toObject().value(QStringLiteral("propertyOrder")).toInt();
    };
    std::stable_sort(names.begin(), names.end(), [&position](const QString &a, const QString &b) {
        return position(a) < position(b);
    });
    for (const QString &name : std::as_const(names)) {
        const QJsonObject property = properties.value(name).toObject();
        TemplateParamInfo param;
        param.name = name;
        param.required = required.contains(name);
        param.description = property.value(QStringLiteral("description")).toString();
        param.defaultValue = property.value(QStringLiteral("default"));
        param.choices = stringsOf(property.value(QStringLiteral("enum")));
        const QString type = property.value(QStringLiteral("type")).toString();
        if (!param.choices.isEmpty())
            param.kind = TemplateParamInfo::Kind::Choice;
        else if (type == u"number" || type == u"integer")
            param.kind = TemplateParamInfo::Kind::Number;
        else if (property.value(QStringLiteral("format")).toString() == u"uri")
            param.kind = TemplateParamInfo::Kind::Url;
        else if (type == u"string")
            param.kind = TemplateParamInfo::Kind::Text;
        else
            return std::nullopt;
        info.params.append(param);
    }
    for (const QJsonValue &condition : schema.value(QStringLiteral("allOf")).toArray()) {
        const QJsonObject properties = condition.toObject()
                                           .value(QStringLiteral("if"))
                                           .toObject()
                                           .value(QStringLiteral("properties"))
                                           .toObject();
        const QStringList needs = stringsOf(condition.toObject()
                                                .value(QStringLiteral("then"))
                                                .toObject()
                                                .value(QStringLiteral("required")));
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const QString value = it.value().toObject().value(QStringLiteral("const")).toString();
            for (TemplateParamInfo &param : info.params) {
                if (needs.contains(param.name))
                    param.requiredWhen.append({ it.key(), value });
            }
        }
    }
    return info;
}

std::optional<TemplatePreview> TemplatePreview::fromBody(const QByteArray &body)
{
    auto run = ScriptRun::fromBody(body);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonObject watcher = json.value(QStringLiteral("watcher")).toObject();
    if (!run || !watcher.value(QStringLiteral("script")).isString())
        return std::nullopt;
    TemplatePreview preview;
    preview.run = std::move(*run);
    preview.watcher = watcher;
    if (const QJsonValue snapshot = json.value(QStringLiteral("snapshot")); snapshot.isString())
        preview.snapshot = snapshot.toString();
    return preview;
}

std::optional<Notification> Notification::fromJson(const QJsonObject &json)
{
    const auto level = notificationLevelFromName(json.value(QStringLiteral("level")).toString());
    Notification notification;
    notification.id = idOf(json.value(QStringLiteral("id")));
    if (!level || notification.id.isEmpty())
        return std::nullopt;
    notification.watcherId = idOf(json.value(QStringLiteral("watcher_id")));
    notification.runId = idOf(json.value(QStringLiteral("run_id")));
    notification.level = *level;
    notification.title = json.value(QStringLiteral("title")).toString();
    notification.body = json.value(QStringLiteral("body")).toString();
    notification.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    notification.readAt = timestampOf(json.value(QStringLiteral("read_at")));
    return notification;
}

QString Channel::destination() const
{
    if (kind == u"email")
        return settings.value(QStringLiteral("to")).toVariant().toStringList().join(u", ");
    if (kind == u"ntfy")
        return settings.value(QStringLiteral("topic")).toString() + u'@' +
            settings.value(QStringLiteral("server")).toString();
    return settings.value(QStringLiteral("url")).toString();
}

std::optional<Channel> Channel::fromJson(const QJsonObject &json)
{
    Channel channel;
    channel.id = idOf(json.value(QStringLiteral("id")));
    channel.name = json.value(QStringLiteral("name")).toString();
    channel.kind = json.value(QStringLiteral("kind")).toString();
    if (channel.id.isEmpty() || channel.name.isEmpty() || !json.value(channel.kind).isObject())
        return std::nullopt;
    channel.isDefault = json.value(QStringLiteral("default")).toBool();
    channel.muted = json.value(QStringLiteral("muted")).toBool();
    channel.settings = json.value(channel.kind).toObject();
    channel.json = json;
    return channel;
}

std::optional<Delivery> Delivery::fromJson(const QJsonObject &json)
{
    Delivery delivery;
    delivery.id = idOf(json.value(QStringLiteral("id")));
    delivery.status = json.value(QStringLiteral("status")).toString();
    if (delivery.id.isEmpty() || delivery.status.isEmpty())
        return std::nullopt;
    delivery.channel = json.value(QStringLiteral("channel")).toString();
    delivery.attempts = json.value(QStringLiteral("attempts")).toInt();
    delivery.title =
        json.value(QStringLiteral("message")).toObject().value(QStringLiteral("title")).toString();
    delivery.lastError = json.value(QStringLiteral("last_error")).toString();
    delivery.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    for (const QJsonValue &value : json.value(QStringLiteral("attempt_log")).toArray()) {
        const QJsonObject attempt = value.toObject();
        delivery.attemptLog.append({ attempt.value(QStringLiteral("attempt")).toInt(),
                                     timestampOf(attempt.value(QStringLiteral("started_at"))),
                                     attempt.value(QStringLiteral("outcome")).toString(),
                                     attempt.value(QStringLiteral("response")).toString() });
    }
    return delivery;
}

std::optional<SecretInfo> SecretInfo::fromJson(const QJsonObject &json)
{
    SecretInfo secret { json.value(QStringLiteral("name")).toString(),
                        timestampOf(json.value(QStringLiteral("created_at"))),
                        timestampOf(json.value(QStringLiteral("updated_at"))) };
    if (secret.name.isEmpty())
        return std::nullopt;
    return secret;
}

std::optional<Snapshot> Snapshot::fromJson(const QJsonObject &json)
{
    Snapshot snapshot;
    snapshot.id = json.value(QStringLiteral("id")).toString();
    if (snapshot.id.isEmpty())
        return std::nullopt;
    snapshot.watcherId = json.value(QStringLiteral("watcher_id")).toString();
    snapshot.runId = json.value(QStringLiteral("run_id")).toString();
    snapshot.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    snapshot.size = json.value(QStringLiteral("size")).toInteger();
    snapshot.text = json.value(QStringLiteral("text")).toString();
    return snapshot;
}

std::optional<SnapshotDiff> SnapshotDiff::fromJson(const QJsonObject &json)
{
    auto from = Snapshot::fromJson(json.value(QStringLiteral("from")).toObject());
    auto to = Snapshot::fromJson(json.value(QStringLiteral("to")).toObject());
    if (!from || !to)
        return std::nullopt;
    return SnapshotDiff { *from,
                          *to,
                          json.value(QStringLiteral("changed")).toBool(),
                          stringsOf(json.value(QStringLiteral("added"))),
                          stringsOf(json.value(QStringLiteral("removed"))),
                          json.value(QStringLiteral("unified")).toString() };
}

std::optional<KvEntry> KvEntry::fromJson(const QJsonObject &json)
{
    KvEntry entry;
    entry.key = json.value(QStringLiteral("key")).toString();
    if (entry.key.isEmpty())
        return std::nullopt;
    if (json.contains(QStringLiteral("value")))
        entry.valueJson = compactJsonText(json.value(QStringLiteral("value")));
    entry.updatedAt = timestampOf(json.value(QStringLiteral("updated_at")));
    return entry;
}

std::optional<KvEntry> KvEntry::fromBody(const QByteArray &body)
{
    std::optional<KvEntry> entry = fromJson(objectOf(body));
    if (entry)
        entry->valueJson = rawJsonMember(body, "value");
    return entry;
}

std::optional<DeviceWorker> DeviceWorker::fromJson(const QJsonObject &json)
{
    DeviceWorker worker;
    worker.id = idOf(json.value(QStringLiteral("id")));
    if (worker.id.isEmpty())
        return std::nullopt;
    worker.name = json.value(QStringLiteral("name")).toString();
    worker.agentKinds = stringsOf(json.value(QStringLiteral("agent_kinds")));
    worker.online = json.value(QStringLiteral("online")).toBool();
    worker.createdAt = timestampOf(json.value(QStringLiteral("created_at")));
    worker.lastSeenAt = timestampOf(json.value(QStringLiteral("last_seen_at")));
    worker.activeRuns = stringsOf(json.value(QStringLiteral("active_runs")));
    return worker;
}

KeyStatus KeyStatus::fromJson(const QJsonObject &json)
{
    return { json.value(QStringLiteral("state")).toString(),
             json.value(QStringLiteral("source")).toString(),
             json.value(QStringLiteral("fingerprint")).toString(),
             wholeNumber(json.value(QStringLiteral("key_version"))),
             json.value(QStringLiteral("message")).toString(),
             json.value(QStringLiteral("warning")).toString() };
}

std::optional<RunClaim> RunClaim::fromJson(const QJsonObject &json)
{
    const QJsonObject watcher = json.value(QStringLiteral("watcher")).toObject();
    RunClaim claim;
    claim.runId = idOf(json.value(QStringLiteral("run")).toObject().value(QStringLiteral("id")));
    if (claim.runId.isEmpty() || !watcher.value(QStringLiteral("prompt")).isString())
        return std::nullopt;
    claim.watcherName = watcher.value(QStringLiteral("name")).toString();
    claim.task.prompt = watcher.value(QStringLiteral("prompt")).toString();
    claim.task.agentKind = watcher.value(QStringLiteral("agent_kind")).toString();
    claim.task.workdir = watcher.value(QStringLiteral("workdir")).toString();
    claim.task.timeoutMs = wholeNumber(watcher.value(QStringLiteral("timeout_s")))
                               .value_or(scheduler::AgentTask::DefaultTimeoutSeconds) *
        1000;
    const QJsonObject secrets = watcher.value(QStringLiteral("env_secrets")).toObject();
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        claim.task.envSecrets.insert(it.key(), it.value().toString());
    claim.task.resultSchema = watcher.value(QStringLiteral("result_schema")).toObject();
    claim.heartbeatSeconds = std::max(1, json.value(QStringLiteral("heartbeat_s")).toInt(5));
    claim.runToken = json.value(QStringLiteral("run_token")).toString().toLatin1();
    return claim;
}

std::optional<RunScope> RunScope::fromJson(const QJsonObject &json)
{
    RunScope scope { idOf(json.value(QStringLiteral("run_id"))),
                     idOf(json.value(QStringLiteral("watcher_id"))),
                     json.value(QStringLiteral("watcher_name")).toString() };
    if (scope.runId.isEmpty() || scope.watcherId.isEmpty())
        return std::nullopt;
    return scope;
}

bool KeyStatus::isReady() const
{
    return state == u"ready";
}

KeyStatus::Source KeyStatus::sourceKind() const
{
    if (source.isEmpty())
        return Source::None;
    if (source == u"keychain")
        return Source::Keychain;
    if (source == u"environment")
        return Source::Environment;
    if (source == u"file")
        return Source::File;
    return Source::Other;
}

std::optional<Status> Status::fromJson(const QJsonObject &json)
{
    if (!json.value(QStringLiteral("version")).isString())
        return std::nullopt;
    const QJsonObject database = json.value(QStringLiteral("database")).toObject();
    const QJsonObject retention = json.value(QStringLiteral("retention")).toObject();
    const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
    Status status;
    status.version = json.value(QStringLiteral("version")).toString();
    status.pid = json.value(QStringLiteral("pid")).toInteger();
    status.startedAt = timestampOf(json.value(QStringLiteral("started_at")));
    status.uptimeSeconds = json.value(QStringLiteral("uptime_s")).toInteger();
    status.dataDir = json.value(QStringLiteral("data_dir")).toString();
    status.databasePath = database.value(QStringLiteral("path")).toString();
    status.databaseBytes = database.value(QStringLiteral("size_bytes")).toInteger();
    status.databaseFreeBytes = database.value(QStringLiteral("free_bytes")).toInteger();
    status.schema = database.value(QStringLiteral("schema")).toInteger();
    status.retentionDays = retention.value(QStringLiteral("run_days")).toInteger();
    status.runsKeptPerWatcher = retention.value(QStringLiteral("runs_per_watcher")).toInteger();
    status.kvKeys = counts.value(QStringLiteral("kv_keys")).toInteger();
    status.secrets = counts.value(QStringLiteral("secrets")).toInteger();
    status.enabledWatchers = counts.value(QStringLiteral("enabled_watchers")).toInteger();
    status.pausedWatchers = counts.value(QStringLiteral("paused_watchers")).toInteger();
    status.watchersAwaitingApproval =
        counts.value(QStringLiteral("watchers_awaiting_approval")).toInteger();
    const QJsonObject escalations = json.value(QStringLiteral("escalations")).toObject();
    status.escalationsLastDay = escalations.value(QStringLiteral("last_24h")).toInteger();
    status.escalationBudget = escalations.value(QStringLiteral("budget")).toInteger();
    status.key = KeyStatus::fromJson(json.value(QStringLiteral("secrets")).toObject());
    status.webhooksUrl =
        json.value(QStringLiteral("webhooks")).toObject().value(QStringLiteral("url")).toString();
    for (const QJsonValue &item : json.value(QStringLiteral("workers")).toArray()) {
        if (auto worker = DeviceWorker::fromJson(item.toObject()))
            status.workers.append(std::move(*worker));
    }
    return status;
}

} // namespace hearth::client
