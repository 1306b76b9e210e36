#include "FeedItemRepository.h"

#include "Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace hearth {

FeedItemRepository::FeedItemRepository(Database &database)
    : m_database(database)
{
}

Result<QList<bool>> FeedItemRepository::markNew(qint64 watcherId, qint64 runId,
                                                const QList<QByteArray> &keys, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery find(db,
                       QStringLiteral("SELECT run_id IS NULL FROM feed_items_seen WHERE "
                                      "watcher_id = ? AND item_key = ?"));
    // A pending row of another run (one that failed, or has not ended) is
    // taken over: the item is still new.
    PreparedQuery record(
        db,
        QStringLiteral("INSERT INTO feed_items_seen (watcher_id, item_key, run_id, last_seen_at) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (watcher_id, item_key) DO UPDATE SET "
                       "last_seen_at = excluded.last_seen_at, run_id = CASE WHEN run_id IS NULL "
                       "THEN NULL ELSE excluded.run_id END"));
    QList<bool> fresh;
    fresh.reserve(keys.size());
    for (const QByteArray &key : keys) {
        find->addBindValue(watcherId);
        find->addBindValue(key);
        if (!find->exec())
            return fail(describeSqlError(*find));
        const bool seen = find->next() && find->value(0).toBool();
        find->finish();
        fresh.append(!seen);
        record->addBindValue(watcherId);
        record->addBindValue(key);
        record->addBindValue(runId);
        record->addBindValue(nowMs);
        if (!record->exec())
            return fail(describeSqlError(*record));
    }
    PreparedQuery forget(
        db,
        QStringLiteral("DELETE FROM feed_items_seen WHERE watcher_id = ? AND item_key IN (SELECT "
                       "item_key FROM feed_items_seen WHERE watcher_id = ? ORDER BY "
                       "last_seen_at DESC LIMIT -1 OFFSET ?)"));
    forget->addBindValue(watcherId);
    forget->addBindValue(watcherId);
    forget->addBindValue(MaxItemsPerWatcher);
    if (!forget->exec())
        return fail(describeSqlError(*forget));
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return fresh;
}

Result<void> confirmFeedItemsOfRun(const QSqlDatabase &db, qint64 runId)
{
    PreparedQuery confirm(
        db, QStringLiteral("UPDATE feed_items_seen SET run_id = NULL WHERE run_id = ?"));
    confirm->addBindValue(runId);
    if (!confirm->exec())
        return fail(describeSqlError(*confirm));
    return {};
}

} // namespace hearth
