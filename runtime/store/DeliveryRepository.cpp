#include "DeliveryRepository.h"

#include "Database.h"
#include "NotificationRepository.h"
#include "model/Levels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace hearth {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

const QString Columns = QStringLiteral(
    "d.id, d.channel_id, c.name, d.notification_id, d.idempotency_key, d.message, d.status, "
    "d.attempts, d.redriven_after, d.next_attempt_at, d.created_at, d.finished_at, "
    "d.last_error, d.remote_id");
const QString FromJoined =
    QStringLiteral(" FROM deliveries d JOIN channels c ON c.id = d.channel_id ");

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<qint64> optionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

DeliveryRecord fromRow(const QSqlQuery &query)
{
    DeliveryRecord record;
    record.id = query.value(0).toLongLong();
    record.channelId = query.value(1).toLongLong();
    record.channelName = query.value(2).toString();
    record.notificationId = optionalInteger(query.value(3));
    record.idempotencyKey = query.value(4).toString();
    record.message = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
    // The table's CHECK admits only the enum's names.
    record.status =
        deliveryStatusFromName(query.value(6).toString()).value_or(DeliveryStatus::Pending);
    record.attempts = query.value(7).toInt();
    record.redrivenAfter = query.value(8).toInt();
    record.nextAttemptAt = query.value(9).toLongLong();
    record.createdAt = query.value(10).toLongLong();
    record.finishedAt = optionalInteger(query.value(11));
    record.lastError = query.value(12).toString();
    record.remoteId = query.value(13).toString();
    return record;
}

Result<QList<DeliveryRecord>> select(QSqlDatabase db, const QString &where,
                                     const QVariantList &values)
{
    PreparedQuery query(db, QStringLiteral("SELECT ") + Columns + FromJoined + where);
    for (const QVariant &value : values)
        query->addBindValue(value);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<DeliveryRecord> records;
    while (query->next())
        records.append(fromRow(*query));
    return records;
}

// The channels a watcher's notification goes to, with what decides whether
// it is suppressed.
struct Destination
{
    qint64 channelId = 0;
    bool muted = false;
    int cooldownS = 0;
    std::optional<qint64> dailyBudget;
    std::optional<qint64> lastQueuedAt;
    std::optional<qint64> windowStart;
    qint64 windowCount = 0;
    std::optional<Digest> digest;
};

const QString DestinationColumns =
    QStringLiteral("c.id, c.muted, c.cooldown_s, c.daily_budget, c.last_queued_at, "
                   "c.budget_window_start, c.budget_window_count, "
                   "json_extract(c.spec, '$.digest')");

Destination destinationFromRow(const QSqlQuery &query)
{
    Destination destination;
    destination.channelId = query.value(0).toLongLong();
    destination.muted = query.value(1).toInt() != 0;
    destination.cooldownS = query.value(2).toInt();
    destination.dailyBudget = optionalInteger(query.value(3));
    destination.lastQueuedAt = optionalInteger(query.value(4));
    destination.windowStart = optionalInteger(query.value(5));
    destination.windowCount = query.value(6).toLongLong();
    // Only ChannelSpec::toJson() writes the spec.
    if (!query.value(7).isNull()) {
        auto digest =
            Digest::fromJson(QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object());
        if (digest)
            destination.digest = digest.value();
    }
    return destination;
}

Result<QList<Destination>> destinationsOf(QSqlDatabase &db, qint64 watcherId)
{
    // notify.channels (a list of names, possibly empty) when the watcher
    // has one, else the default channels.
    PreparedQuery query(
        db,
        QStringLiteral("SELECT ") + DestinationColumns +
            QStringLiteral(
                " FROM channels c, watchers w WHERE w.id = ? AND CASE WHEN "
                "json_type(w.spec, '$.notify.channels') = 'array' THEN c.name IN (SELECT "
                "value FROM json_each(w.spec, '$.notify.channels')) ELSE c.is_default = 1 "
                "END ORDER BY c.id"));
    query->addBindValue(watcherId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<Destination> destinations;
    while (query->next())
        destinations.append(destinationFromRow(*query));
    return destinations;
}

Result<std::optional<Destination>> destinationOf(QSqlDatabase &db, qint64 channelId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT ") + DestinationColumns +
                            QStringLiteral(" FROM channels c WHERE c.id = ?"));
    query->addBindValue(channelId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return std::optional<Destination>();
    return std::optional<Destination>(destinationFromRow(*query));
}

// Why a notification is not sent to the channel now, or nothing.
QString suppression(const Destination &destination, qint64 nowMs)
{
    if (destination.muted)
        return QStringLiteral("muted: the channel is muted");
    // A digest is the channel's pace: one message a period.
    if (destination.digest)
        return {};
    if (destination.cooldownS > 0 && destination.lastQueuedAt &&
        nowMs - *destination.lastQueuedAt < destination.cooldownS * 1000LL)
        return QStringLiteral("cooldown: within %1 s of the channel's previous notification")
            .arg(destination.cooldownS);
    const bool windowOpen = destination.windowStart && nowMs - *destination.windowStart < DayMs;
    if (destination.dailyBudget && windowOpen &&
        destination.windowCount >= *destination.dailyBudget)
        return QStringLiteral("daily_budget: the channel sent %1 notifications in 24 hours")
            .arg(*destination.dailyBudget);
    return {};
}

Result<void> countQueued(QSqlDatabase &db, const Destination &destination, qint64 nowMs)
{
    const bool windowOpen = destination.windowStart && nowMs - *destination.windowStart < DayMs;
    PreparedQuery update(db,
                         QStringLiteral("UPDATE channels SET last_queued_at = ?, "
                                        "budget_window_start = ?, budget_window_count = ? "
                                        "WHERE id = ?"));
    update->addBindValue(nowMs);
    update->addBindValue(windowOpen ? *destination.windowStart : nowMs);
    update->addBindValue(windowOpen ? destination.windowCount + 1 : 1);
    update->addBindValue(destination.channelId);
    if (!update->exec())
        return fail(describeSqlError(*update));
    return {};
}

Result<bool> insertDelivery(QSqlDatabase &db, qint64 channelId,
                            std::optional<qint64> notificationId, const QString &key,
                            const QJsonObject &message, DeliveryStatus status,
                            const QString &lastError, qint64 nowMs, qint64 dueAt, qint64 *id)
{
    PreparedQuery insert(
        db,
        QStringLiteral("INSERT OR IGNORE INTO deliveries (channel_id, notification_id, "
                       "idempotency_key, message, status, next_attempt_at, created_at, "
                       "finished_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert->addBindValue(channelId);
    insert->addBindValue(notificationId ? QVariant(*notificationId) : QVariant());
    insert->addBindValue(key);
    insert->addBindValue(compact(message));
    insert->addBindValue(deliveryStatusName(status));
    insert->addBindValue(dueAt);
    insert->addBindValue(nowMs);
    insert->addBindValue(isTerminal(status) ? QVariant(nowMs) : QVariant());
    insert->addBindValue(lastError.isEmpty() ? QVariant() : QVariant(lastError));
    if (!insert->exec())
        return fail(describeSqlError(*insert));
    if (id)
        *id = insert->lastInsertId().toLongLong();
    return insert->numRowsAffected() > 0;
}

// One message for a period's notifications: a title that counts them, a
// body with a line or two each (within a notification's length), and the
// notifications themselves for a webhook's receiver.
QJsonObject digestMessage(const QList<QJsonObject> &notifications)
{
    constexpr qsizetype MaxBodyChars = NotificationRepository::MaxBodyChars;
    QString body;
    QJsonArray items;
    qsizetype listed = 0;
    for (const QJsonObject &notification : notifications) {
        items.append(notification);
        QString entry = QStringLiteral("• %1: %2")
                            .arg(notification.value(QStringLiteral("watcher")).toString(),
                                 notification.value(QStringLiteral("title")).toString());
        const QString text = notification.value(QStringLiteral("body")).toString();
        if (!text.isEmpty())
            entry += QStringLiteral("\n  ") + text.section(u'\n', 0, 0).left(200);
        if (body.size() + entry.size() + 40 > MaxBodyChars)
            continue;
        body += entry + u'\n';
        ++listed;
    }
    if (listed < notifications.size())
        body += QStringLiteral("…and %1 more").arg(notifications.size() - listed);
    return { { QStringLiteral("kind"), QStringLiteral("digest") },
             { QStringLiteral("title"),
               QStringLiteral("Hearth: %1 notification(s)").arg(notifications.size()) },
             { QStringLiteral("body"), body.trimmed() },
             { QStringLiteral("level"), QStringLiteral("info") },
             { QStringLiteral("notifications"), items } };
}

Result<QString> watcherName(QSqlDatabase &db, qint64 watcherId)
{
    PreparedQuery query(db, QStringLiteral("SELECT name FROM watchers WHERE id = ?"));
    query->addBindValue(watcherId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return query->next() ? query->value(0).toString() : QString();
}

Result<QList<DeliveryAttempt>> attemptsOf(QSqlDatabase db, qint64 deliveryId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT attempt, started_at, finished_at, outcome, "
                                       "response FROM delivery_attempts WHERE delivery_id = ? "
                                       "ORDER BY attempt"));
    query->addBindValue(deliveryId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<DeliveryAttempt> attempts;
    while (query->next()) {
        attempts.append(
            { query->value(0).toInt(), query->value(1).toLongLong(),
              optionalInteger(query->value(2)),
              attemptOutcomeFromName(query->value(3).toString()).value_or(AttemptOutcome::Sending),
              query->value(4).toString() });
    }
    return attempts;
}

} // namespace

DeliveryRepository::DeliveryRepository(Database &database)
    : m_database(database)
{
}

Result<void> DeliveryRepository::queueForNotification(QSqlDatabase &db,
                                                      const Notification &notification,
                                                      qint64 nowMs)
{
    bool isWatcher = false;
    const qint64 watcherId = notification.watcherId.toLongLong(&isWatcher);
    if (!isWatcher)
        return {};
    auto destinations = destinationsOf(db, watcherId);
    if (!destinations)
        return fail(destinations.error());
    if (destinations->isEmpty())
        return {};
    auto watcher = watcherName(db, watcherId);
    if (!watcher)
        return fail(watcher.error());
    const QJsonObject message {
        { QStringLiteral("notification_id"), notification.id },
        { QStringLiteral("title"), notification.title },
        { QStringLiteral("body"), notification.body },
        { QStringLiteral("level"), notificationLevelName(notification.level) },
        { QStringLiteral("watcher_id"), notification.watcherId },
        { QStringLiteral("watcher"), watcher.value() },
        { QStringLiteral("run_id"), notification.runId },
        { QStringLiteral("created_at"), notification.createdAt },
    };
    for (const Destination &destination : std::as_const(destinations.value())) {
        const QString suppressed = suppression(destination, nowMs);
        const QString key = QStringLiteral("notification:%1:channel:%2")
                                .arg(notification.id)
                                .arg(destination.channelId);
        // A digest channel's waits for the end of the period.
        const bool batched = suppressed.isEmpty() && destination.digest;
        const DeliveryStatus status = !suppressed.isEmpty() ? DeliveryStatus::Suppressed
            : batched                                       ? DeliveryStatus::Batched
                                                            : DeliveryStatus::Pending;
        const qint64 dueAt = batched ? destination.digest->nextEndAfter(nowMs) : nowMs;
        auto inserted = insertDelivery(db, destination.channelId, notification.id, key, message,
                                       status, suppressed, nowMs, dueAt, nullptr);
        if (!inserted)
            return fail(inserted.error());
        if (inserted.value() && status == DeliveryStatus::Pending) {
            if (auto counted = countQueued(db, destination, nowMs); !counted)
                return fail(counted.error());
        }
    }
    return {};
}

Result<DeliveryRecord, StoreError> DeliveryRepository::queueMessage(qint64 channelId,
                                                                    const QJsonObject &message,
                                                                    ChannelPolicy policy,
                                                                    qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto destination = destinationOf(db, channelId);
    if (!destination)
        return fail(StoreError::storage(destination.error()));
    if (!destination.value())
        return fail(StoreError::notFound(QStringLiteral("channel %1 not found").arg(channelId)));
    const QString suppressed =
        policy == ChannelPolicy::Apply ? suppression(*destination.value(), nowMs) : QString();
    // A message of its own: nothing else can be the same delivery.
    const QString key =
        QStringLiteral("message:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    qint64 id = 0;
    auto inserted =
        insertDelivery(db, channelId, std::nullopt, key, message,
                       suppressed.isEmpty() ? DeliveryStatus::Pending : DeliveryStatus::Suppressed,
                       suppressed, nowMs, nowMs, &id);
    if (!inserted)
        return fail(StoreError::storage(inserted.error()));
    if (policy == ChannelPolicy::Apply && suppressed.isEmpty()) {
        if (auto counted = countQueued(db, *destination.value(), nowMs); !counted)
            return fail(StoreError::storage(counted.error()));
    }
    auto records = select(db, QStringLiteral("WHERE d.id = ?"), { id });
    if (!records || records->isEmpty())
        return fail(StoreError::storage(records ? QStringLiteral("delivery %1 vanished").arg(id)
                                                : records.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return records->constFirst();
}

Result<std::optional<DeliveryRecord>> DeliveryRepository::claimDue(qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    auto due = select(db,
                      QStringLiteral("WHERE d.status = 'pending' AND d.next_attempt_at <= ? "
                                     "ORDER BY d.next_attempt_at, d.id LIMIT 1"),
                      { nowMs });
    if (!due)
        return fail(due.error());
    if (due->isEmpty())
        return std::optional<DeliveryRecord>();
    DeliveryRecord delivery = due->constFirst();
    delivery.status = DeliveryStatus::Sending;
    delivery.attempts += 1;
    PreparedQuery mark(db,
                       QStringLiteral("UPDATE deliveries SET status = 'sending', attempts = ? "
                                      "WHERE id = ? AND status = 'pending'"));
    mark->addBindValue(delivery.attempts);
    mark->addBindValue(delivery.id);
    if (!mark->exec())
        return fail(describeSqlError(*mark));
    PreparedQuery attempt(db,
                          QStringLiteral("INSERT INTO delivery_attempts (delivery_id, attempt, "
                                         "started_at, outcome) VALUES (?, ?, ?, 'sending')"));
    attempt->addBindValue(delivery.id);
    attempt->addBindValue(delivery.attempts);
    attempt->addBindValue(nowMs);
    if (!attempt->exec())
        return fail(describeSqlError(*attempt));
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return std::optional<DeliveryRecord>(delivery);
}

Result<void> DeliveryRepository::finishAttempt(const DeliveryRecord &delivery,
                                               AttemptOutcome outcome, const QString &response,
                                               DeliveryStatus next, qint64 nextAttemptAt,
                                               const QString &remoteId, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery attempt(db,
                          QStringLiteral("UPDATE delivery_attempts SET finished_at = ?, "
                                         "outcome = ?, response = ? WHERE delivery_id = ? AND "
                                         "attempt = ?"));
    attempt->addBindValue(nowMs);
    attempt->addBindValue(attemptOutcomeName(outcome));
    attempt->addBindValue(response.left(2000));
    attempt->addBindValue(delivery.id);
    attempt->addBindValue(delivery.attempts);
    if (!attempt->exec())
        return fail(describeSqlError(*attempt));
    PreparedQuery update(
        db,
        QStringLiteral("UPDATE deliveries SET status = ?, next_attempt_at = ?, "
                       "finished_at = ?, last_error = ?, remote_id = COALESCE(?, remote_id) "
                       "WHERE id = ? AND status = 'sending'"));
    update->addBindValue(deliveryStatusName(next));
    update->addBindValue(nextAttemptAt);
    update->addBindValue(isTerminal(next) ? QVariant(nowMs) : QVariant());
    update->addBindValue(outcome == AttemptOutcome::Delivered ? QVariant()
                                                              : QVariant(response.left(2000)));
    update->addBindValue(remoteId.isEmpty() ? QVariant() : QVariant(remoteId));
    update->addBindValue(delivery.id);
    if (!update->exec())
        return fail(describeSqlError(*update));
    return transaction.commit();
}

Result<int> DeliveryRepository::recoverInterrupted(qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery attempts(
        db,
        QStringLiteral("UPDATE delivery_attempts SET outcome = 'interrupted', "
                       "finished_at = ?, response = 'hearthd stopped during the attempt' "
                       "WHERE outcome = 'sending'"));
    attempts->addBindValue(nowMs);
    if (!attempts->exec())
        return fail(describeSqlError(*attempts));
    PreparedQuery deliveries(db,
                             QStringLiteral("UPDATE deliveries SET status = 'pending', "
                                            "next_attempt_at = ? WHERE status = 'sending'"));
    deliveries->addBindValue(nowMs);
    if (!deliveries->exec())
        return fail(describeSqlError(*deliveries));
    const int recovered = deliveries->numRowsAffected();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return recovered;
}

Result<int> DeliveryRepository::gatherDigests(qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    {
        // Most looks find none: no writer's turn for them.
        PreparedQuery any(db,
                          QStringLiteral("SELECT 1 FROM deliveries WHERE status = "
                                         "'batched' AND next_attempt_at <= ? LIMIT 1"));
        any->addBindValue(nowMs);
        if (!any->exec())
            return fail(describeSqlError(*any));
        if (!any->next())
            return 0;
    }
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery channels(db,
                           QStringLiteral("SELECT DISTINCT channel_id FROM deliveries WHERE "
                                          "status = 'batched' AND next_attempt_at <= ?"));
    channels->addBindValue(nowMs);
    if (!channels->exec())
        return fail(describeSqlError(*channels));
    QList<qint64> due;
    while (channels->next())
        due.append(channels->value(0).toLongLong());
    for (const qint64 channelId : std::as_const(due)) {
        PreparedQuery batch(db,
                            QStringLiteral("SELECT id, message, next_attempt_at FROM "
                                           "deliveries WHERE status = 'batched' AND "
                                           "channel_id = ? AND next_attempt_at <= ? "
                                           "ORDER BY id"));
        batch->addBindValue(channelId);
        batch->addBindValue(nowMs);
        if (!batch->exec())
            return fail(describeSqlError(*batch));
        QList<QJsonObject> messages;
        qint64 periodEnd = 0;
        while (batch->next()) {
            messages.append(QJsonDocument::fromJson(batch->value(1).toString().toUtf8()).object());
            periodEnd = qMax(periodEnd, batch->value(2).toLongLong());
        }
        const QJsonObject digest = digestMessage(messages);
        qint64 digestId = 0;
        // One digest per channel and period end, also if this is done again.
        const QString key =
            QStringLiteral("digest:channel:%1:until:%2").arg(channelId).arg(periodEnd);
        auto inserted = insertDelivery(db, channelId, std::nullopt, key, digest,
                                       DeliveryStatus::Pending, {}, nowMs, nowMs, &digestId);
        if (!inserted)
            return fail(inserted.error());
        PreparedQuery digested(db,
                               QStringLiteral("UPDATE deliveries SET status = 'digested', "
                                              "finished_at = ?, digest_id = ? WHERE status = "
                                              "'batched' AND channel_id = ? AND "
                                              "next_attempt_at <= ?"));
        digested->addBindValue(nowMs);
        digested->addBindValue(inserted.value() ? QVariant(digestId) : QVariant());
        digested->addBindValue(channelId);
        digested->addBindValue(nowMs);
        if (!digested->exec())
            return fail(describeSqlError(*digested));
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return int(due.size());
}

Result<std::optional<qint64>> DeliveryRepository::earliestDue() const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT MIN(next_attempt_at) FROM deliveries WHERE "
                                       "status IN ('pending', 'batched')"));
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next() || query->value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(query->value(0).toLongLong());
}

Result<QList<DeliveryRecord>> DeliveryRepository::list(const DeliveryFilter &filter,
                                                       bool *more) const
{
    QStringList conditions;
    QVariantList values;
    if (filter.status) {
        conditions.append(QStringLiteral("d.status = ?"));
        values.append(deliveryStatusName(*filter.status));
    }
    if (filter.channelId) {
        conditions.append(QStringLiteral("d.channel_id = ?"));
        values.append(*filter.channelId);
    }
    if (filter.notificationId) {
        conditions.append(QStringLiteral("d.notification_id = ?"));
        values.append(*filter.notificationId);
    }
    if (filter.beforeId) {
        conditions.append(QStringLiteral("d.id < ?"));
        values.append(*filter.beforeId);
    }
    values.append(filter.limit + 1);
    const QString where = conditions.isEmpty()
        ? QString()
        : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
    auto records = select(m_database.connection(),
                          where + QStringLiteral(" ORDER BY d.id DESC LIMIT ?"), values);
    if (!records)
        return records;
    *more = records->size() > filter.limit;
    if (*more)
        records->removeLast();
    return records;
}

Result<std::optional<DeliveryRecord>> DeliveryRepository::get(qint64 id) const
{
    QSqlDatabase db = m_database.connection();
    auto records = select(db, QStringLiteral("WHERE d.id = ?"), { id });
    if (!records)
        return fail(records.error());
    if (records->isEmpty())
        return std::optional<DeliveryRecord>();
    DeliveryRecord record = records->constFirst();
    auto attempts = attemptsOf(db, id);
    if (!attempts)
        return fail(attempts.error());
    record.attemptLog = attempts.value();
    return std::optional<DeliveryRecord>(record);
}

Result<int> DeliveryRepository::pruneFinishedBefore(qint64 finishedBeforeMs, int limit) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery prune(db,
                        QStringLiteral("DELETE FROM deliveries WHERE id IN (SELECT id FROM "
                                       "deliveries WHERE status IN ('delivered', "
                                       "'suppressed', 'digested') AND finished_at < ? LIMIT ?)"));
    prune->addBindValue(finishedBeforeMs);
    prune->addBindValue(limit);
    if (!prune->exec())
        return fail(describeSqlError(*prune));
    const int pruned = prune->numRowsAffected();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return pruned;
}

Result<DeliveryRecord, StoreError> DeliveryRepository::redrive(qint64 id, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto records = select(db, QStringLiteral("WHERE d.id = ?"), { id });
    if (!records)
        return fail(StoreError::storage(records.error()));
    if (records->isEmpty())
        return fail(StoreError::notFound(QStringLiteral("delivery %1 not found").arg(id)));
    DeliveryRecord delivery = records->constFirst();
    if (!isRedrivable(delivery.status))
        return fail(StoreError::conflict(
            QStringLiteral("delivery %1 is %2; only failed, dead or suppressed deliveries are "
                           "sent again")
                .arg(id)
                .arg(deliveryStatusName(delivery.status))));
    PreparedQuery update(db,
                         QStringLiteral("UPDATE deliveries SET status = 'pending', "
                                        "next_attempt_at = ?, finished_at = NULL, "
                                        "redriven_after = attempts WHERE id = ?"));
    update->addBindValue(nowMs);
    update->addBindValue(id);
    if (!update->exec())
        return fail(StoreError::storage(describeSqlError(*update)));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    delivery.status = DeliveryStatus::Pending;
    delivery.nextAttemptAt = nowMs;
    delivery.finishedAt.reset();
    delivery.redrivenAfter = delivery.attempts;
    return delivery;
}

Result<int, StoreError> DeliveryRepository::redriveAll(DeliveryStatus status,
                                                       std::optional<qint64> channelId,
                                                       qint64 nowMs) const
{
    if (!isRedrivable(status))
        return fail(StoreError::invalid(QStringLiteral("status"),
                                        QStringLiteral("must be failed, dead or suppressed")));
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    PreparedQuery update(
        db,
        QStringLiteral("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, "
                       "finished_at = NULL, redriven_after = attempts WHERE status = ? "
                       "AND (? IS NULL OR channel_id = ?)"));
    update->addBindValue(nowMs);
    update->addBindValue(deliveryStatusName(status));
    const QVariant channel = channelId ? QVariant(*channelId) : QVariant();
    update->addBindValue(channel);
    update->addBindValue(channel);
    if (!update->exec())
        return fail(StoreError::storage(describeSqlError(*update)));
    const int redriven = update->numRowsAffected();
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return redriven;
}

} // namespace hearth
