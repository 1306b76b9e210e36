#include "ChannelRepository.h"

#include "Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace hearth {

namespace {

const QString Columns = QStringLiteral("id, spec, created_at, updated_at");

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString nameTakenMessage(const QString &name)
{
    return QStringLiteral("a channel named \"%1\" already exists").arg(name);
}

Result<ChannelRecord> fromRow(const QSqlQuery &query)
{
    // Only ChannelSpec::toJson() writes the column.
    auto spec =
        ChannelSpec::fromJson(QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object());
    if (!spec)
        return fail(QStringLiteral("channel %1 has a stored spec this version cannot read: %2")
                        .arg(query.value(0).toLongLong())
                        .arg(spec.error().message));
    return ChannelRecord { query.value(0).toLongLong(), spec.value(), query.value(2).toString(),
                           query.value(3).toString() };
}

Result<QList<ChannelRecord>> select(QSqlDatabase db, const QString &where,
                                    const QVariantList &values)
{
    PreparedQuery query(
        db, QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM channels ") + where);
    for (const QVariant &value : values)
        query->addBindValue(value);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<ChannelRecord> records;
    while (query->next()) {
        auto record = fromRow(*query);
        if (!record)
            return fail(record.error());
        records.append(record.value());
    }
    return records;
}

Result<bool> nameTaken(QSqlDatabase &db, const QString &name, qint64 exceptId)
{
    PreparedQuery query(db, QStringLiteral("SELECT 1 FROM channels WHERE name = ? AND id <> ?"));
    query->addBindValue(name);
    query->addBindValue(exceptId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return query->next();
}

// Watchers that name the channel in notify.channels: it keeps its name and
// stays while they do, so that every name a watcher holds is a channel.
Result<void, StoreError> notNamedByWatchers(QSqlDatabase &db, qint64 id, const QString &action)
{
    PreparedQuery query(
        db,
        QStringLiteral("SELECT w.name FROM watchers w, channels c, "
                       "json_each(w.spec, '$.notify.channels') j WHERE c.id = ? AND "
                       "json_type(w.spec, '$.notify.channels') = 'array' AND "
                       "j.value = c.name ORDER BY w.name LIMIT 6"));
    query->addBindValue(id);
    if (!query->exec())
        return fail(StoreError::storage(describeSqlError(*query)));
    QStringList watchers;
    while (query->next())
        watchers.append(QStringLiteral("\"%1\"").arg(query->value(0).toString()));
    if (watchers.isEmpty())
        return {};
    if (watchers.size() > 5)
        watchers.last() = QStringLiteral("…");
    return fail(StoreError::conflict(
        QStringLiteral("cannot %1 the channel: watchers send to it by name (%2); change their "
                       "notify.channels first")
            .arg(action, watchers.join(QStringLiteral(", ")))));
}

void bindPolicy(QSqlQuery &query, const ChannelSpec &spec)
{
    query.addBindValue(spec.name);
    query.addBindValue(channelKindName(spec.kind()));
    query.addBindValue(
        QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact)));
    query.addBindValue(spec.isDefault ? 1 : 0);
    query.addBindValue(spec.muted ? 1 : 0);
    query.addBindValue(spec.cooldownS);
    query.addBindValue(spec.dailyBudget ? QVariant(*spec.dailyBudget) : QVariant());
}

} // namespace

ChannelRepository::ChannelRepository(Database &database)
    : m_database(database)
{
}

Result<ChannelRecord, StoreError> ChannelRepository::create(const ChannelSpec &spec) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto taken = nameTaken(db, spec.name, 0);
    if (!taken)
        return fail(StoreError::storage(taken.error()));
    if (taken.value())
        return fail(StoreError::conflict(nameTakenMessage(spec.name)));
    PreparedQuery insert(db,
                         QStringLiteral("INSERT INTO channels (name, kind, spec, is_default, "
                                        "muted, cooldown_s, daily_budget, created_at, "
                                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bindPolicy(*insert, spec);
    const QString now = nowUtc();
    insert->addBindValue(now);
    insert->addBindValue(now);
    if (!insert->exec())
        return fail(StoreError::storage(describeSqlError(*insert)));
    const qint64 id = insert->lastInsertId().toLongLong();
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return ChannelRecord { id, spec, now, now };
}

Result<ChannelRecord, StoreError> ChannelRepository::update(qint64 id,
                                                            const ChannelSpec &spec) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto taken = nameTaken(db, spec.name, id);
    if (!taken)
        return fail(StoreError::storage(taken.error()));
    if (taken.value())
        return fail(StoreError::conflict(nameTakenMessage(spec.name)));
    auto current = select(db, QStringLiteral("WHERE id = ?"), { id });
    if (!current)
        return fail(StoreError::storage(current.error()));
    if (current->isEmpty())
        return fail(StoreError::notFound(QStringLiteral("channel %1 not found").arg(id)));
    if (current->constFirst().spec.name != spec.name) {
        if (auto named = notNamedByWatchers(db, id, QStringLiteral("rename")); !named)
            return fail(named.error());
    }
    PreparedQuery change(db,
                         QStringLiteral("UPDATE channels SET name = ?, kind = ?, spec = ?, "
                                        "is_default = ?, muted = ?, cooldown_s = ?, "
                                        "daily_budget = ?, updated_at = ? WHERE id = ?"));
    bindPolicy(*change, spec);
    change->addBindValue(nowUtc());
    change->addBindValue(id);
    if (!change->exec())
        return fail(StoreError::storage(describeSqlError(*change)));
    if (change->numRowsAffected() == 0)
        return fail(StoreError::notFound(QStringLiteral("channel %1 not found").arg(id)));
    auto records = select(db, QStringLiteral("WHERE id = ?"), { id });
    if (!records || records->isEmpty())
        return fail(StoreError::storage(records ? QStringLiteral("channel %1 vanished").arg(id)
                                                : records.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return records->constFirst();
}

Result<void, StoreError> ChannelRepository::remove(qint64 id) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    if (auto named = notNamedByWatchers(db, id, QStringLiteral("delete")); !named)
        return named;
    PreparedQuery remove(db, QStringLiteral("DELETE FROM channels WHERE id = ?"));
    remove->addBindValue(id);
    if (!remove->exec())
        return fail(StoreError::storage(describeSqlError(*remove)));
    if (remove->numRowsAffected() == 0)
        return fail(StoreError::notFound(QStringLiteral("channel %1 not found").arg(id)));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return {};
}

Result<std::optional<ChannelRecord>> ChannelRepository::get(qint64 id) const
{
    auto records = select(m_database.connection(), QStringLiteral("WHERE id = ?"), { id });
    if (!records)
        return fail(records.error());
    if (records->isEmpty())
        return std::optional<ChannelRecord>();
    return std::optional<ChannelRecord>(records->constFirst());
}

Result<std::optional<ChannelRecord>> ChannelRepository::findByName(const QString &name) const
{
    auto records = select(m_database.connection(), QStringLiteral("WHERE name = ?"), { name });
    if (!records)
        return fail(records.error());
    if (records->isEmpty())
        return std::optional<ChannelRecord>();
    return std::optional<ChannelRecord>(records->constFirst());
}

Result<QList<ChannelRecord>> ChannelRepository::list() const
{
    return select(m_database.connection(), QStringLiteral("ORDER BY name"), {});
}

} // namespace hearth
