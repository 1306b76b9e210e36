#include "Migrator.h"

#include "Database.h"
#include "SqlScript.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QVariant>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace hearth {

Migrator::Migrator(QString directory)
    : m_directory(std::move(directory))
{
}

Result<QList<Migration>> Migrator::migrations() const
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
    const QStringList names =
        QDir(m_directory).entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name);
    QList<Migration> result;
    for (const QString &name : names) {
        const auto match = pattern.match(name);
        if (!match.hasMatch()) {
            return fail(QStringLiteral("migration file %1 is not named NNNN_name.sql").arg(name));
        }
        QFile file(QDir(m_directory).filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("cannot read migration %1").arg(name));
        }
        Migration migration { match.captured(1).toInt(), name, file.readAll() };
        if (migration.version != result.size() + 1) {
            return fail(QStringLiteral("migration %1 breaks the sequence: expected number %2")
                            .arg(name)
                            .arg(result.size() + 1));
        }
        result.append(std::move(migration));
    }
    return result;
}

Result<int> Migrator::latestVersion() const
{
    auto all = migrations();
    if (!all)
        return fail(all.error());
    return int(all.value().size());
}

Result<int> Migrator::appliedVersion(QSqlDatabase &db) const
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                                   "name='schema_migrations'")) ||
        !query.next()) {
        return fail(describeSqlError(query));
    }
    if (query.value(0).toInt() == 0) {
        return 0;
    }
    if (!query.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations")) ||
        !query.next()) {
        return fail(describeSqlError(query));
    }
    return query.value(0).toInt();
}

namespace {
Result<void> runPragma(QSqlDatabase &db, const QString &pragma)
{
    QSqlQuery query(db);
    if (!query.exec(pragma))
        return fail(QStringLiteral("%1 failed: %2").arg(pragma, describeSqlError(query)));
    return {};
}
} // namespace

Result<int> Migrator::migrate(QSqlDatabase &db) const
{
    auto all = migrations();
    if (!all)
        return fail(all.error());
    auto applied = appliedVersion(db);
    if (!applied)
        return fail(applied.error());

    int version = applied.value();
    if (version == int(all->size()))
        return version;
    // A migration may rebuild a table (the only way to change a constraint):
    // with foreign keys on, dropping the old table would delete or null what
    // refers to it. They are off while migrating (SQLite's documented
    // procedure; the pragma does nothing inside a transaction) and each
    // migration must leave every reference intact before it commits.
    if (auto off = runPragma(db, QStringLiteral("PRAGMA foreign_keys=OFF")); !off)
        return fail(off.error());
    const auto foreignKeysBackOn = qScopeGuard([&db] {
        if (auto on = runPragma(db, QStringLiteral("PRAGMA foreign_keys=ON")); !on)
            qCWarning(lcStore).noquote() << on.error();
    });
    for (const Migration &migration : std::as_const(all.value())) {
        if (migration.version <= version)
            continue;
        WriteTransaction transaction(db);
        if (auto begun = transaction.begin(); !begun)
            return fail(begun.error());

        QStringList statements = splitSqlStatements(QString::fromUtf8(migration.script));
        statements.prepend(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                          " version INTEGER PRIMARY KEY,"
                                          " name TEXT NOT NULL,"
                                          " checksum TEXT NOT NULL,"
                                          " applied_at TEXT NOT NULL)"));
        for (const QString &statement : std::as_const(statements)) {
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                return fail(QStringLiteral("%1 failed: %2 (in: %3)")
                                .arg(migration.name, describeSqlError(query), statement.left(200)));
            }
        }
        QSqlQuery record(db);
        record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, name, checksum, "
                                      "applied_at) VALUES (?, ?, ?, ?)"));
        record.addBindValue(migration.version);
        record.addBindValue(migration.name);
        record.addBindValue(QString::fromLatin1(
            QCryptographicHash::hash(migration.script, QCryptographicHash::Sha256).toHex()));
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!record.exec()) {
            return fail(QStringLiteral("%1 could not be recorded: %2")
                            .arg(migration.name, describeSqlError(record)));
        }
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return fail(QStringLiteral("%1 could not be checked: %2")
                            .arg(migration.name, describeSqlError(check)));
        if (check.next()) {
            return fail(
                QStringLiteral("%1 would leave a broken reference in table %2 (row %3)")
                    .arg(migration.name, check.value(0).toString(), check.value(1).toString()));
        }
        if (auto committed = transaction.commit(); !committed)
            return fail(committed.error());
        qCInfo(lcStore) << "applied migration" << migration.name;
        version = migration.version;
    }
    return version;
}

} // namespace hearth
