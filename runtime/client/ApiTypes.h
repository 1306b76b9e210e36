#pragma once

#include "model/Approval.h"
#include "model/Escalation.h"
#include "model/Levels.h"
#include "model/RunStatus.h"
#include "model/WatcherSpec.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// The API's answers as typed values, each read from its JSON in one place
// (ApiTypes.cpp): the CLI and the tray hold no JSON key. Ids are the API's
// strings; enums are the model's, so a status has one spelling everywhere.
namespace hearth::client {

// An id: a string in the API, a number taken too; empty for anything else.
QString idOf(const QJsonValue &value);
// A JSON number as a whole number; nothing for null or another type.
std::optional<qint64> wholeNumber(const QJsonValue &value);

// An instant as the API sent it (RFC 3339), kept verbatim for printing and
// parsed on demand; null when the API sent null or nothing.
class Timestamp
{
public:
    Timestamp() = default;
    explicit Timestamp(QString text)
        : m_text(std::move(text))
    {
    }
    bool isNull() const { return m_text.isEmpty(); }
    const QString &text() const { return m_text; }
    QDateTime dateTime() const; // invalid when null

private:
    QString m_text;
};

struct Watcher
{
    QString id;
    // What the user set, defaults filled in. In listings a Lua script is
    // left out (empty here): api::watcher(id) has it.
    scheduler::WatcherSpec spec;
    bool paused = false; // disabled by Pause all
    Timestamp nextRunAt;
    Timestamp lastFiredAt;
    Timestamp createdAt;
    Timestamp updatedAt;
    // Who created it and who last changed it ("tray", "cli", "mcp:<client>",
    // …, see model/Actor.h); empty when not known.
    QString createdBy;
    QString updatedBy;
    // A change made over MCP waits, disabled, for a person (model/Approval).
    Approval approval = Approval::Approved;
    QString revision; // names this version for approve/reject
    QString approvalRequestedBy; // pending: the MCP client that asked
    bool enablesOnApproval = false; // pending: approving enables it
    QString approvedBy; // who approved or rejected last

    bool awaitsApproval() const { return approval == Approval::Pending; }
    // The answer must be a watcher as the API describes it; nothing otherwise.
    static std::optional<Watcher> fromJson(const QJsonObject &json);
};

// What a watcher reaches (model/WatcherReach's JSON).
struct Reach
{
    QStringList domains;
    bool urlsBuiltAtRunTime = false;
    QStringList secrets;
    bool secretsNamedAtRunTime = false;
    bool sendsEmail = false;
    QString agentProfile;
    QString deviceWorkerId;
    QString workdir;
    QString folder;
    bool webhook = false;
    QString after;
    std::optional<QStringList> channels; // none: the default channels

    static Reach fromJson(const QJsonObject &json);
};

// GET /api/v1/watchers/{id}/review: what a person approving it sees.
struct WatcherReview
{
    Watcher watcher;
    Reach reach;
    // The version a rejection restores (none: the watcher is new).
    std::optional<scheduler::WatcherSpec> approved;
    std::optional<Reach> approvedReach;
    QString changes; // a unified diff; empty when nothing awaits approval

    static std::optional<WatcherReview> fromJson(const QJsonObject &json);
};

// POST /api/v1/watchers/{id}/reject: the version restored, or none when
// the watcher was new and is deleted.
struct Rejected
{
    std::optional<Watcher> restored;

    static std::optional<Rejected> fromJson(const QJsonObject &json);
};

struct RunError
{
    QString code; // an outcome name ("timeout", "script_error", …) or an agent's code
    QString message;
};

struct Run
{
    QString id;
    QString watcherId;
    scheduler::RunStatus status = scheduler::RunStatus::Pending;
    scheduler::RunTrigger trigger = scheduler::RunTrigger::Manual;
    int attempt = 1;
    Timestamp scheduledFor;
    Timestamp createdAt;
    Timestamp startedAt;
    Timestamp finishedAt;
    std::optional<RunError> error;
    std::optional<qint64> durationMs;
    std::optional<qint64> instructions;
    std::optional<qint64> peakMemory;
    std::optional<qint64> exitCode;
    QString workerId; // empty: not an agent run, or not claimed yet
    // A chained run: the upstream run that started it (empty: none) and its
    // depth in the chain. An escalation: the Lua run that asked for it.
    QString parentRunId;
    int chainDepth = 0;
    // An escalation: what its agent is asked (the data is its event).
    std::optional<scheduler::EscalationTask> escalation;
    QByteArray eventJson = "{}"; // what started it (ctx.event), as JSON text
    QString actor; // who started it (see model/Actor.h); empty when not known
    QString output; // an agent's output; only in a run read alone
    // The run's result as JSON text, exactly as the runtime stored it when
    // the run was read alone (large integers keep every digit); "null"
    // while there is none.
    QByteArray resultJson;

    bool isFinished() const { return !scheduler::isActive(status); }

    static std::optional<Run> fromJson(const QJsonObject &json);
    // A run answered alone (GET /runs/{id}, run now, retry, cancel).
    static std::optional<Run> fromBody(const QByteArray &body);
};

struct LogLine
{
    int seq = 0;
    Timestamp time;
    LogLevel level = LogLevel::Info;
    QString message;
    QJsonValue data; // any JSON the script attached; undefined when none

    static std::optional<LogLine> fromJson(const QJsonObject &json);
    // The line as the API sends it.
    QJsonObject toJson() const;
};

// A page of a run's log, with the run's status when it was read.
struct RunLog
{
    scheduler::RunStatus runStatus = scheduler::RunStatus::Pending;
    QList<LogLine> lines;
};

struct Notification
{
    QString id;
    QString watcherId; // empty: not a watcher's
    QString runId; // empty: not a run's
    NotificationLevel level = NotificationLevel::Info;
    QString title;
    QString body;
    Timestamp createdAt;
    Timestamp readAt; // null: unread

    bool isRead() const { return !readAt.isNull(); }
    static std::optional<Notification> fromJson(const QJsonObject &json);
};

// A secret's name and dates; values are never listed.
struct SecretInfo
{
    QString name;
    Timestamp createdAt;
    Timestamp updatedAt;

    static std::optional<SecretInfo> fromJson(const QJsonObject &json);
};

struct KvEntry
{
    QString key;
    QByteArray valueJson; // exactly as stored; empty in listings (they carry no values)
    Timestamp updatedAt;

    static std::optional<KvEntry> fromJson(const QJsonObject &json);
    // A key read alone: its value's exact text.
    static std::optional<KvEntry> fromBody(const QByteArray &body);
};

// A watcher's snapshot (listings carry no text).
struct Snapshot
{
    QString id;
    QString watcherId;
    QString runId; // empty once its run was pruned
    Timestamp createdAt;
    qint64 size = 0;
    QString text; // GET of one snapshot only

    static std::optional<Snapshot> fromJson(const QJsonObject &json);
};

// A notification channel (GET /api/v1/channels): what a listing shows of
// it; `settings` is its kind's object as the API has it.
struct Channel
{
    QString id;
    QString name;
    QString kind; // email, ntfy, webhook
    bool isDefault = false;
    bool muted = false;
    QJsonObject settings;
    QJsonObject json; // the whole record, for edits that keep the rest

    // Where it sends, in a few words: the recipients, topic@server or URL.
    QString destination() const;
    static std::optional<Channel> fromJson(const QJsonObject &json);
};

struct DeliveryAttemptInfo
{
    int attempt = 0;
    Timestamp startedAt;
    QString outcome;
    QString response;
};

// One notification's (or test's) delivery to one channel.
struct Delivery
{
    QString id;
    QString channel;
    QString status; // pending, sending, delivered, failed, dead, suppressed
    int attempts = 0;
    QString title;
    QString lastError;
    Timestamp createdAt;
    QList<DeliveryAttemptInfo> attemptLog; // GET of one delivery only

    bool finished() const { return status != u"pending" && status != u"sending"; }
    static std::optional<Delivery> fromJson(const QJsonObject &json);
};

// What changed between two snapshots.
struct SnapshotDiff
{
    Snapshot from;
    Snapshot to;
    bool changed = false;
    QStringList added;
    QStringList removed;
    QString unified;

    static std::optional<SnapshotDiff> fromJson(const QJsonObject &json);
};

// A watcher template (GET /api/v1/templates) and its parameters, read from
// their JSON Schema: what a form is built from.
struct TemplateParamInfo
{
    enum class Kind { Url, Text, Number, Choice };
    QString name;
    Kind kind = Kind::Text;
    bool required = false;
    QString description;
    QStringList choices; // Choice
    QJsonValue defaultValue; // undefined: none
    // Needed (and only meaningful) when another parameter has one of these
    // values (the schema's if/then): {param, value}.
    QList<std::pair<QString, QString>> requiredWhen;
};

struct WatcherTemplateInfo
{
    QString name;
    QString title;
    QString description;
    QList<TemplateParamInfo> params;

    static std::optional<WatcherTemplateInfo> fromJson(const QJsonObject &json);
};

struct DeviceWorker
{
    QString id;
    QString name;
    QStringList agentKinds;
    bool online = false;
    Timestamp createdAt;
    Timestamp lastSeenAt;
    QStringList activeRuns; // run ids

    static std::optional<DeviceWorker> fromJson(const QJsonObject &json);
};

// A device worker as it registered: the token is shown this once.
struct WorkerRegistration
{
    DeviceWorker worker;
    QByteArray token;
};

// An agent run a device worker claimed: what to run, and how often to
// heartbeat it.
struct RunClaim
{
    QString runId;
    QString watcherName;
    scheduler::AgentTask task;
    int heartbeatSeconds = 5;
    // What the run's own MCP server presents (RunScope); empty from a
    // hearthd that mints none.
    QByteArray runToken;

    static std::optional<RunClaim> fromJson(const QJsonObject &json);
};

// What a run token opens (GET /api/v1/run-scope): the running run and its
// watcher.
struct RunScope
{
    QString runId;
    QString watcherId;
    QString watcherName;

    static std::optional<RunScope> fromJson(const QJsonObject &json);
};

// Where the secrets' master key stands (status and rotation).
struct KeyStatus
{
    QString state; // "ready", "locked", "unavailable", … (the runtime's words)
    QString source; // "keychain", "environment", "file"; empty: none
    QString fingerprint; // its first 16 hex digits; empty: no key
    std::optional<qint64> keyVersion;
    QString message; // why secrets are not served
    QString warning; // e.g. a key kept in a file

    enum class Source { None, Keychain, Environment, File, Other };
    bool isReady() const;
    Source sourceKind() const;

    static KeyStatus fromJson(const QJsonObject &json);
};

// GET /api/v1/status.
struct Status
{
    QString version;
    qint64 pid = 0;
    Timestamp startedAt;
    qint64 uptimeSeconds = 0;
    QString dataDir;
    QString databasePath;
    qint64 databaseBytes = 0;
    qint64 databaseFreeBytes = 0;
    qint64 schema = 0;
    qint64 retentionDays = 0;
    qint64 runsKeptPerWatcher = 0;
    qint64 kvKeys = 0;
    qint64 secrets = 0;
    qint64 enabledWatchers = 0;
    qint64 pausedWatchers = 0;
    qint64 watchersAwaitingApproval = 0;
    // Escalations of all watchers in the last 24 hours, and hearthd's budget.
    qint64 escalationsLastDay = 0;
    qint64 escalationBudget = 0;
    KeyStatus key;
    QList<DeviceWorker> workers;
    // The webhook listener ("http://127.0.0.1:8788"); empty when it is off.
    QString webhooksUrl;

    static std::optional<Status> fromJson(const QJsonObject &json);
};

// A schedule's next fire times (POST /api/v1/schedules/preview), as the
// runtime words them: the instant in UTC and in the schedule's zone.
struct FireTime
{
    QString utc;
    QString local;
};

// A notification a preview would send.
struct DraftNotification
{
    NotificationLevel level = NotificationLevel::Info;
    QString title;
    QString body;
};

// An ad-hoc script run (POST /api/v1/scripts/run).
struct ScriptRun
{
    bool succeeded = false;
    std::optional<RunError> error;
    QList<LogLine> logs; // without seq and time
    QByteArray resultJson; // exactly as sent
    std::optional<qint64> durationMs;
    std::optional<qint64> instructions;
    std::optional<qint64> peakMemory;
    // A preview's notify{} calls (sent nowhere).
    QList<DraftNotification> notifications;

    static std::optional<ScriptRun> fromBody(const QByteArray &body);
};

// What a template would find and say now (POST /templates/{name}/preview):
// the watcher it makes, its run, what it would keep and send.
struct TemplatePreview
{
    // The watcher's fields as saving would store them (name, schedule,
    // script).
    QJsonObject watcher;
    ScriptRun run; // with the notifications it would send
    std::optional<QString> snapshot;

    static std::optional<TemplatePreview> fromBody(const QByteArray &body);
};

// A finished backup (POST /api/v1/backup).
struct BackupCopy
{
    QString path;
    qint64 sizeBytes = 0;
};

// What a PUT did.
enum class Written { Created, Updated };

// One page of a listing; `next` is the cursor of the following page, empty
// after the last.
template<typename T> struct Page
{
    QList<T> items;
    QString next;
};

} // namespace hearth::client
