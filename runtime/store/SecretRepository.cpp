#include "SecretRepository.h"

#include "Database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace hearth {

namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

Result<void> writeKeyRecord(QSqlDatabase &db, const SecretKeyRecord &record)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO secret_key (id, fingerprint, key_version, source, updated_at) "
        "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, "
        "key_version = excluded.key_version, source = excluded.source, "
        "updated_at = excluded.updated_at"));
    query.addBindValue(record.fingerprint);
    query.addBindValue(record.keyVersion);
    query.addBindValue(record.source);
    query.addBindValue(nowUtc());
    if (!query.exec())
        return fail(describeSqlError(query));
    return {};
}

} // namespace

SecretRepository::SecretRepository(Database &database)
    : m_database(database)
{
}

Result<std::optional<StoredSecret>> SecretRepository::get(const QString &name) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT sealed, key_version, created_at, updated_at FROM secrets WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return fail(describeSqlError(query));
    if (!query.next())
        return std::optional<StoredSecret>();
    return std::optional<StoredSecret>(
        StoredSecret { name, query.value(0).toByteArray(), query.value(1).toInt(),
                       query.value(2).toString(), query.value(3).toString() });
}

Result<QList<StoredSecret>> SecretRepository::list(const std::optional<QString> &afterName,
                                                   int limit, bool *more) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT name, key_version, created_at, updated_at FROM secrets "
                                 "WHERE name > ? ORDER BY name LIMIT ?"));
    query.addBindValue(afterName.value_or(QStringLiteral("")));
    query.addBindValue(limit + 1);
    if (!query.exec())
        return fail(describeSqlError(query));
    QList<StoredSecret> secrets;
    *more = false;
    while (query.next()) {
        if (secrets.size() == limit) {
            *more = true;
            break;
        }
        secrets.append(StoredSecret { query.value(0).toString(),
                                      {},
                                      query.value(1).toInt(),
                                      query.value(2).toString(),
                                      query.value(3).toString() });
    }
    return secrets;
}

Result<StoredSecret> SecretRepository::put(const QString &name, const QByteArray &sealed,
                                           int keyVersion, bool *created) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery existing(db);
    existing.prepare(QStringLiteral("SELECT created_at FROM secrets WHERE name = ?"));
    existing.addBindValue(name);
    if (!existing.exec())
        return fail(describeSqlError(existing));
    const bool exists = existing.next();
    const QString now = nowUtc();
    const QString createdAt = exists ? existing.value(0).toString() : now;
    existing.finish();

    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral(
        "INSERT INTO secrets (name, sealed, key_version, created_at, updated_at) VALUES (?, ?, ?, "
        "?, ?) ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, key_version = "
        "excluded.key_version, updated_at = excluded.updated_at"));
    upsert.addBindValue(name);
    upsert.addBindValue(sealed);
    upsert.addBindValue(keyVersion);
    upsert.addBindValue(createdAt);
    upsert.addBindValue(now);
    if (!upsert.exec())
        return fail(describeSqlError(upsert));
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    if (created)
        *created = !exists;
    return StoredSecret { name, sealed, keyVersion, createdAt, now };
}

Result<void> SecretRepository::remove(const QString &name) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM secrets WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return fail(describeSqlError(query));
    return transaction.commit();
}

Result<qint64> SecretRepository::count() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM secrets")) || !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toLongLong();
}

Result<std::optional<SecretKeyRecord>> SecretRepository::keyRecord() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(
            QStringLiteral("SELECT fingerprint, key_version, source FROM secret_key WHERE id = 1")))
        return fail(describeSqlError(query));
    if (!query.next())
        return std::optional<SecretKeyRecord>();
    return std::optional<SecretKeyRecord>(SecretKeyRecord {
        query.value(0).toString(), query.value(1).toInt(), query.value(2).toString() });
}

Result<void> SecretRepository::setKeyRecord(const SecretKeyRecord &record) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    if (auto written = writeKeyRecord(db, record); !written)
        return written;
    return transaction.commit();
}

Result<void>
SecretRepository::resealAll(const std::function<Result<QByteArray>(const StoredSecret &)> &reseal,
                            const SecretKeyRecord &newKey) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QList<StoredSecret> all;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT name, sealed, key_version FROM secrets")))
            return fail(describeSqlError(query));
        while (query.next()) {
            all.append(StoredSecret { query.value(0).toString(),
                                      query.value(1).toByteArray(),
                                      query.value(2).toInt(),
                                      {},
                                      {} });
        }
    }
    for (const StoredSecret &secret : std::as_const(all)) {
        auto sealed = reseal(secret);
        if (!sealed)
            return fail(QStringLiteral("%1: %2").arg(secret.name, sealed.error()));
        QSqlQuery update(db);
        update.prepare(
            QStringLiteral("UPDATE secrets SET sealed = ?, key_version = ? WHERE name = ?"));
        update.addBindValue(sealed.value());
        update.addBindValue(newKey.keyVersion);
        update.addBindValue(secret.name);
        if (!update.exec())
            return fail(describeSqlError(update));
    }
    if (auto written = writeKeyRecord(db, newKey); !written)
        return written;
    return transaction.commit();
}

Result<qint64> SecretRepository::deleteAll(const std::optional<SecretKeyRecord> &newKey) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("DELETE FROM secrets")))
        return fail(describeSqlError(query));
    const qint64 deleted = query.numRowsAffected();
    if (newKey) {
        if (auto written = writeKeyRecord(db, *newKey); !written)
            return fail(written.error());
    } else if (!query.exec(QStringLiteral("DELETE FROM secret_key"))) {
        return fail(describeSqlError(query));
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return deleted;
}

} // namespace hearth
