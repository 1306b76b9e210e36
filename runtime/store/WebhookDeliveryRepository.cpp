#include "WebhookDeliveryRepository.h"

#include "Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace hearth {

WebhookDeliveryRepository::WebhookDeliveryRepository(Database &database)
    : m_database(database)
{
}

Result<void, StoreError>
WebhookDeliveryRepository::take(qint64 watcherId, const QString &deliveryId, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    // A few rows per delivery at most: deliveries are rate limited.
    PreparedQuery forget(db,
                         QStringLiteral("DELETE FROM webhook_deliveries WHERE received_at < ?"));
    forget->addBindValue(nowMs - KeepMs);
    if (!forget->exec())
        return fail(StoreError::storage(describeSqlError(*forget)));
    PreparedQuery record(db,
                         QStringLiteral("INSERT OR IGNORE INTO webhook_deliveries (watcher_id, "
                                        "delivery_id, received_at) VALUES (?, ?, ?)"));
    record->addBindValue(watcherId);
    record->addBindValue(deliveryId);
    record->addBindValue(nowMs);
    if (!record->exec())
        return fail(StoreError::storage(describeSqlError(*record)));
    if (record->numRowsAffected() == 0)
        return fail(StoreError::conflict(
            QStringLiteral("delivery %1 was taken before; a replayed delivery starts nothing")
                .arg(deliveryId)));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return {};
}

} // namespace hearth
