#include "SnapshotRepository.h"

#include "Database.h"
#include "model/ScriptTypes.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QVariant>
#include <zstd.h>

namespace hearth {

namespace {

// zstd's default: a page's text shrinks 4–8 times in well under a
// millisecond per 100 KiB.
constexpr int CompressionLevel = 3;

const QString Columns = QStringLiteral("id, watcher_id, run_id, text_hash, "
                                       "(SELECT size FROM snapshot_texts WHERE hash = text_hash), "
                                       "created_at");

SnapshotRecord recordFrom(const QSqlQuery &query)
{
    return {
        query.value(0).toLongLong(),  query.value(1).toLongLong(), optionalInt(query.value(2)),
        query.value(3).toByteArray(), query.value(4).toLongLong(), query.value(5).toLongLong()
    };
}

Result<QByteArray> compressed(const QByteArray &text)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(text.size()))), Qt::Uninitialized);
    const size_t size = ZSTD_compress(out.data(), size_t(out.size()), text.constData(),
                                      size_t(text.size()), CompressionLevel);
    if (ZSTD_isError(size))
        return fail(QString::fromUtf8(ZSTD_getErrorName(size)));
    out.truncate(qsizetype(size));
    return out;
}

Result<QByteArray> decompressed(const QByteArray &data, qint64 size)
{
    if (size < 0 || size > lua::RunCaps::MaxSnapshotBytes)
        return fail(QStringLiteral("a stored snapshot has an impossible size"));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    const size_t written =
        ZSTD_decompress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()));
    if (ZSTD_isError(written) || qint64(written) != size)
        return fail(QStringLiteral("a stored snapshot cannot be read back"));
    return out;
}

// Runs a DELETE with `values` bound in order; how many rows it removed.
Result<int> deleteRows(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    PreparedQuery remove(db, sql);
    for (const QVariant &value : values)
        remove->addBindValue(value);
    if (!remove->exec())
        return fail(describeSqlError(*remove));
    return remove->numRowsAffected();
}

} // namespace

SnapshotRepository::SnapshotRepository(Database &database)
    : m_database(database)
{
}

Result<QList<SnapshotRecord>>
SnapshotRepository::list(qint64 watcherId, std::optional<qint64> beforeId, int limit) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + Columns +
                  QStringLiteral(" FROM snapshots WHERE watcher_id = ? AND id < ? ORDER BY id "
                                 "DESC LIMIT ?"));
    query.addBindValue(watcherId);
    query.addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    query.addBindValue(limit);
    if (!query.exec())
        return fail(describeSqlError(query));
    QList<SnapshotRecord> records;
    while (query.next())
        records.append(recordFrom(query));
    return records;
}

Result<std::optional<SnapshotRecord>> SnapshotRepository::get(qint64 watcherId,
                                                              qint64 snapshotId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + Columns +
                  QStringLiteral(" FROM snapshots WHERE watcher_id = ? AND id = ?"));
    query.addBindValue(watcherId);
    query.addBindValue(snapshotId);
    if (!query.exec())
        return fail(describeSqlError(query));
    if (!query.next())
        return std::optional<SnapshotRecord>();
    return std::optional(recordFrom(query));
}

Result<std::optional<SnapshotRecord>> SnapshotRepository::latest(qint64 watcherId) const
{
    auto newest = list(watcherId, std::nullopt, 1);
    if (!newest)
        return fail(newest.error());
    if (newest->isEmpty())
        return std::optional<SnapshotRecord>();
    return std::optional(newest->constFirst());
}

Result<QByteArray> SnapshotRepository::text(const SnapshotRecord &snapshot) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT compressed, size FROM snapshot_texts WHERE hash = ?"));
    query.addBindValue(snapshot.hash);
    if (!query.exec())
        return fail(describeSqlError(query));
    if (!query.next())
        return fail(QStringLiteral("snapshot %1 has lost its text").arg(snapshot.id));
    return decompressed(query.value(0).toByteArray(), query.value(1).toLongLong());
}

Result<QList<SnapshotRepository::Retention>> SnapshotRepository::retentions(int keepPerWatcher,
                                                                            int keepDays) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT w.id, coalesce(json_extract(w.spec, '$.history.keep_snapshots'), ?), "
        "coalesce(json_extract(w.spec, '$.history.keep_snapshot_days'), ?) FROM watchers w "
        "WHERE EXISTS (SELECT 1 FROM snapshots s WHERE s.watcher_id = w.id) ORDER BY w.id"));
    query.addBindValue(keepPerWatcher);
    query.addBindValue(keepDays);
    if (!query.exec())
        return fail(describeSqlError(query));
    QList<Retention> retentions;
    while (query.next())
        retentions.append(
            { query.value(0).toLongLong(), query.value(1).toInt(), query.value(2).toInt() });
    return retentions;
}

Result<int> SnapshotRepository::prune(const Retention &retention, qint64 olderThanMs,
                                      int limit) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    // The newest beyond the kept ones (none: only the age applies).
    PreparedQuery cutoff(
        db,
        QStringLiteral("SELECT id FROM snapshots WHERE watcher_id = ? ORDER BY id DESC LIMIT 1 "
                       "OFFSET ?"));
    cutoff->addBindValue(retention.watcherId);
    cutoff->addBindValue(qMax(1, retention.keep));
    if (!cutoff->exec())
        return fail(describeSqlError(*cutoff));
    const qint64 beyond = cutoff->next() ? cutoff->value(0).toLongLong() : 0;
    cutoff->finish();
    auto removed = deleteRows(
        db,
        QStringLiteral("DELETE FROM snapshots WHERE id IN (SELECT id FROM snapshots WHERE "
                       "watcher_id = ? AND id < (SELECT max(id) FROM snapshots WHERE watcher_id = "
                       "?) AND (id <= ? OR created_at < ?) ORDER BY id LIMIT ?)"),
        { retention.watcherId, retention.watcherId, beyond, olderThanMs, limit });
    if (!removed)
        return fail(removed.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return removed.value();
}

Result<int> SnapshotRepository::pruneUnusedTexts(int limit) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    auto removed = deleteRows(db,
                              QStringLiteral("DELETE FROM snapshot_texts WHERE hash IN (SELECT "
                                             "t.hash FROM snapshot_texts t WHERE NOT EXISTS "
                                             "(SELECT 1 FROM snapshots s WHERE s.text_hash = "
                                             "t.hash) LIMIT ?)"),
                              { limit });
    if (!removed)
        return fail(removed.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return removed.value();
}

Result<std::optional<QByteArray>> latestSnapshotText(const QSqlDatabase &db, qint64 watcherId)
{
    PreparedQuery query(
        db,
        QStringLiteral("SELECT t.compressed, t.size FROM snapshots s JOIN snapshot_texts t ON "
                       "t.hash = s.text_hash WHERE s.watcher_id = ? ORDER BY s.id DESC LIMIT 1"));
    query->addBindValue(watcherId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return std::optional<QByteArray>();
    auto text = decompressed(query->value(0).toByteArray(), query->value(1).toLongLong());
    if (!text)
        return fail(text.error());
    return std::optional(text.value());
}

Result<SnapshotChange> storeSnapshot(const QSqlDatabase &db, qint64 watcherId, qint64 runId,
                                     const QByteArray &text, qint64 nowMs)
{
    if (text.size() > lua::RunCaps::MaxSnapshotBytes)
        return fail(QStringLiteral("the snapshot is larger than %1 bytes")
                        .arg(lua::RunCaps::MaxSnapshotBytes));
    const QByteArray hash = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    PreparedQuery newest(db,
                         QStringLiteral("SELECT text_hash FROM snapshots WHERE watcher_id = ? "
                                        "ORDER BY id DESC LIMIT 1"));
    newest->addBindValue(watcherId);
    if (!newest->exec())
        return fail(describeSqlError(*newest));
    const bool hadOne = newest->next();
    const bool unchanged = hadOne && newest->value(0).toByteArray() == hash;
    newest->finish();
    if (unchanged)
        return SnapshotChange::Same;
    PreparedQuery known(db, QStringLiteral("SELECT 1 FROM snapshot_texts WHERE hash = ?"));
    known->addBindValue(hash);
    if (!known->exec())
        return fail(describeSqlError(*known));
    const bool stored = known->next();
    known->finish();
    if (!stored) {
        auto packed = compressed(text);
        if (!packed)
            return fail(packed.error());
        PreparedQuery insertText(
            db,
            QStringLiteral("INSERT INTO snapshot_texts (hash, size, compressed) VALUES (?, ?, ?)"));
        insertText->addBindValue(hash);
        insertText->addBindValue(text.size());
        insertText->addBindValue(packed.value());
        if (!insertText->exec())
            return fail(describeSqlError(*insertText));
    }
    PreparedQuery insert(db,
                         QStringLiteral("INSERT INTO snapshots (watcher_id, run_id, text_hash, "
                                        "created_at) VALUES (?, ?, ?, ?)"));
    insert->addBindValue(watcherId);
    insert->addBindValue(runId);
    insert->addBindValue(hash);
    insert->addBindValue(nowMs);
    if (!insert->exec())
        return fail(describeSqlError(*insert));
    return hadOne ? SnapshotChange::Changed : SnapshotChange::First;
}

} // namespace hearth
