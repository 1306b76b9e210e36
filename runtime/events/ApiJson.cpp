#include "ApiJson.h"

#include "core/JsonText.h"
#include "model/RunStatus.h"
#include "model/Schedule.h"
#include "model/TextDiff.h"
#include "model/WatcherReach.h"
#include "store/ChannelRepository.h"
#include "store/DeliveryRepository.h"
#include "store/NotificationRepository.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"
#include "store/WorkerRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::events {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue numberOrNull(std::optional<qint64> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject toApiJson(const RunRecord &run)
{
    QJsonValue error(QJsonValue::Null);
    if (!run.errorCode.isEmpty()) {
        error = QJsonObject { { QStringLiteral("code"), run.errorCode },
                              { QStringLiteral("message"), run.errorMessage } };
    }
    QJsonObject json {
        { QStringLiteral("id"), QString::number(run.id) },
        { QStringLiteral("watcher_id"), QString::number(run.watcherId) },
        { QStringLiteral("scheduled_for"), scheduler::rfc3339FromMs(run.scheduledFor) },
        { QStringLiteral("attempt"), run.attempt },
        { QStringLiteral("trigger"), scheduler::runTriggerName(run.trigger) },
        { QStringLiteral("status"), scheduler::runStatusName(run.status) },
        { QStringLiteral("not_before"), scheduler::rfc3339FromMs(run.notBefore) },
        { QStringLiteral("created_at"), scheduler::rfc3339FromMs(run.createdAt) },
        { QStringLiteral("started_at"), scheduler::rfc3339OrNull(run.startedAt) },
        { QStringLiteral("finished_at"), scheduler::rfc3339OrNull(run.finishedAt) },
        { QStringLiteral("claimed_by"),
          run.claimedBy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(run.claimedBy) },
        { QStringLiteral("lease_expires_at"), scheduler::rfc3339OrNull(run.leaseExpiresAt) },
        { QStringLiteral("event"), jsonValueOrNull(run.eventJson) },
        { QStringLiteral("result"), jsonValueOrNull(run.resultJson) },
        { QStringLiteral("error"), error },
        { QStringLiteral("duration_ms"), numberOrNull(run.durationMs) },
        { QStringLiteral("instructions"), numberOrNull(run.instructions) },
        { QStringLiteral("peak_memory"), numberOrNull(run.peakMemory) },
        { QStringLiteral("worker_id"),
          run.workerId ? QJsonValue(QString::number(*run.workerId))
                       : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("exit_code"), numberOrNull(run.exitCode) },
        { QStringLiteral("parent_run_id"),
          run.parentRunId ? QJsonValue(QString::number(*run.parentRunId))
                          : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("chain_depth"), run.chainDepth },
        { QStringLiteral("actor"), orNull(run.actor) },
    };
    // What an escalation asked the agent (its data is the event).
    const auto task =
        run.isEscalation() ? scheduler::EscalationTask::fromStored(run.taskJson) : std::nullopt;
    json.insert(QStringLiteral("escalation"),
                task ? QJsonValue(task->toJson()) : QJsonValue(QJsonValue::Null));
    return json;
}

QJsonObject toApiJson(const RunLogRecord &line)
{
    QJsonObject json { { QStringLiteral("seq"), line.seq },
                       { QStringLiteral("ts"), line.ts },
                       { QStringLiteral("level"), logLevelName(line.level) },
                       { QStringLiteral("message"), line.message } };
    if (!line.dataJson.isEmpty())
        json.insert(QStringLiteral("data"), jsonValueOrNull(line.dataJson));
    return json;
}

QJsonObject toApiJson(const Notification &notification)
{
    return { { QStringLiteral("id"), QString::number(notification.id) },
             { QStringLiteral("watcher_id"), orNull(notification.watcherId) },
             { QStringLiteral("run_id"), orNull(notification.runId) },
             { QStringLiteral("level"), notificationLevelName(notification.level) },
             { QStringLiteral("title"), notification.title },
             { QStringLiteral("body"), notification.body },
             { QStringLiteral("created_at"), notification.createdAt },
             { QStringLiteral("read_at"), orNull(notification.readAt) } };
}

QJsonObject toApiJson(const WorkerRecord &worker)
{
    return { { QStringLiteral("id"), QString::number(worker.id) },
             { QStringLiteral("name"), worker.name },
             { QStringLiteral("agent_kinds"), QJsonArray::fromStringList(worker.agentKinds) },
             { QStringLiteral("created_at"), scheduler::rfc3339FromMs(worker.createdAt) },
             { QStringLiteral("last_seen_at"), scheduler::rfc3339OrNull(worker.lastSeenAt) } };
}

QJsonObject toApiJson(const WatcherRecord &watcher)
{
    QJsonObject json = watcher.spec.toJson();
    json.insert(QStringLiteral("id"), QString::number(watcher.id));
    json.insert(QStringLiteral("paused"), watcher.paused);
    json.insert(QStringLiteral("next_run_at"), scheduler::rfc3339OrNull(watcher.nextRunAt));
    json.insert(QStringLiteral("last_fired_at"), scheduler::rfc3339OrNull(watcher.lastFiredAt));
    json.insert(QStringLiteral("created_at"), watcher.createdAt);
    json.insert(QStringLiteral("updated_at"), watcher.updatedAt);
    json.insert(QStringLiteral("created_by"), orNull(watcher.createdBy));
    json.insert(QStringLiteral("updated_by"), orNull(watcher.updatedBy));
    const bool pending = watcher.approval == Approval::Pending;
    json.insert(QStringLiteral("approval"), approvalName(watcher.approval));
    json.insert(QStringLiteral("revision"), watcher.revision());
    json.insert(QStringLiteral("approval_requested_by"),
                pending ? orNull(watcher.approvalRequestedBy) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("enables_on_approval"),
                pending ? QJsonValue(watcher.enablesOnApproval) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("approved_by"), orNull(watcher.approvedBy));
    return json;
}

namespace {
// A spec as a person reads it for a review: its settings, then its script
// or prompt as written, so that a diff shows each changed line. Whether it
// is enabled is left out: a change awaiting approval is always disabled
// (the review says whether approving enables it).
QByteArray reviewText(const scheduler::WatcherSpec &spec)
{
    QJsonObject settings = spec.toJson();
    settings.remove(QStringLiteral("enabled"));
    QString body;
    QString label;
    for (const char *key : { "script", "prompt" }) {
        const QString name = QLatin1StringView(key);
        if (settings.contains(name)) {
            label = name;
            body = settings.take(name).toString();
        }
    }
    QByteArray text = QJsonDocument(settings).toJson(QJsonDocument::Indented);
    if (!label.isEmpty()) {
        text += label.toUtf8() + ":\n" + body.toUtf8();
        if (!body.endsWith(u'\n'))
            text += '\n';
    }
    return text;
}
} // namespace

QJsonObject toReviewJson(const WatcherRecord &watcher)
{
    const auto &approved = watcher.approvedSpec;
    QJsonObject json {
        { QStringLiteral("watcher"), toApiJson(watcher) },
        { QStringLiteral("reach"), scheduler::WatcherReach::of(watcher.spec).toJson() },
        { QStringLiteral("approved"),
          approved ? QJsonValue(approved->toJson()) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("approved_reach"),
          approved ? QJsonValue(scheduler::WatcherReach::of(*approved).toJson())
                   : QJsonValue(QJsonValue::Null) },
    };
    // Pending: what changed since the approved version (all of it for a
    // new watcher). Comparing takes time in the lines times the edits:
    // beyond MaxReviewDiffLines the new version is shown whole instead
    // (against nothing, which takes time in its lines only).
    constexpr qsizetype MaxReviewDiffLines = 20'000;
    QJsonValue changes(QJsonValue::Null);
    if (watcher.approval == Approval::Pending) {
        const QByteArray before = approved ? reviewText(*approved) : QByteArray();
        const QByteArray after = reviewText(watcher.spec);
        const bool comparable = before.count('\n') + after.count('\n') <= MaxReviewDiffLines;
        auto diff = diffTexts(comparable ? before : QByteArray(), after, DiffUnit::Lines);
        if (diff)
            changes = QString::fromUtf8(diff->unified);
    }
    json.insert(QStringLiteral("changes"), changes);
    return json;
}

QJsonObject toApiJson(const ChannelRecord &channel)
{
    QJsonObject json = channel.spec.toJson();
    json.insert(QStringLiteral("id"), QString::number(channel.id));
    json.insert(QStringLiteral("created_at"), channel.createdAt);
    json.insert(QStringLiteral("updated_at"), channel.updatedAt);
    return json;
}

namespace {

// A script's email may carry 25 MB of text and HTML: answers say how much,
// not what.
QJsonObject messageSummary(QJsonObject message)
{
    for (const QString &body : { QStringLiteral("text"), QStringLiteral("html") }) {
        if (!message.contains(body))
            continue;
        message.insert(body + QStringLiteral("_bytes"),
                       message.value(body).toString().toUtf8().size());
        message.remove(body);
    }
    return message;
}

} // namespace

QJsonObject toApiJson(const DeliveryRecord &delivery)
{
    QJsonObject json {
        { QStringLiteral("id"), QString::number(delivery.id) },
        { QStringLiteral("channel_id"), QString::number(delivery.channelId) },
        { QStringLiteral("channel"), delivery.channelName },
        { QStringLiteral("notification_id"),
          delivery.notificationId ? QJsonValue(QString::number(*delivery.notificationId))
                                  : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("idempotency_key"), delivery.idempotencyKey },
        { QStringLiteral("status"), deliveryStatusName(delivery.status) },
        { QStringLiteral("attempts"), delivery.attempts },
        { QStringLiteral("next_attempt_at"),
          delivery.status == DeliveryStatus::Pending || delivery.status == DeliveryStatus::Batched
              ? QJsonValue(scheduler::rfc3339FromMs(delivery.nextAttemptAt))
              : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("created_at"), scheduler::rfc3339FromMs(delivery.createdAt) },
        { QStringLiteral("finished_at"), scheduler::rfc3339OrNull(delivery.finishedAt) },
        { QStringLiteral("last_error"),
          delivery.lastError.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(delivery.lastError) },
        { QStringLiteral("remote_id"),
          delivery.remoteId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                      : QJsonValue(delivery.remoteId) },
        { QStringLiteral("message"), messageSummary(delivery.message) },
    };
    if (!delivery.attemptLog.isEmpty()) {
        QJsonArray attempts;
        for (const DeliveryAttempt &attempt : delivery.attemptLog)
            attempts.append(QJsonObject {
                { QStringLiteral("attempt"), attempt.attempt },
                { QStringLiteral("started_at"), scheduler::rfc3339FromMs(attempt.startedAt) },
                { QStringLiteral("finished_at"), scheduler::rfc3339OrNull(attempt.finishedAt) },
                { QStringLiteral("outcome"), attemptOutcomeName(attempt.outcome) },
                { QStringLiteral("response"), attempt.response },
            });
        json.insert(QStringLiteral("attempt_log"), attempts);
    }
    return json;
}

} // namespace hearth::events
