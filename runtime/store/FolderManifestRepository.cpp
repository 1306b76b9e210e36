#include "FolderManifestRepository.h"

#include "Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace hearth {

namespace {

Result<void> writeFiles(const QSqlDatabase &db, qint64 watcherId,
                        const scheduler::FolderManifest &files)
{
    PreparedQuery write(db,
                        QStringLiteral("INSERT OR REPLACE INTO folder_files (watcher_id, path, "
                                       "size, modified_ms) VALUES (?, ?, ?, ?)"));
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        write->bindValue(0, watcherId);
        write->bindValue(1, it.key());
        write->bindValue(2, it->size);
        write->bindValue(3, it->modifiedMs);
        if (!write->exec())
            return fail(describeSqlError(*write));
    }
    return {};
}

} // namespace

FolderManifestRepository::FolderManifestRepository(Database &database)
    : m_database(database)
{
}

Result<std::optional<FolderManifestRepository::Stored>>
FolderManifestRepository::load(qint64 watcherId) const
{
    QSqlDatabase db = m_database.connection();
    // Only the folder triggers write these (and deleting the watcher, which
    // drops both), so the two reads agree.
    QSqlQuery scope(db);
    scope.prepare(QStringLiteral("SELECT scope FROM folder_scopes WHERE watcher_id = ?"));
    scope.addBindValue(watcherId);
    if (!scope.exec())
        return fail(describeSqlError(scope));
    if (!scope.next())
        return std::optional<Stored>();
    Stored stored { scope.value(0).toString(), {} };
    QSqlQuery files(db);
    files.setForwardOnly(true);
    files.prepare(
        QStringLiteral("SELECT path, size, modified_ms FROM folder_files WHERE watcher_id = ?"));
    files.addBindValue(watcherId);
    if (!files.exec())
        return fail(describeSqlError(files));
    while (files.next())
        stored.files.insert(files.value(0).toString(),
                            { files.value(1).toLongLong(), files.value(2).toLongLong() });
    return std::optional<Stored>(std::move(stored));
}

Result<void> FolderManifestRepository::replace(qint64 watcherId, const QString &scope,
                                               const scheduler::FolderManifest &files) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery clear(db, QStringLiteral("DELETE FROM folder_files WHERE watcher_id = ?"));
    clear->addBindValue(watcherId);
    if (!clear->exec())
        return fail(describeSqlError(*clear));
    PreparedQuery setScope(db,
                           QStringLiteral("INSERT INTO folder_scopes (watcher_id, scope) VALUES "
                                          "(?, ?) ON CONFLICT (watcher_id) DO UPDATE SET scope = "
                                          "excluded.scope"));
    setScope->addBindValue(watcherId);
    setScope->addBindValue(scope);
    if (!setScope->exec())
        return fail(describeSqlError(*setScope));
    if (auto written = writeFiles(db, watcherId, files); !written)
        return written;
    return transaction.commit();
}

Result<void> FolderManifestRepository::apply(qint64 watcherId,
                                             const scheduler::FolderChanges &changes) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery remove(db,
                         QStringLiteral("DELETE FROM folder_files WHERE watcher_id = ? AND "
                                        "path = ?"));
    for (const QString &path : changes.removed) {
        remove->bindValue(0, watcherId);
        remove->bindValue(1, path);
        if (!remove->exec())
            return fail(describeSqlError(*remove));
    }
    if (auto written = writeFiles(db, watcherId, changes.current); !written)
        return written;
    return transaction.commit();
}

} // namespace hearth
