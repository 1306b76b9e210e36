#include "KvRepository.h"

#include "Database.h"
#include "core/Validation.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QVariant>

namespace hearth {

namespace {
QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

std::optional<QString> validateKvKey(const QByteArray &utf8Key)
{
    if (utf8Key.isEmpty())
        return QStringLiteral("the key is empty");
    if (utf8Key.size() > KvRepository::MaxKeyBytes) {
        return QStringLiteral("the key is %1 bytes long; the limit is %2")
            .arg(utf8Key.size())
            .arg(KvRepository::MaxKeyBytes);
    }
    // A leading U+FEFF is a character of the key, not a byte order mark to
    // skip (the decoder's default): it must be seen to be refused.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless |
                               QStringDecoder::Flag::ConvertInitialBom);
    const QString key = decoder(utf8Key);
    if (decoder.hasError())
        return QStringLiteral("the key is not valid UTF-8");
    if (const std::optional<QChar> c = firstInvisibleCharacter(key)) {
        return c->category() == QChar::Other_Control
            ? QStringLiteral("the key contains a control character")
            : QStringLiteral("the key contains a format character (such as U+FEFF)");
    }
    return std::nullopt;
}

KvRepository::KvRepository(Database &database)
    : m_database(database)
{
}

Result<std::optional<KvEntry>> KvRepository::get(const QString &ns, const QString &key) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "SELECT value, created_at, updated_at FROM kv WHERE namespace = coalesce(?, '') "
        "AND key = ?"));
    query.addBindValue(ns);
    query.addBindValue(key);
    if (!query.exec())
        return fail(describeSqlError(query));
    if (!query.next())
        return std::optional<KvEntry>();
    return std::optional<KvEntry>(KvEntry { key, query.value(0).toString().toUtf8(),
                                            query.value(1).toString(), query.value(2).toString() });
}

Result<KvEntry> KvRepository::put(const QString &ns, const QString &key,
                                  const QByteArray &valueJson, bool *created) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());

    QSqlQuery existing(db);
    existing.prepare(
        QStringLiteral("SELECT created_at FROM kv WHERE namespace = coalesce(?, '') AND key = ?"));
    existing.addBindValue(ns);
    existing.addBindValue(key);
    if (!existing.exec())
        return fail(describeSqlError(existing));
    const bool exists = existing.next();
    const QString now = nowUtc();
    const QString createdAt = exists ? existing.value(0).toString() : now;
    existing.finish();

    QSqlQuery upsert(db);
    upsert.prepare(
        QStringLiteral("INSERT INTO kv (namespace, key, value, created_at, updated_at) "
                       "VALUES (coalesce(?, ''), ?, ?, ?, ?) "
                       "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at"));
    upsert.addBindValue(ns);
    upsert.addBindValue(key);
    upsert.addBindValue(QString::fromUtf8(valueJson));
    upsert.addBindValue(createdAt);
    upsert.addBindValue(now);
    if (!upsert.exec())
        return fail(describeSqlError(upsert));
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    if (created)
        *created = !exists;
    return KvEntry { key, valueJson, createdAt, now };
}

Result<bool> KvRepository::isValidJson(const QByteArray &json) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT json_valid(?)"));
    query.addBindValue(QString::fromUtf8(json));
    if (!query.exec() || !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toInt() == 1;
}

Result<void> KvRepository::remove(const QString &ns, const QString &key) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM kv WHERE namespace = coalesce(?, '') AND key = ?"));
    query.addBindValue(ns);
    query.addBindValue(key);
    if (!query.exec())
        return fail(describeSqlError(query));
    return transaction.commit();
}

Result<KvKeyPage> KvRepository::list(const QString &ns, const QString &prefix,
                                     const std::optional<QString> &afterKey, int limit) const
{
    QSqlQuery query(m_database.connection());
    // `key >= prefix` lets SQLite start the range scan at the prefix; substr()
    // then keeps exactly the keys that begin with it (no LIKE wildcards).
    query.prepare(QStringLiteral(
        "SELECT key, created_at, updated_at FROM kv WHERE namespace = :ns AND key >= :prefix "
        "AND substr(key, 1, length(:prefix)) = :prefix AND key > :after ORDER BY key "
        "LIMIT :limit"));
    // Empty, never NULL: a NULL would compare as unknown and match nothing.
    query.bindValue(QStringLiteral(":ns"), ns.isNull() ? QStringLiteral("") : ns);
    query.bindValue(QStringLiteral(":prefix"), prefix.isNull() ? QStringLiteral("") : prefix);
    query.bindValue(QStringLiteral(":after"), afterKey.value_or(QStringLiteral("")));
    query.bindValue(QStringLiteral(":limit"), limit + 1);
    if (!query.exec())
        return fail(describeSqlError(query));
    KvKeyPage page;
    while (query.next()) {
        if (page.entries.size() == limit) {
            page.nextAfterKey = page.entries.constLast().key;
            break;
        }
        page.entries.append(KvEntry {
            query.value(0).toString(), {}, query.value(1).toString(), query.value(2).toString() });
    }
    return page;
}

Result<qint64> KvRepository::count() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM kv")) || !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toLongLong();
}

} // namespace hearth
