#pragma once

#include "ApiTypes.h"
#include "RuntimeConnection.h"
#include "model/ScriptTypes.h"

#include <QJsonObject>
#include <functional>
#include <optional>
#include <type_traits>

// hearthd's API as typed operations: every URL, query and request body is
// written here once, and every answer is read into ApiTypes' values once.
// The CLI's commands and the tray hold neither URLs nor JSON keys.
namespace hearth::client {

// What a request answered: the reply as it came (the CLI prints it as it is
// with --output json) and, when it succeeded and could be read, its value.
template<typename T> struct Answer
{
    ApiReply reply;
    std::optional<T> value;

    bool ok() const { return value.has_value(); }
};

// A successful answer without a value of its own (DELETE).
struct Done
{
};

// One API operation: what to send, and how to read a successful answer.
template<typename T> struct Operation
{
    QByteArray method;
    QString pathAndQuery;
    QByteArray body;
    std::function<std::optional<T>(const ApiReply &reply)> read;
    int timeoutMs = 30000;
    // A device worker's calls carry its token.
    ApiClient::Headers headers = {};
};

// A schedule as a person gives it; the runtime checks it.
struct ScheduleForm
{
    std::optional<QString> cron;
    std::optional<QString> timeZone; // the zone a cron is read in
    std::optional<qint64> everySeconds;
    std::optional<QString> at; // RFC 3339

    bool isSet() const { return cron || everySeconds || at; }
    QJsonObject toJson() const;
};

// The watcher fields to create or change. A JSON file the user gave is the
// starting point (`document`); the fields set here replace its own.
struct WatcherChanges
{
    QJsonObject document;
    std::optional<QString> name;
    ScheduleForm schedule;
    // Start after this watcher's runs (replacing a schedule); `afterWhen`
    // the condition's name, checked by the runtime.
    std::optional<QString> after;
    std::optional<QString> afterWhen;
    // Start on changes in a folder (replacing a schedule): the trigger's
    // fields as the API takes them ({path, recursive, glob, settle_ms}),
    // checked by the runtime.
    std::optional<QJsonObject> folder;
    // Start on webhooks (replacing a schedule), verified this way
    // ("standard", "github", "none"), checked by the runtime.
    std::optional<QString> webhook;
    std::optional<QString> script;
    std::optional<QString> agentKind; // makes it an agent watcher
    std::optional<QString> prompt;
    std::optional<QString> deviceWorkerId;
    // An agent watcher's result_schema; null drops it.
    std::optional<QJsonValue> resultSchema;
    std::optional<bool> enabled;
    // The watcher's own history limits (an empty inner value: as hearthd
    // keeps them). The runtime replaces the history object whole:
    // completeHistory() fills what is not given from the watcher as it is.
    std::optional<std::optional<int>> keepRuns;
    std::optional<std::optional<int>> keepDays;
    // Sent with a history change as they are (the CLI sets no snapshot
    // limits).
    std::optional<int> keepSnapshots;
    std::optional<int> keepSnapshotDays;

    bool changesHistory() const { return keepRuns.has_value() || keepDays.has_value(); }
    void completeHistory(const scheduler::HistoryLimits &current);
    bool isEmpty() const;
    // A new watcher needs a name, a schedule or a trigger, and a script (Lua) or a prompt
    // (agent), here or in the document.
    bool isCompleteForCreate() const;
    bool isAgent() const;
    QJsonObject toJson() const;
};

// Which runs to list (newest first).
struct RunQuery
{
    QString watcherId; // empty: every watcher's
    QString status; // empty: any; the runtime checks the name
    QString limit; // empty: the runtime's default; the runtime checks it
};

struct ScheduleQuery
{
    ScheduleForm schedule;
    QString from; // RFC 3339; empty: now
    std::optional<int> count; // empty: the runtime's default
};

// What a device worker reports when its agent is done.
struct AgentCompletion
{
    bool succeeded = false;
    QString output;
    qint64 durationMs = 0;
    QByteArray resultJson = "null"; // succeeded
    QString errorCode; // failed
    QString errorMessage;
    std::optional<int> exitCode;
};

// The same operation, sent as the device worker whose token this is.
template<typename T> Operation<T> withToken(Operation<T> operation, const QByteArray &token)
{
    operation.headers.append({ "Authorization", "Bearer " + token });
    return operation;
}

namespace api {

Operation<Status> status();

// A page of watchers by id (the runtime's largest); `collect` follows them.
Operation<Page<Watcher>> watchers(const QString &cursor);
Operation<Watcher> watcher(const QString &id);
Operation<Watcher> createWatcher(const WatcherChanges &changes);
Operation<Watcher> updateWatcher(const QString &id, const WatcherChanges &changes);
// The watcher a create or an update would store, checked the same way and
// not stored (validate_only).
Operation<scheduler::WatcherSpec> validateNewWatcher(const WatcherChanges &changes);
Operation<scheduler::WatcherSpec> validateWatcherChanges(const QString &id,
                                                         const WatcherChanges &changes);
Operation<Done> deleteWatcher(const QString &id);
// `event` is what the run sees as ctx.event (empty: {}).
Operation<Run> runWatcher(const QString &id, const QJsonObject &event = {});
// Approvals: what a person sees, and their decision on the version they saw
// (`revision`; empty: whatever is stored).
Operation<WatcherReview> watcherReview(const QString &id);
Operation<Watcher> approveWatcher(const QString &id, const QString &revision = {});
Operation<Rejected> rejectWatcher(const QString &id, const QString &revision = {});
// The watchers each changed.
Operation<Page<Watcher>> pauseAll();
Operation<Page<Watcher>> resumeAll();

Operation<Page<Run>> runs(const RunQuery &query);
// A watcher's snapshots, newest first; one with its text; what changed
// between two (by "lines" or "words").
Operation<Page<Snapshot>> snapshots(const QString &watcherId, const QString &cursor);
Operation<Snapshot> snapshot(const QString &watcherId, const QString &id);
Operation<SnapshotDiff> snapshotDiff(const QString &watcherId, const QString &from,
                                     const QString &to, const QString &by);
Operation<Run> run(const QString &id);
Operation<Run> cancelRun(const QString &id);
Operation<Run> retryRun(const QString &id);
// The run's log lines after `afterSeq`.
Operation<RunLog> runLog(const QString &runId, int afterSeq);

Operation<Page<Notification>> notifications(bool unreadOnly, const QString &limit);
Operation<Done> markNotificationRead(const QString &id);
// How many were marked.
Operation<qint64> markAllNotificationsRead();

Operation<Page<Channel>> channels();
// The channel's fields as the API takes them.
Operation<Channel> createChannel(const QJsonObject &fields);
// The fields given replace the channel's own.
Operation<Channel> updateChannel(const QString &id, const QJsonObject &fields);
Operation<Done> deleteChannel(const QString &id);
// Queues a test message; answers its delivery.
Operation<Delivery> testChannel(const QString &id);
// Newest first; `status` and `channelId` narrow the list when not empty.
Operation<Page<Delivery>> deliveries(const QString &status, const QString &channelId,
                                     const QString &limit);
Operation<Delivery> delivery(const QString &id);
Operation<Delivery> redriveDelivery(const QString &id);
// Every failed, dead or suppressed delivery (one channel's when given);
// how many.
Operation<qint64> redriveDeliveries(const QString &status, const QString &channelId);

// Whose keys: the global namespace's, or the run's watcher's (an agent
// run's own calls, sent withToken(…, its run token)).
enum class KvStore { Global, OfRun };
Operation<Page<KvEntry>> kvKeys(const QString &prefix, const QString &cursor,
                                KvStore store = KvStore::Global);
Operation<KvEntry> kvValue(const QString &key, KvStore store = KvStore::Global);
Operation<Written> setKvValue(const QString &key, const QByteArray &json,
                              KvStore store = KvStore::Global);
Operation<Done> removeKvValue(const QString &key, KvStore store = KvStore::Global);

Operation<Page<SecretInfo>> secrets(const QString &cursor);
Operation<Written> setSecret(const QString &name, const QString &value);
Operation<QString> revealSecret(const QString &name);
Operation<Done> removeSecret(const QString &name);
Operation<KeyStatus> rotateKey();
// How many secrets were deleted.
Operation<qint64> resetSecrets();

Operation<QList<FireTime>> previewSchedule(const ScheduleQuery &query);
Operation<QList<WatcherTemplateInfo>> templates();
// Runs what the template makes from `params` once, sending nothing.
Operation<TemplatePreview> previewTemplate(const QString &name, const QJsonObject &params);
// Without `limits`, the runtime's defaults. A preview sends no
// notification: the answer has them as drafts.
enum class ScriptMode { Run, Preview };
Operation<ScriptRun> runScript(const QString &source, const QJsonObject &event = {},
                               const std::optional<lua::Limits> &limits = std::nullopt,
                               ScriptMode mode = ScriptMode::Run);
Operation<BackupCopy> backup(const QString &absolutePath);

Operation<Page<DeviceWorker>> workers();
Operation<Done> removeWorker(const QString &id);

// A device worker's own calls. After registering, each carries the token
// registration answered (`withToken`), which says which worker calls.
Operation<WorkerRegistration> registerWorker(const QString &name, const QStringList &agentKinds);
// A registered worker says it is back, under its name and kinds now.
Operation<DeviceWorker> announceWorker(const QString &id, const QString &name,
                                       const QStringList &agentKinds);
// Waits up to `waitSeconds` for a run pinned to the worker; none if none came.
Operation<std::optional<RunClaim>> pollForRun(int waitSeconds);
// Renews the lease of a run the worker holds and sends its new log lines.
Operation<Done> heartbeatRun(const QString &runId, const QList<LogLine> &lines);
// How the run ended; answers the run's status now.
Operation<scheduler::RunStatus> completeRun(const QString &runId,
                                            const AgentCompletion &completion);

// An agent run's own calls (its MCP server's), each sent withToken(…, the
// run token its worker was handed), besides KvStore::OfRun: what the token
// opens, a notification under the watcher's cooldown and budget (refused,
// 429, when held back), lines for the run's log.
Operation<RunScope> runScope();
Operation<Notification> notifyFromRun(NotificationLevel level, const QString &title,
                                      const QString &body);
Operation<Done> logFromRun(const QList<LogLine> &lines);

} // namespace api

// Runs operations over a verified connection.
class HearthApi
{
public:
    explicit HearthApi(ApiClient &client)
        : m_client(client)
    {
    }

    ApiClient &client() const { return m_client; }

    // Synchronous (a local event loop), for the CLI.
    template<typename T> Answer<T> call(const Operation<T> &operation) const
    {
        Answer<T> answer { m_client.call(operation.method, operation.pathAndQuery, operation.body,
                                         operation.timeoutMs, operation.headers),
                           std::nullopt };
        finish(answer, operation);
        return answer;
    }

    // Asynchronous, for the tray and the worker: `done` runs on `context`
    // once the answer (or the timeout) is in, and not at all if `context` is
    // gone by then. The reply may be aborted meanwhile.
    template<typename T>
    class QNetworkReply *
    send(const Operation<T> &operation, QObject *context,
         std::type_identity_t<std::function<void(const Answer<T> &)>> done) const
    {
        return m_client.request(
            operation.method, operation.pathAndQuery, operation.body, context,
            [operation, done = std::move(done)](const ApiReply &reply) {
                Answer<T> answer { reply, std::nullopt };
                finish(answer, operation);
                done(answer);
            },
            operation.timeoutMs, operation.headers);
    }

    // Every page of a listing, following "next": the items, and every page's
    // items as one {"items": […]} document for --output json; or the first
    // failed page's reply.
    template<typename T> struct Collected
    {
        QList<T> items;
        QByteArray json;
        std::optional<ApiReply> failure;
    };
    template<typename T>
    Collected<T> collect(const std::function<Operation<Page<T>>(const QString &cursor)> &page) const
    {
        Collected<T> collected;
        QList<QByteArray> bodies;
        QString cursor;
        do {
            const Answer<Page<T>> answer = call(page(cursor));
            if (!answer.ok()) {
                collected.failure = answer.reply;
                return collected;
            }
            collected.items.append(answer.value->items);
            bodies.append(answer.reply.body);
            cursor = answer.value->next;
        } while (!cursor.isEmpty());
        collected.json = mergedItems(bodies);
        return collected;
    }

private:
    template<typename T> static void finish(Answer<T> &answer, const Operation<T> &operation)
    {
        if (!answer.reply.isSuccess())
            return;
        answer.value = operation.read(answer.reply);
        if (!answer.value)
            markUnreadable(answer.reply, operation.method, operation.pathAndQuery);
    }
    // A 2xx whose body is not what the operation answers: the reply then
    // says so as its error.
    static void markUnreadable(ApiReply &reply, const QByteArray &method, const QString &path);
    static QByteArray mergedItems(const QList<QByteArray> &listBodies);

    ApiClient &m_client;
};

} // namespace hearth::client
