#include "HearthApi.h"

#include "core/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::client {

namespace {

const QString Api = QStringLiteral("/api/v1");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject objectOf(const ApiReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

// A listing's items, each read by `item`; nothing if one cannot be read (a
// row silently missing would be worse than a clear error).
template<typename T>
std::optional<Page<T>> pageOf(const ApiReply &reply,
                              std::optional<T> (*item)(const QJsonObject &json))
{
    const QJsonObject json = objectOf(reply);
    if (!json.value(QStringLiteral("items")).isArray())
        return std::nullopt;
    Page<T> page;
    for (const QJsonValue &value : json.value(QStringLiteral("items")).toArray()) {
        std::optional<T> read = item(value.toObject());
        if (!read)
            return std::nullopt;
        page.items.append(std::move(*read));
    }
    page.next = json.value(QStringLiteral("next")).toString();
    return page;
}

// A listing: GET, or the POSTs that answer with the records they changed.
template<typename T>
Operation<Page<T>> listing(QString pathAndQuery, std::optional<T> (*item)(const QJsonObject &),
                           QByteArray method = "GET")
{
    return { std::move(method), std::move(pathAndQuery), {}, [item](const ApiReply &reply) {
                return pageOf<T>(reply, item);
            } };
}

// An answer that is one object of T.
template<typename T>
Operation<T> one(QByteArray method, QString pathAndQuery, QByteArray body,
                 std::optional<T> (*read)(const QJsonObject &))
{
    return { std::move(method), std::move(pathAndQuery), std::move(body),
             [read](const ApiReply &reply) {
                 return read(objectOf(reply));
             } };
}

Operation<Done> done(QByteArray method, QString pathAndQuery, QByteArray body = {})
{
    return { std::move(method), std::move(pathAndQuery), std::move(body), [](const ApiReply &) {
                return std::optional<Done>(Done {});
            } };
}

// A whole-number member of the answer.
Operation<qint64> count(QByteArray method, QString pathAndQuery, QByteArray body, QString member)
{
    return { std::move(method), std::move(pathAndQuery), std::move(body),
             [member](const ApiReply &reply) -> std::optional<qint64> {
                 const QJsonValue value = objectOf(reply).value(member);
                 if (!value.isDouble())
                     return std::nullopt;
                 return value.toInteger();
             } };
}

Operation<Written> written(QString pathAndQuery, QByteArray body)
{
    return { "PUT", std::move(pathAndQuery), std::move(body), [](const ApiReply &reply) {
                return std::optional<Written>(reply.status == 201 ? Written::Created
                                                                  : Written::Updated);
            } };
}

Operation<Run> runAnswer(QByteArray method, QString pathAndQuery, QByteArray body = {})
{
    return { std::move(method), std::move(pathAndQuery), std::move(body),
             [](const ApiReply &reply) {
                 return Run::fromBody(reply.body);
             } };
}

QString watcherPath(const QString &id)
{
    return Api + QStringLiteral("/watchers/") + percentEncoded(id);
}

QString runPath(const QString &id)
{
    return Api + QStringLiteral("/runs/") + percentEncoded(id);
}

QString kvBase(api::KvStore store)
{
    return Api +
        (store == api::KvStore::OfRun ? QStringLiteral("/run-scope/kv") : QStringLiteral("/kv"));
}

QString kvPath(const QString &key, api::KvStore store)
{
    return kvBase(store) + u'/' + percentEncoded(key);
}

QJsonArray logLinesJson(const QList<LogLine> &lines)
{
    QJsonArray logs;
    for (const LogLine &line : lines)
        logs.append(QJsonObject { { QStringLiteral("level"), logLevelName(line.level) },
                                  { QStringLiteral("message"), line.message } });
    return logs;
}

QString secretPath(const QString &name)
{
    return Api + QStringLiteral("/secrets/") + percentEncoded(name);
}

QString cursorQuery(const QString &cursor)
{
    return cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + percentEncoded(cursor);
}

} // namespace

QJsonObject ScheduleForm::toJson() const
{
    QJsonObject json;
    if (cron)
        json.insert(QStringLiteral("cron"), *cron);
    if (everySeconds)
        json.insert(QStringLiteral("every_s"), *everySeconds);
    if (at)
        json.insert(QStringLiteral("at"), *at);
    if (timeZone)
        json.insert(QStringLiteral("tz"), *timeZone);
    return json;
}

bool WatcherChanges::isEmpty() const
{
    return toJson().isEmpty();
}

bool WatcherChanges::isAgent() const
{
    return toJson().value(QStringLiteral("kind")).toString() == u"agent";
}

bool WatcherChanges::isCompleteForCreate() const
{
    const QJsonObject json = toJson();
    const QString body = isAgent() ? QStringLiteral("prompt") : QStringLiteral("script");
    return json.contains(QStringLiteral("name")) &&
        (json.contains(QStringLiteral("schedule")) || json.contains(QStringLiteral("trigger"))) &&
        json.contains(body);
}

QJsonObject WatcherChanges::toJson() const
{
    QJsonObject json = document;
    if (name)
        json.insert(QStringLiteral("name"), *name);
    // A schedule replaces the trigger the document may carry, and a trigger
    // its schedule.
    if (schedule.isSet()) {
        json.remove(QStringLiteral("trigger"));
        json.insert(QStringLiteral("schedule"), schedule.toJson());
    }
    if (after) {
        QJsonObject trigger { { QStringLiteral("after"), *after } };
        if (afterWhen)
            trigger.insert(QStringLiteral("when"), *afterWhen);
        json.remove(QStringLiteral("schedule"));
        json.insert(QStringLiteral("trigger"), trigger);
    }
    if (folder) {
        json.remove(QStringLiteral("schedule"));
        json.insert(QStringLiteral("trigger"), *folder);
    }
    if (webhook) {
        json.remove(QStringLiteral("schedule"));
        json.insert(QStringLiteral("trigger"),
                    QJsonObject { { QStringLiteral("webhook"),
                                    QJsonObject { { QStringLiteral("verify"), *webhook } } } });
    }
    if (script)
        json.insert(QStringLiteral("script"), *script);
    if (agentKind) {
        json.insert(QStringLiteral("kind"), QStringLiteral("agent"));
        json.insert(QStringLiteral("agent_kind"), *agentKind);
    }
    if (prompt)
        json.insert(QStringLiteral("prompt"), *prompt);
    if (deviceWorkerId)
        json.insert(QStringLiteral("device_worker_id"), *deviceWorkerId);
    if (resultSchema)
        json.insert(QStringLiteral("result_schema"), *resultSchema);
    if (enabled)
        json.insert(QStringLiteral("enabled"), *enabled);
    if (keepRuns || keepDays) {
        const auto numberOrNull = [](const std::optional<std::optional<int>> &keep) {
            return keep && *keep ? QJsonValue(**keep) : QJsonValue();
        };
        const auto ownOrNull = [](const std::optional<int> &keep) {
            return keep ? QJsonValue(*keep) : QJsonValue();
        };
        json.insert(
            QStringLiteral("history"),
            QJsonObject { { QStringLiteral("keep_runs"), numberOrNull(keepRuns) },
                          { QStringLiteral("keep_days"), numberOrNull(keepDays) },
                          { QStringLiteral("keep_snapshots"), ownOrNull(keepSnapshots) },
                          { QStringLiteral("keep_snapshot_days"), ownOrNull(keepSnapshotDays) } });
    }
    return json;
}

void WatcherChanges::completeHistory(const scheduler::HistoryLimits &current)
{
    if (!keepRuns)
        keepRuns = current.keepRuns;
    if (!keepDays)
        keepDays = current.keepDays;
    keepSnapshots = current.keepSnapshots;
    keepSnapshotDays = current.keepSnapshotDays;
}

void HearthApi::markUnreadable(ApiReply &reply, const QByteArray &method, const QString &path)
{
    reply.unexpectedAnswer =
        QStringLiteral("the runtime's answer to %1 %2 is not what it should be")
            .arg(QString::fromLatin1(method), path);
}

QByteArray HearthApi::mergedItems(const QList<QByteArray> &listBodies)
{
    QJsonArray items;
    for (const QByteArray &body : listBodies) {
        for (const QJsonValue &item :
             QJsonDocument::fromJson(body).object().value(QStringLiteral("items")).toArray())
            items.append(item);
    }
    return compact(QJsonObject { { QStringLiteral("items"), items } });
}

namespace api {

Operation<Status> status()
{
    return one<Status>("GET", Api + QStringLiteral("/status"), {}, &Status::fromJson);
}

Operation<Page<Watcher>> watchers(const QString &cursor)
{
    return listing<Watcher>(Api + QStringLiteral("/watchers?limit=1000") + cursorQuery(cursor),
                            &Watcher::fromJson);
}

Operation<Watcher> watcher(const QString &id)
{
    return one<Watcher>("GET", watcherPath(id), {}, &Watcher::fromJson);
}

Operation<Watcher> createWatcher(const WatcherChanges &changes)
{
    return one<Watcher>("POST", Api + QStringLiteral("/watchers"), compact(changes.toJson()),
                        &Watcher::fromJson);
}

Operation<Watcher> updateWatcher(const QString &id, const WatcherChanges &changes)
{
    return one<Watcher>("PATCH", watcherPath(id), compact(changes.toJson()), &Watcher::fromJson);
}

namespace {
std::optional<scheduler::WatcherSpec> validatedSpec(const ApiReply &reply)
{
    const QJsonObject json = objectOf(reply);
    if (!json.value(QStringLiteral("valid")).toBool())
        return std::nullopt;
    auto spec =
        scheduler::WatcherSpec::fromStored(json.value(QStringLiteral("watcher")).toObject());
    return spec ? std::optional(spec.value()) : std::nullopt;
}
} // namespace

Operation<scheduler::WatcherSpec> validateNewWatcher(const WatcherChanges &changes)
{
    return { "POST", Api + QStringLiteral("/watchers?validate_only=true"),
             compact(changes.toJson()), &validatedSpec };
}

Operation<scheduler::WatcherSpec> validateWatcherChanges(const QString &id,
                                                         const WatcherChanges &changes)
{
    return { "PATCH", watcherPath(id) + QStringLiteral("?validate_only=true"),
             compact(changes.toJson()), &validatedSpec };
}

Operation<Done> deleteWatcher(const QString &id)
{
    return done("DELETE", watcherPath(id));
}

Operation<Run> runWatcher(const QString &id, const QJsonObject &event)
{
    QJsonObject request;
    if (!event.isEmpty())
        request.insert(QStringLiteral("event"), event);
    return runAnswer("POST", watcherPath(id) + QStringLiteral("/run"), compact(request));
}

Operation<WatcherReview> watcherReview(const QString &id)
{
    return one<WatcherReview>("GET", watcherPath(id) + QStringLiteral("/review"), {},
                              &WatcherReview::fromJson);
}

namespace {
QByteArray decision(const QString &revision)
{
    QJsonObject request;
    if (!revision.isEmpty())
        request.insert(QStringLiteral("revision"), revision);
    return compact(request);
}
} // namespace

Operation<Watcher> approveWatcher(const QString &id, const QString &revision)
{
    return one<Watcher>("POST", watcherPath(id) + QStringLiteral("/approve"), decision(revision),
                        &Watcher::fromJson);
}

Operation<Rejected> rejectWatcher(const QString &id, const QString &revision)
{
    return one<Rejected>("POST", watcherPath(id) + QStringLiteral("/reject"), decision(revision),
                         &Rejected::fromJson);
}

Operation<Page<Watcher>> pauseAll()
{
    return listing<Watcher>(Api + QStringLiteral("/watchers/pause-all"), &Watcher::fromJson,
                            "POST");
}

Operation<Page<Watcher>> resumeAll()
{
    return listing<Watcher>(Api + QStringLiteral("/watchers/resume-all"), &Watcher::fromJson,
                            "POST");
}

Operation<Page<Run>> runs(const RunQuery &query)
{
    QStringList parameters;
    if (!query.limit.isEmpty())
        parameters.append(QStringLiteral("limit=") + percentEncoded(query.limit));
    if (!query.watcherId.isEmpty())
        parameters.append(QStringLiteral("watcher=") + percentEncoded(query.watcherId));
    if (!query.status.isEmpty())
        parameters.append(QStringLiteral("status=") + percentEncoded(query.status));
    QString path = Api + QStringLiteral("/runs");
    if (!parameters.isEmpty())
        path += u'?' + parameters.join(u'&');
    return listing<Run>(path, &Run::fromJson);
}

Operation<Run> run(const QString &id)
{
    return runAnswer("GET", runPath(id));
}

Operation<Run> cancelRun(const QString &id)
{
    return runAnswer("POST", runPath(id) + QStringLiteral("/cancel"));
}

Operation<Run> retryRun(const QString &id)
{
    return runAnswer("POST", runPath(id) + QStringLiteral("/retry"));
}

Operation<RunLog> runLog(const QString &runId, int afterSeq)
{
    return { "GET",
             runPath(runId) + QStringLiteral("/logs?after=") + QString::number(afterSeq),
             {},
             [](const ApiReply &reply) -> std::optional<RunLog> {
                 const QJsonObject json = objectOf(reply);
                 const auto status = scheduler::runStatusFromName(
                     json.value(QStringLiteral("run_status")).toString());
                 if (!status)
                     return std::nullopt;
                 RunLog log { *status, {} };
                 for (const QJsonValue &item : json.value(QStringLiteral("items")).toArray()) {
                     std::optional<LogLine> line = LogLine::fromJson(item.toObject());
                     if (!line)
                         return std::nullopt;
                     log.lines.append(std::move(*line));
                 }
                 return log;
             } };
}

Operation<Page<Notification>> notifications(bool unreadOnly, const QString &limit)
{
    QStringList parameters;
    if (!limit.isEmpty())
        parameters.append(QStringLiteral("limit=") + percentEncoded(limit));
    if (unreadOnly)
        parameters.append(QStringLiteral("unread=true"));
    QString path = Api + QStringLiteral("/notifications");
    if (!parameters.isEmpty())
        path += u'?' + parameters.join(u'&');
    return listing<Notification>(path, &Notification::fromJson);
}

Operation<Done> markNotificationRead(const QString &id)
{
    return done("POST",
                Api + QStringLiteral("/notifications/") + percentEncoded(id) +
                    QStringLiteral("/read"));
}

Operation<qint64> markAllNotificationsRead()
{
    return count("POST", Api + QStringLiteral("/notifications/read-all"), {},
                 QStringLiteral("marked"));
}

Operation<Page<Channel>> channels()
{
    return listing<Channel>(Api + QStringLiteral("/channels"), &Channel::fromJson);
}

Operation<Channel> createChannel(const QJsonObject &fields)
{
    return one<Channel>("POST", Api + QStringLiteral("/channels"), compact(fields),
                        &Channel::fromJson);
}

Operation<Channel> updateChannel(const QString &id, const QJsonObject &fields)
{
    return one<Channel>("PATCH", Api + QStringLiteral("/channels/") + percentEncoded(id),
                        compact(fields), &Channel::fromJson);
}

Operation<Done> deleteChannel(const QString &id)
{
    return done("DELETE", Api + QStringLiteral("/channels/") + percentEncoded(id));
}

Operation<Delivery> testChannel(const QString &id)
{
    return one<Delivery>(
        "POST", Api + QStringLiteral("/channels/") + percentEncoded(id) + QStringLiteral("/test"),
        {}, &Delivery::fromJson);
}

Operation<Page<Delivery>> deliveries(const QString &status, const QString &channelId,
                                     const QString &limit)
{
    QString query = QStringLiteral("/deliveries?limit=") +
        percentEncoded(limit.isEmpty() ? QStringLiteral("50") : limit);
    if (!status.isEmpty())
        query += QStringLiteral("&status=") + percentEncoded(status);
    if (!channelId.isEmpty())
        query += QStringLiteral("&channel=") + percentEncoded(channelId);
    return listing<Delivery>(Api + query, &Delivery::fromJson);
}

Operation<Delivery> delivery(const QString &id)
{
    return one<Delivery>("GET", Api + QStringLiteral("/deliveries/") + percentEncoded(id), {},
                         &Delivery::fromJson);
}

Operation<Delivery> redriveDelivery(const QString &id)
{
    return one<Delivery>("POST",
                         Api + QStringLiteral("/deliveries/") + percentEncoded(id) +
                             QStringLiteral("/redrive"),
                         {}, &Delivery::fromJson);
}

Operation<qint64> redriveDeliveries(const QString &status, const QString &channelId)
{
    QJsonObject body { { QStringLiteral("status"), status } };
    if (!channelId.isEmpty())
        body.insert(QStringLiteral("channel_id"), channelId);
    return count("POST", Api + QStringLiteral("/deliveries/redrive"), compact(body),
                 QStringLiteral("redriven"));
}

Operation<Page<Snapshot>> snapshots(const QString &watcherId, const QString &cursor)
{
    return listing<Snapshot>(watcherPath(watcherId) + QStringLiteral("/snapshots?limit=1000") +
                                 cursorQuery(cursor),
                             &Snapshot::fromJson);
}

Operation<Snapshot> snapshot(const QString &watcherId, const QString &id)
{
    return one<Snapshot>(
        "GET", watcherPath(watcherId) + QStringLiteral("/snapshots/") + percentEncoded(id), {},
        &Snapshot::fromJson);
}

Operation<SnapshotDiff> snapshotDiff(const QString &watcherId, const QString &from,
                                     const QString &to, const QString &by)
{
    return one<SnapshotDiff>("GET",
                             watcherPath(watcherId) + QStringLiteral("/snapshots/") +
                                 percentEncoded(from) + QStringLiteral("/diff/") +
                                 percentEncoded(to) + QStringLiteral("?by=") + percentEncoded(by),
                             {}, &SnapshotDiff::fromJson);
}

Operation<Page<KvEntry>> kvKeys(const QString &prefix, const QString &cursor, KvStore store)
{
    QString path = kvBase(store) + QStringLiteral("?limit=1000");
    if (!prefix.isEmpty())
        path += QStringLiteral("&prefix=") + percentEncoded(prefix);
    return listing<KvEntry>(path + cursorQuery(cursor), &KvEntry::fromJson);
}

Operation<KvEntry> kvValue(const QString &key, KvStore store)
{
    return { "GET", kvPath(key, store), {}, [](const ApiReply &reply) {
                return KvEntry::fromBody(reply.body);
            } };
}

Operation<Written> setKvValue(const QString &key, const QByteArray &json, KvStore store)
{
    return written(kvPath(key, store), json);
}

Operation<Done> removeKvValue(const QString &key, KvStore store)
{
    return done("DELETE", kvPath(key, store));
}

Operation<Page<SecretInfo>> secrets(const QString &cursor)
{
    return listing<SecretInfo>(Api + QStringLiteral("/secrets?limit=1000") + cursorQuery(cursor),
                               &SecretInfo::fromJson);
}

Operation<Written> setSecret(const QString &name, const QString &value)
{
    return written(secretPath(name), compact(QJsonObject { { QStringLiteral("value"), value } }));
}

Operation<QString> revealSecret(const QString &name)
{
    return { "POST", secretPath(name) + QStringLiteral("/reveal"), "{}",
             [](const ApiReply &reply) -> std::optional<QString> {
                 const QJsonValue value = objectOf(reply).value(QStringLiteral("value"));
                 if (!value.isString())
                     return std::nullopt;
                 return value.toString();
             } };
}

Operation<Done> removeSecret(const QString &name)
{
    return done("DELETE", secretPath(name));
}

Operation<KeyStatus> rotateKey()
{
    return { "POST", Api + QStringLiteral("/secrets/rotate-key"), "{}", [](const ApiReply &reply) {
                return std::optional<KeyStatus>(KeyStatus::fromJson(objectOf(reply)));
            } };
}

Operation<qint64> resetSecrets()
{
    return count("POST", Api + QStringLiteral("/secrets/reset"), R"({"confirm":true})",
                 QStringLiteral("deleted"));
}

Operation<QList<FireTime>> previewSchedule(const ScheduleQuery &query)
{
    QJsonObject request { { QStringLiteral("schedule"), query.schedule.toJson() } };
    if (!query.from.isEmpty())
        request.insert(QStringLiteral("from"), query.from);
    if (query.count)
        request.insert(QStringLiteral("count"), *query.count);
    return { "POST", Api + QStringLiteral("/schedules/preview"), compact(request),
             [](const ApiReply &reply) -> std::optional<QList<FireTime>> {
                 const QJsonValue fires = objectOf(reply).value(QStringLiteral("fires"));
                 if (!fires.isArray())
                     return std::nullopt;
                 QList<FireTime> times;
                 for (const QJsonValue &fire : fires.toArray())
                     times.append({ fire.toObject().value(QStringLiteral("utc")).toString(),
                                    fire.toObject().value(QStringLiteral("local")).toString() });
                 return times;
             } };
}

Operation<ScriptRun> runScript(const QString &source, const QJsonObject &event,
                               const std::optional<lua::Limits> &limits, ScriptMode mode)
{
    QJsonObject request { { QStringLiteral("source"), source } };
    if (mode == ScriptMode::Preview)
        request.insert(QStringLiteral("preview"), true);
    if (!event.isEmpty())
        request.insert(QStringLiteral("event"), event);
    if (limits)
        request.insert(QStringLiteral("limits"),
                       QJsonObject { { QStringLiteral("instructions"), limits->instructions },
                                     { QStringLiteral("memory_bytes"), limits->memoryBytes },
                                     { QStringLiteral("timeout_ms"), limits->timeoutMs } });
    return { "POST", Api + QStringLiteral("/scripts/run"), compact(request),
             [](const ApiReply &reply) { return ScriptRun::fromBody(reply.body); },
             // The script's own limits bound the wait; room beyond the default 30 s.
             330000 };
}

Operation<QList<WatcherTemplateInfo>> templates()
{
    return { "GET",
             Api + QStringLiteral("/templates"),
             {},
             [](const ApiReply &reply) -> std::optional<QList<WatcherTemplateInfo>> {
                 auto page = pageOf<WatcherTemplateInfo>(reply, &WatcherTemplateInfo::fromJson);
                 if (!page)
                     return std::nullopt;
                 return page->items;
             } };
}

Operation<TemplatePreview> previewTemplate(const QString &name, const QJsonObject &params)
{
    return { "POST",
             Api + QStringLiteral("/templates/") + percentEncoded(name) +
                 QStringLiteral("/preview"),
             compact(QJsonObject { { QStringLiteral("params"), params } }),
             [](const ApiReply &reply) { return TemplatePreview::fromBody(reply.body); },
             // A run within the default limits (30 s), and room.
             60000 };
}

Operation<BackupCopy> backup(const QString &absolutePath)
{
    return { "POST", Api + QStringLiteral("/backup"),
             compact(QJsonObject { { QStringLiteral("path"), absolutePath } }),
             [](const ApiReply &reply) -> std::optional<BackupCopy> {
                 const QJsonObject json = objectOf(reply);
                 if (!json.value(QStringLiteral("path")).isString())
                     return std::nullopt;
                 return BackupCopy { json.value(QStringLiteral("path")).toString(),
                                     json.value(QStringLiteral("size_bytes")).toInteger() };
             },
             // Copying a large database takes a while.
             10 * 60 * 1000 };
}

Operation<Page<DeviceWorker>> workers()
{
    return listing<DeviceWorker>(Api + QStringLiteral("/workers"), &DeviceWorker::fromJson);
}

Operation<Done> removeWorker(const QString &id)
{
    return done("DELETE", Api + QStringLiteral("/workers/") + percentEncoded(id));
}

Operation<WorkerRegistration> registerWorker(const QString &name, const QStringList &agentKinds)
{
    return { "POST", Api + QStringLiteral("/workers"),
             compact(QJsonObject {
                 { QStringLiteral("name"), name },
                 { QStringLiteral("agent_kinds"), QJsonArray::fromStringList(agentKinds) } }),
             [](const ApiReply &reply) -> std::optional<WorkerRegistration> {
                 const QJsonObject json = objectOf(reply);
                 std::optional<DeviceWorker> worker = DeviceWorker::fromJson(json);
                 const QByteArray token = json.value(QStringLiteral("token")).toString().toLatin1();
                 if (!worker || token.isEmpty())
                     return std::nullopt;
                 return WorkerRegistration { std::move(*worker), token };
             } };
}

Operation<DeviceWorker> announceWorker(const QString &id, const QString &name,
                                       const QStringList &agentKinds)
{
    return one<DeviceWorker>("PATCH", Api + QStringLiteral("/workers/") + percentEncoded(id),
                             compact(QJsonObject { { QStringLiteral("name"), name },
                                                   { QStringLiteral("agent_kinds"),
                                                     QJsonArray::fromStringList(agentKinds) } }),
                             &DeviceWorker::fromJson);
}

Operation<std::optional<RunClaim>> pollForRun(int waitSeconds)
{
    return { "POST", Api + QStringLiteral("/workers/poll"),
             compact(QJsonObject { { QStringLiteral("wait_s"), waitSeconds } }),
             [](const ApiReply &reply) -> std::optional<std::optional<RunClaim>> {
                 if (reply.status == 204)
                     return std::optional<RunClaim>(); // nothing came
                 std::optional<RunClaim> claim = RunClaim::fromJson(objectOf(reply));
                 if (!claim)
                     return std::nullopt;
                 return claim;
             },
             // The runtime holds the poll up to wait_s; allow it that and a margin.
             (waitSeconds + 15) * 1000 };
}

Operation<Done> heartbeatRun(const QString &runId, const QList<LogLine> &lines)
{
    return done("POST",
                Api + QStringLiteral("/workers/runs/") + percentEncoded(runId) +
                    QStringLiteral("/heartbeat"),
                compact(QJsonObject { { QStringLiteral("logs"), logLinesJson(lines) } }));
}

Operation<scheduler::RunStatus> completeRun(const QString &runId, const AgentCompletion &completion)
{
    QJsonObject body {
        { QStringLiteral("status"),
          scheduler::runStatusName(completion.succeeded ? scheduler::RunStatus::Succeeded
                                                        : scheduler::RunStatus::Failed) },
        { QStringLiteral("output"), completion.output },
        { QStringLiteral("duration_ms"), completion.durationMs },
    };
    if (completion.succeeded)
        body.insert(QStringLiteral("result"), jsonValueOrNull(completion.resultJson));
    else
        body.insert(QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("code"), completion.errorCode },
                                  { QStringLiteral("message"), completion.errorMessage } });
    if (completion.exitCode)
        body.insert(QStringLiteral("exit_code"), *completion.exitCode);
    return { "POST",
             Api + QStringLiteral("/workers/runs/") + percentEncoded(runId) +
                 QStringLiteral("/complete"),
             compact(body), [](const ApiReply &reply) -> std::optional<scheduler::RunStatus> {
                 return scheduler::runStatusFromName(objectOf(reply)
                                                         .value(QStringLiteral("run"))
                                                         .toObject()
                                                         .value(QStringLiteral("status"))
                                                         .toString());
             } };
}

Operation<RunScope> runScope()
{
    return one<RunScope>("GET", Api + QStringLiteral("/run-scope"), {}, &RunScope::fromJson);
}

Operation<Notification> notifyFromRun(NotificationLevel level, const QString &title,
                                      const QString &body)
{
    return { "POST", Api + QStringLiteral("/run-scope/notify"),
             compact(QJsonObject { { QStringLiteral("title"), title },
                                   { QStringLiteral("body"), body },
                                   { QStringLiteral("level"), notificationLevelName(level) } }),
             [](const ApiReply &reply) {
                 return Notification::fromJson(
                     objectOf(reply).value(QStringLiteral("notification")).toObject());
             } };
}

Operation<Done> logFromRun(const QList<LogLine> &lines)
{
    return done("POST", Api + QStringLiteral("/run-scope/log"),
                compact(QJsonObject { { QStringLiteral("logs"), logLinesJson(lines) } }));
}

} // namespace api

} // namespace hearth::client
