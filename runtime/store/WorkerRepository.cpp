#include "WorkerRepository.h"

#include "Database.h"
#include "core/Crypto.h"
#include "model/Schedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace hearth {

namespace {

constexpr qint64 TouchGranularityMs = 5000;

const QString Columns = QStringLiteral("id, name, agent_kinds, created_at, last_seen_at");

QString kindsText(const QStringList &kinds)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(kinds)).toJson(QJsonDocument::Compact));
}

WorkerRecord fromRow(const QSqlQuery &query)
{
    WorkerRecord worker;
    worker.id = query.value(0).toLongLong();
    worker.name = query.value(1).toString();
    for (const QJsonValue &kind :
         QJsonDocument::fromJson(query.value(2).toString().toUtf8()).array())
        worker.agentKinds.append(kind.toString());
    worker.createdAt = query.value(3).toLongLong();
    worker.lastSeenAt = optionalInt(query.value(4));
    return worker;
}

Result<std::optional<WorkerRecord>> selectOne(QSqlQuery &query)
{
    if (!query.exec())
        return fail(describeSqlError(query));
    if (!query.next())
        return std::optional<WorkerRecord>();
    return std::optional<WorkerRecord>(fromRow(query));
}

} // namespace

QString WorkerRecord::claimerFor(qint64 workerId)
{
    return QStringLiteral("worker:%1").arg(workerId);
}

WorkerRepository::WorkerRepository(Database &database)
    : m_database(database)
{
}

Result<WorkerRepository::Registration>
WorkerRepository::registerWorker(const QString &name, const QStringList &agentKinds,
                                 qint64 nowMs) const
{
    const QByteArray token = crypto::newToken("hw_");
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO device_workers (name, agent_kinds, token_hash, "
                                  "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(name);
    insert.addBindValue(kindsText(agentKinds));
    insert.addBindValue(crypto::tokenHash(token));
    insert.addBindValue(nowMs);
    insert.addBindValue(nowMs);
    if (!insert.exec())
        return fail(describeSqlError(insert));
    const qint64 id = insert.lastInsertId().toLongLong();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return Registration { WorkerRecord { id, name, agentKinds, nowMs, nowMs }, token };
}

Result<std::optional<WorkerRecord>> WorkerRepository::authenticate(const QByteArray &token) const
{
    if (token.isEmpty())
        return std::optional<WorkerRecord>();
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + Columns +
                  QStringLiteral(" FROM device_workers WHERE token_hash = ?"));
    query.addBindValue(crypto::tokenHash(token));
    return selectOne(query);
}

Result<std::optional<WorkerRecord>> WorkerRepository::get(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + Columns +
                  QStringLiteral(" FROM device_workers WHERE id = ?"));
    query.addBindValue(id);
    return selectOne(query);
}

Result<QList<WorkerRecord>> WorkerRepository::list() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT ") + Columns +
                    QStringLiteral(" FROM device_workers ORDER BY id")))
        return fail(describeSqlError(query));
    QList<WorkerRecord> workers;
    while (query.next())
        workers.append(fromRow(query));
    return workers;
}

Result<bool> WorkerRepository::update(qint64 id, const QString &name,
                                      const QStringList &agentKinds) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery update(db);
    update.prepare(
        QStringLiteral("UPDATE device_workers SET name = ?, agent_kinds = ? WHERE id = ?"));
    update.addBindValue(name);
    update.addBindValue(kindsText(agentKinds));
    update.addBindValue(id);
    if (!update.exec())
        return fail(describeSqlError(update));
    const bool found = update.numRowsAffected() > 0;
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return found;
}

Result<bool> WorkerRepository::remove(qint64 id) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM device_workers WHERE id = ?"));
    remove.addBindValue(id);
    if (!remove.exec())
        return fail(describeSqlError(remove));
    const bool found = remove.numRowsAffected() > 0;
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return found;
}

Result<void> WorkerRepository::touch(qint64 id, qint64 nowMs) const
{
    QSqlQuery touch(m_database.connection());
    touch.prepare(QStringLiteral("UPDATE device_workers SET last_seen_at = ? WHERE id = ? AND "
                                 "(last_seen_at IS NULL OR last_seen_at < ?)"));
    touch.addBindValue(nowMs);
    touch.addBindValue(id);
    touch.addBindValue(nowMs - TouchGranularityMs);
    if (!touch.exec())
        return fail(describeSqlError(touch));
    return {};
}

} // namespace hearth
