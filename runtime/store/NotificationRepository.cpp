#include "NotificationRepository.h"

#include "Database.h"
#include "DeliveryRepository.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>
#include <limits>

namespace hearth {

namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

const QString Columns =
    QStringLiteral("id, watcher_id, run_id, level, title, body, created_at, read_at");

Notification fromRow(const QSqlQuery &query)
{
    // Every writer spells a level from its table (model/Levels).
    return { query.value(0).toLongLong(),
             query.value(1).toString(),
             query.value(2).toString(),
             notificationLevelFromName(query.value(3).toString()).value_or(NotificationLevel::Info),
             query.value(4).toString(),
             query.value(5).toString(),
             query.value(6).toString(),
             query.value(7).toString() };
}

} // namespace

NotificationRepository::NotificationRepository(Database &database)
    : m_database(database)
{
}

Result<Notification> NotificationRepository::create(const QString &watcherId, const QString &runId,
                                                    NotificationLevel level, const QString &title,
                                                    const QString &body) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    auto created = insert(db, watcherId, runId, level, title, body);
    if (!created)
        return fail(created.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return created;
}

Result<Notification> NotificationRepository::insert(QSqlDatabase &db, const QString &watcherId,
                                                    const QString &runId, NotificationLevel level,
                                                    const QString &title, const QString &body)
{
    PreparedQuery insert(
        db,
        QStringLiteral("INSERT INTO notifications (watcher_id, run_id, level, title, "
                       "body, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    const QString createdAt = nowUtc();
    insert->addBindValue(watcherId.isNull() ? QStringLiteral("") : watcherId);
    insert->addBindValue(runId.isNull() ? QStringLiteral("") : runId);
    insert->addBindValue(notificationLevelName(level));
    insert->addBindValue(title.left(MaxTitleChars));
    insert->addBindValue(body.isNull() ? QStringLiteral("") : body.left(MaxBodyChars));
    insert->addBindValue(createdAt);
    if (!insert->exec())
        return fail(describeSqlError(*insert));
    Notification notification { insert->lastInsertId().toLongLong(),
                                watcherId,
                                runId,
                                level,
                                title.left(MaxTitleChars),
                                body.left(MaxBodyChars),
                                createdAt,
                                {} };
    // Its channel deliveries in the same transaction: both are kept or neither.
    if (auto queued = DeliveryRepository::queueForNotification(db, notification,
                                                               QDateTime::currentMSecsSinceEpoch());
        !queued)
        return fail(queued.error());
    return notification;
}

Result<QList<Notification>> NotificationRepository::list(bool unreadOnly,
                                                         std::optional<qint64> beforeId, int limit,
                                                         bool *more) const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral("SELECT ") + Columns +
            QStringLiteral(" FROM notifications WHERE id < ? AND (? = 0 OR read_at IS "
                           "NULL) ORDER BY id DESC LIMIT ?"));
    query->addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    query->addBindValue(unreadOnly ? 1 : 0);
    query->addBindValue(limit + 1);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<Notification> notifications;
    *more = false;
    while (query->next()) {
        if (notifications.size() == limit) {
            *more = true;
            break;
        }
        notifications.append(fromRow(*query));
    }
    return notifications;
}

Result<std::optional<Notification>> NotificationRepository::markRead(qint64 id) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery update(
        db, QStringLiteral("UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ?"));
    update->addBindValue(nowUtc());
    update->addBindValue(id);
    if (!update->exec())
        return fail(describeSqlError(*update));
    PreparedQuery select(db,
                         QStringLiteral("SELECT ") + Columns +
                             QStringLiteral(" FROM notifications WHERE id = ?"));
    select->addBindValue(id);
    if (!select->exec())
        return fail(describeSqlError(*select));
    std::optional<Notification> found;
    if (select->next())
        found = fromRow(*select);
    select->finish();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return found;
}

Result<qint64> NotificationRepository::markAllRead() const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery update(
        db, QStringLiteral("UPDATE notifications SET read_at = ? WHERE read_at IS NULL"));
    update->addBindValue(nowUtc());
    if (!update->exec())
        return fail(describeSqlError(*update));
    const qint64 marked = update->numRowsAffected();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return marked;
}

} // namespace hearth
