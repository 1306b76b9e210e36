#pragma once

#include "StoreError.h"
#include "core/Result.h"
#include "model/Channel.h"
#include "model/Delivery.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace hearth {

class Database;
struct Notification;

struct DeliveryAttempt
{
    int attempt = 0;
    qint64 startedAt = 0;
    std::optional<qint64> finishedAt;
    AttemptOutcome outcome = AttemptOutcome::Sending;
    QString response; // what the server said, or why nothing was said
};

struct DeliveryRecord
{
    qint64 id = 0;
    qint64 channelId = 0;
    QString channelName;
    std::optional<qint64> notificationId;
    QString idempotencyKey;
    // {"title", "body", "level", "watcher_id", "watcher", "run_id",
    //  "notification_id", "created_at"} (what the channel sends).
    QJsonObject message;
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;
    int redrivenAfter = 0; // attempts made before the last redrive
    qint64 nextAttemptAt = 0;
    qint64 createdAt = 0;
    std::optional<qint64> finishedAt;
    QString lastError;
    QString remoteId; // the server's id for what it received, when it gives one
    QList<DeliveryAttempt> attemptLog; // by get() only

    // Attempts since it was queued or last redriven.
    int attemptsThisRound() const { return attempts - redrivenAfter; }
};

struct DeliveryFilter
{
    std::optional<DeliveryStatus> status;
    std::optional<qint64> channelId;
    std::optional<qint64> notificationId;
    std::optional<qint64> beforeId;
    int limit = 50;
};

// The deliveries and their attempts. A delivery is queued in the
// transaction that records its notification, so that one is never kept
// without the other; its idempotency key makes a second one for the same
// notification and channel impossible.
class DeliveryRepository
{
public:
    explicit DeliveryRepository(Database &database);

    // Inside the caller's transaction: a delivery for each channel the
    // notification goes to — those the watcher names in notify.channels, or
    // else the default channels; none for a notification without a watcher
    // (an ad-hoc script). A muted channel, one in its cooldown or over its
    // daily budget gets a suppressed delivery saying why.
    static Result<void> queueForNotification(QSqlDatabase &db, const Notification &notification,
                                             qint64 nowMs);
    // A message of its own to one channel (a test, a script's email):
    // under the channel's mute, cooldown and budget, or whatever they say.
    enum class ChannelPolicy { Apply, Ignore };
    Result<DeliveryRecord, StoreError> queueMessage(qint64 channelId, const QJsonObject &message,
                                                    ChannelPolicy policy, qint64 nowMs) const;

    // The oldest due pending delivery, now sending: its attempt count goes
    // up and the attempt is recorded as sending, in one commit.
    Result<std::optional<DeliveryRecord>> claimDue(qint64 nowMs) const;
    // Records how the attempt ended and where the delivery goes next
    // (pending again at nextAttemptAt, or a terminal state).
    Result<void> finishAttempt(const DeliveryRecord &delivery, AttemptOutcome outcome,
                               const QString &response, DeliveryStatus next, qint64 nextAttemptAt,
                               const QString &remoteId, qint64 nowMs) const;
    // At start: attempts left sending by a killed hearthd are interrupted and
    // their deliveries pending again, due now. How many.
    Result<int> recoverInterrupted(qint64 nowMs) const;
    // Batched deliveries whose digest is due become one pending delivery per
    // channel (its message lists them) and are digested, in one commit; how
    // many digests.
    Result<int> gatherDigests(qint64 nowMs) const;
    // When the next pending delivery or digest is due.
    Result<std::optional<qint64>> earliestDue() const;

    // Newest first.
    Result<QList<DeliveryRecord>> list(const DeliveryFilter &filter, bool *more) const;
    // With its attempts.
    Result<std::optional<DeliveryRecord>> get(qint64 id) const;
    // Failed, dead or suppressed → pending, due now, with the channel's
    // retries afresh. Conflict for any other state.
    Result<DeliveryRecord, StoreError> redrive(qint64 id, qint64 nowMs) const;
    // Up to `limit` delivered and suppressed deliveries that finished before
    // the time, with their attempts; how many. Failed and dead ones are kept
    // until redriven or their channel is deleted.
    Result<int> pruneFinishedBefore(qint64 finishedBeforeMs, int limit) const;
    // Every delivery in `status` (failed, dead or suppressed), of one
    // channel when given; how many.
    Result<int, StoreError> redriveAll(DeliveryStatus status, std::optional<qint64> channelId,
                                       qint64 nowMs) const;

private:
    Database &m_database;
};

} // namespace hearth
