#include "Database.h"

#include "Migrator.h"

#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadStorage>
#include <QUuid>
#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

Q_LOGGING_CATEGORY(lcStore, "hearth.store")

namespace hearth {

namespace {

struct CachedStatement
{
    QSqlQuery query;
    bool inUse = false;
};
using StatementCache = std::unordered_map<QString, std::unique_ptr<CachedStatement>>;

// This thread's connections and the statements kept for them, removed when
// the thread finishes. Kept in a QThreadStorage, not a thread_local: Qt
// deletes it as a QThread finishes, before QThread::wait() returns to
// whoever stopped the thread (a thread_local would go only later, when the
// owner may have destroyed the Database, or the exiting process Qt Sql's
// registry of connections: a sandbox slot's thread, stopped with its pool,
// crashed so), as other threads end, and for the main thread with the
// application.
struct ThreadConnections
{
    QStringList names;
    bool keepsStatements = false;
    std::unordered_map<QString, StatementCache> statements; // by connection name

    // Before a connection is removed: a query left on it would keep it in use.
    void dropStatements(const QString &name) { statements.erase(name); }

    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names)) {
            dropStatements(name);
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
};

ThreadConnections &connectionsOfThisThread()
{
    static QThreadStorage<ThreadConnections *> storage;
    if (!storage.hasLocalData())
        storage.setLocalData(new ThreadConnections);
    return *storage.localData();
}

bool execPragma(QSqlDatabase &db, const QString &pragma, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(pragma)) {
        if (error)
            *error = describeSqlError(query);
        return false;
    }
    return true;
}

constexpr int BusyTimeoutMs = 5000;

} // namespace

namespace {
thread_local StorageProblem t_storageProblem = StorageProblem::None;

// SQLite's primary result code (the low byte of an extended one).
StorageProblem storageProblemOf(const QSqlError &error)
{
    bool isNumber = false;
    const int code = error.nativeErrorCode().toInt(&isNumber) & 0xff;
    if (!isNumber)
        return StorageProblem::None;
    constexpr int SqliteBusy = 5;
    constexpr int SqliteReadOnly = 8;
    constexpr int SqliteFull = 13;
    switch (code) {
    case SqliteBusy:
        return StorageProblem::Busy;
    case SqliteFull:
        return StorageProblem::DiskFull;
    case SqliteReadOnly:
        return StorageProblem::ReadOnly;
    default:
        return StorageProblem::None;
    }
}
} // namespace

StorageProblem takeStorageProblem()
{
    return std::exchange(t_storageProblem, StorageProblem::None);
}

QString describeSqlError(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    if (const StorageProblem problem = storageProblemOf(error); problem != StorageProblem::None)
        t_storageProblem = problem;
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

void PreparedQuery::keepStatementsOnThisThread()
{
    connectionsOfThisThread().keepsStatements = true;
}

PreparedQuery::PreparedQuery(const QSqlDatabase &db, const QString &sql)
{
    auto prepare = [&sql](QSqlQuery &query) {
        query.setForwardOnly(true);
        if (query.prepare(sql))
            return true;
        // exec() would only say "No query": the reason is SQLite's now.
        qCWarning(lcStore).noquote() << "cannot prepare" << sql << ":" << describeSqlError(query);
        return false;
    };
    ThreadConnections &connections = connectionsOfThisThread();
    if (connections.keepsStatements) {
        StatementCache &cache = connections.statements[db.connectionName()];
        if (const auto found = cache.find(sql); found != cache.end()) {
            if (!found->second->inUse) {
                m_query = &found->second->query;
                m_inUse = &found->second->inUse;
                *m_inUse = true;
                return;
            }
        } else if (cache.size() < size_t(MaxPreparedPerConnection)) {
            auto entry = std::make_unique<CachedStatement>(CachedStatement { QSqlQuery(db), true });
            // A text that does not prepare is not kept: exec() fails.
            if (!prepare(entry->query)) {
                m_uncached.emplace(std::move(entry->query));
                m_query = &*m_uncached;
                return;
            }
            m_query = &entry->query;
            m_inUse = &entry->inUse;
            cache.emplace(sql, std::move(entry));
            return;
        }
    }
    m_uncached.emplace(db);
    prepare(*m_uncached);
    m_query = &*m_uncached;
}

PreparedQuery::~PreparedQuery()
{
    if (!m_inUse)
        return;
    m_query->finish();
    *m_inUse = false;
}

Database::Database(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionPrefix(QStringLiteral("hearth-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

Database::~Database()
{
    const QString name = connectionNameForThisThread();
    if (QSqlDatabase::contains(name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        connectionsOfThisThread().dropStatements(name);
        QSqlDatabase::removeDatabase(name);
        connectionsOfThisThread().names.removeAll(name);
    }
}

QString Database::connectionNameForThisThread() const
{
    return m_connectionPrefix + u'-' +
        QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}

QSqlDatabase Database::connection() const
{
    const QString name = connectionNameForThisThread();
    if (QSqlDatabase::contains(name)) {
        return QSqlDatabase::database(name, true);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    connectionsOfThisThread().names.append(name);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=") + QString::number(BusyTimeoutMs));
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << m_filePath << db.lastError().text();
        return db;
    }
    // Per-connection settings of SECURITY.md. journal_mode is persistent and
    // was set by open(); repeating it here is a no-op read. The heap limit is
    // the process's, over all connections: each thread's connection keeps a
    // page cache of up to 2 MiB, and 16 clients reading 10,000 watchers
    // filled 16 of them for good (RSS 2.65x the loaded idle; 1.5x with the
    // limit, which SQLite meets by reusing cache pages, with no change in
    // bench_hearthd's figures). Temporary storage is memory: a savepoint's
    // journal (every write transaction inside a WriteBatch is one) went to a
    // temporary file, and writing it was 40 % of inserting a run in a burst.
    for (const char *pragma :
         { "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA journal_mode=WAL",
           "PRAGMA soft_heap_limit=8388608", "PRAGMA temp_store=MEMORY" }) {
        QString error;
        if (!execPragma(db, QString::fromLatin1(pragma), &error)) {
            qCWarning(lcStore) << pragma << "failed:" << error;
        }
    }
    return db;
}

Result<void> Database::open(const QString &migrationsDir)
{
    // A database that cannot be written would open, and then every write
    // would fail: refuse now. The user's read-only mark counts even where
    // the OS would let us write anyway (as root).
    for (const QString &path : QStringList { m_filePath, m_filePath + QStringLiteral("-wal"),
                                             m_filePath + QStringLiteral("-shm") }) {
        if (QFile::exists(path) && !(QFile::permissions(path) & QFileDevice::WriteOwner)) {
            return fail(QStringLiteral("the database file %1 is read-only: make it writable "
                                       "(chmod u+w) or choose another --data-dir")
                            .arg(path));
        }
    }
    // Refuse anything that is not an SQLite file before SQLite touches it.
    QFile file(m_filePath);
    if (file.exists() && file.size() > 0) {
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("cannot read the database %1: %2")
                            .arg(m_filePath, file.errorString()));
        }
        const QByteArray header = file.read(16);
        file.close();
        if (header != QByteArrayView("SQLite format 3\0", 16)) {
            return fail(QStringLiteral("%1 is not an SQLite database; it was left untouched. "
                                       "Move it away or choose another --data-dir.")
                            .arg(m_filePath));
        }
    }

    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        return fail(QStringLiteral("cannot open the database %1: %2")
                        .arg(m_filePath, db.lastError().text()));
    }

    // Read before any write: a corrupt file fails here, unchanged.
    Migrator migrator(migrationsDir);
    auto applied = migrator.appliedVersion(db);
    if (!applied) {
        return fail(QStringLiteral("the database %1 is corrupt or unreadable (%2); it was left "
                                   "untouched. Restore a backup or move it away.")
                        .arg(m_filePath, applied.error()));
    }
    auto available = migrator.latestVersion();
    if (!available) {
        return fail(available.error());
    }
    if (applied.value() > available.value()) {
        return fail(QStringLiteral("the database %1 has schema version %2, newer than the %3 this "
                                   "hearthd knows: it was written by a newer Hearth. Upgrade "
                                   "Hearth; the file was left untouched.")
                        .arg(m_filePath)
                        .arg(applied.value())
                        .arg(available.value()));
    }

    QSqlQuery wal(db);
    if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next() ||
        wal.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0) {
        return fail(QStringLiteral("cannot switch %1 to WAL mode: %2")
                        .arg(m_filePath, describeSqlError(wal)));
    }
    wal.finish();

    auto migrated = migrator.migrate(db);
    if (!migrated) {
        return fail(
            QStringLiteral("cannot migrate the database %1: %2").arg(m_filePath, migrated.error()));
    }
    m_schemaVersion = migrated.value();

    // And where only writing tells (a read-only mount, a file the OS will
    // not let us change): one write that changes nothing.
    QSqlQuery probe(db);
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next())
        return fail(QStringLiteral("cannot read the database %1: %2")
                        .arg(m_filePath, describeSqlError(probe)));
    const int userVersion = probe.value(0).toInt();
    probe.finish();
    if (!probe.exec(QStringLiteral("PRAGMA user_version = %1").arg(userVersion))) {
        return fail(QStringLiteral("cannot write the database %1: %2; make it writable or choose "
                                   "another --data-dir")
                        .arg(m_filePath, describeSqlError(probe)));
    }
    probe.finish();
    enableIncrementalVacuum(db);
    return {};
}

void Database::enableIncrementalVacuum(QSqlDatabase &db) const
{
    // Pages freed by pruned history go back to the file system a few at a
    // time (reclaimFreePages), which needs auto_vacuum=INCREMENTAL; a
    // database made without it is switched over once, by a VACUUM. Not
    // fatal: without it the file only keeps its largest size.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA auto_vacuum")) || !query.next()) {
        qCWarning(lcStore) << "cannot read auto_vacuum:" << describeSqlError(query);
        return;
    }
    constexpr int Incremental = 2;
    if (query.value(0).toInt() == Incremental)
        return;
    query.finish();
    qCInfo(lcStore) << "switching" << m_filePath << "to incremental vacuum (once)";
    if (!query.exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL")) ||
        !query.exec(QStringLiteral("VACUUM")))
        qCWarning(lcStore) << "cannot switch to incremental vacuum:" << describeSqlError(query);
}

Result<qint64> Database::freeBytes() const
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("SELECT (SELECT freelist_count FROM pragma_freelist_count) * "
                                   "(SELECT page_size FROM pragma_page_size)")) ||
        !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toLongLong();
}

Result<void> Database::copyTo(const QString &path) const
{
    // VACUUM INTO reads one snapshot (WAL readers never block writers) and
    // writes a compact, self-contained file.
    QSqlQuery vacuum(connection());
    vacuum.prepare(QStringLiteral("VACUUM INTO ?"));
    vacuum.addBindValue(path);
    if (!vacuum.exec())
        return fail(describeSqlError(vacuum));
    return {};
}

Result<void> Database::checkIntegrity(const QString &path)
{
    const QString name = QStringLiteral("hearth-integrity-check-") + QUuid::createUuid().toString();
    QString problem;
    {
        QSqlDatabase copy = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        copy.setDatabaseName(path);
        copy.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!copy.open()) {
            problem = copy.lastError().text();
        } else {
            QSqlQuery check(copy);
            if (!check.exec(QStringLiteral("PRAGMA integrity_check")) || !check.next())
                problem = describeSqlError(check);
            else if (const QString verdict = check.value(0).toString(); verdict != u"ok")
                problem = verdict;
        }
        copy.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!problem.isEmpty())
        return fail(QStringLiteral("%1 failed its integrity check: %2").arg(path, problem));
    return {};
}

Result<qint64> Database::reclaimFreePages(int maxPages) const
{
    QSqlDatabase db = connection();
    QSqlQuery query(db);
    // The pragma frees one page per step of its statement.
    if (!query.exec(QStringLiteral("PRAGMA incremental_vacuum(%1)").arg(maxPages)))
        return fail(describeSqlError(query));
    while (query.next()) { }
    query.finish();
    if (!query.exec(QStringLiteral("PRAGMA freelist_count")) || !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toLongLong();
}

namespace {

// Connections (by name) on which this thread has a WriteBatch open.
thread_local QStringList t_batchedConnections;

bool inBatch(const QSqlDatabase &db)
{
    return t_batchedConnections.contains(db.connectionName());
}

Result<void> execute(QSqlDatabase &db, const QString &statement)
{
    PreparedQuery query(db, statement);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return {};
}

} // namespace

WriterTurn::WriterTurn(const QSqlDatabase &db)
{
    // One per database file, for the life of the process (threads that
    // write may still run while statics are destroyed).
    static std::mutex registryMutex;
    static auto *turns = new QHash<QString, std::recursive_timed_mutex *>;
    std::recursive_timed_mutex *turn = nullptr;
    {
        const std::lock_guard lock(registryMutex);
        std::recursive_timed_mutex *&entry = (*turns)[db.databaseName()];
        if (!entry)
            entry = new std::recursive_timed_mutex;
        turn = entry;
    }
    // Not forever: should a writer ever wait on another thread that wants
    // its turn, it goes on after busy_timeout, to SQLite's own lock, as
    // before there were turns.
    std::unique_lock lock(*turn, std::defer_lock);
    if (lock.try_lock_for(std::chrono::milliseconds(BusyTimeoutMs)))
        m_lock = std::move(lock);
}

WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

WriteTransaction::~WriteTransaction()
{
    if (!m_active)
        return;
    // A failed savepoint is undone on its own; the batch goes on.
    const QStringList rollback = m_savepoint
        ? QStringList { QStringLiteral("ROLLBACK TO write_transaction"),
                        QStringLiteral("RELEASE write_transaction") }
        : QStringList { QStringLiteral("ROLLBACK") };
    for (const QString &statement : rollback) {
        if (auto done = execute(m_db, statement); !done)
            qCWarning(lcStore) << "rollback failed:" << done.error();
    }
}

Result<void> WriteTransaction::begin()
{
    m_savepoint = inBatch(m_db);
    if (!m_savepoint)
        m_turn.emplace(m_db);
    if (auto begun = execute(m_db,
                             m_savepoint ? QStringLiteral("SAVEPOINT write_transaction")
                                         : QStringLiteral("BEGIN IMMEDIATE"));
        !begun)
        return begun;
    m_active = true;
    return {};
}

Result<void> WriteTransaction::commit()
{
    if (auto committed = execute(m_db,
                                 m_savepoint ? QStringLiteral("RELEASE write_transaction")
                                             : QStringLiteral("COMMIT"));
        !committed)
        return committed;
    m_active = false;
    m_turn.reset();
    return {};
}

WriteBatch::WriteBatch(QSqlDatabase db)
    : m_db(std::move(db))
{
}

WriteBatch::~WriteBatch()
{
    if (!m_active)
        return;
    if (auto rolledBack = execute(m_db, QStringLiteral("ROLLBACK")); !rolledBack)
        qCWarning(lcStore) << "rollback failed:" << rolledBack.error();
    end();
}

Result<void> WriteBatch::begin()
{
    m_turn.emplace(m_db);
    if (auto begun = execute(m_db, QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun;
    m_active = true;
    t_batchedConnections.append(m_db.connectionName());
    return {};
}

Result<void> WriteBatch::commit()
{
    if (auto committed = execute(m_db, QStringLiteral("COMMIT")); !committed)
        return committed;
    end();
    return {};
}

void WriteBatch::end()
{
    m_active = false;
    t_batchedConnections.removeOne(m_db.connectionName());
    m_turn.reset();
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QVariant nullableInt(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace hearth
