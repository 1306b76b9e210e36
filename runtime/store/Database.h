#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <mutex>
#include <optional>

namespace hearth {

// The one SQLite database in the data dir. Connections are per thread (Qt Sql
// connections must not cross threads): created on first use by a thread with
// the settings of SECURITY.md, and removed when that thread ends.
class Database
{
public:
    explicit Database(QString filePath);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Start-up: refuses a file that is not SQLite, is corrupt, or was written
    // by a newer Hearth, without changing it; then switches to WAL and applies
    // pending migrations from migrationsDir (a resource folder).
    Result<void> open(const QString &migrationsDir = QStringLiteral(":/hearth/migrations"));

    // This thread's connection, opened and configured on first use.
    QSqlDatabase connection() const;

    QString filePath() const { return m_filePath; }
    int schemaVersion() const { return m_schemaVersion; }

    // Gives up to maxPages free pages (what deleted rows left) back to the
    // file system; the free pages left.
    Result<qint64> reclaimFreePages(int maxPages) const;
    // Bytes of the file that free pages take (not given back yet).
    Result<qint64> freeBytes() const;
    // A consistent copy at `path` (a new or empty file), made while others
    // go on writing.
    Result<void> copyTo(const QString &path) const;
    // PRAGMA integrity_check of another database file, opened read-only.
    static Result<void> checkIntegrity(const QString &path);

private:
    QString connectionNameForThisThread() const;
    void enableIncrementalVacuum(QSqlDatabase &db) const;

    QString m_filePath;
    QString m_connectionPrefix;
    int m_schemaVersion = 0;
};

// A prepared, forward-only statement of this thread's connection. On a
// thread that keeps statements (keepStatementsOnThisThread: the scheduler's,
// which executes the same few statements for every run of a burst; parsing
// them was a third of its time) it is prepared on its first use and kept
// while the connection lives; when the handle goes out of scope it is reset
// — no open cursor, so no read snapshot, outlives it — and may be handed
// out again. A text already in use further up the stack gets a statement of
// its own, as does any text once a connection keeps
// MaxPreparedPerConnection. Other threads (the HTTP workers, which are many
// and run varied statements) prepare each time: keeping them cost 6 MiB
// after a few listings.
class PreparedQuery
{
public:
    static constexpr int MaxPreparedPerConnection = 64;

    static void keepStatementsOnThisThread();

    PreparedQuery(const QSqlDatabase &db, const QString &sql);
    ~PreparedQuery();
    PreparedQuery(const PreparedQuery &) = delete;
    PreparedQuery &operator=(const PreparedQuery &) = delete;

    QSqlQuery &operator*() { return *m_query; }
    QSqlQuery *operator->() { return m_query; }

private:
    QSqlQuery *m_query = nullptr;
    std::optional<QSqlQuery> m_uncached;
    bool *m_inUse = nullptr;
};

// This process's writers to one database file take turns before they ask
// SQLite for its write lock. A writer that finds SQLite's lock taken sleeps
// in growing steps (up to 100 ms) before it looks again, so under contention
// writes waited far longer than the lock was held (100 connections writing:
// p99 700–790 ms, with turns 210–220 ms); a turn is handed over at once.
// Held from construction to destruction; a thread may take its turn again
// while it holds it.
class WriterTurn
{
public:
    explicit WriterTurn(const QSqlDatabase &db);

private:
    std::unique_lock<std::recursive_timed_mutex> m_lock;
};

// A write transaction started with BEGIN IMMEDIATE, so that it takes the write
// lock up front (and waits busy_timeout for it) instead of failing with
// SQLITE_BUSY halfway through. Rolls back unless committed.
//
// Inside a WriteBatch of the same thread and connection it is a savepoint of
// the batch's transaction instead: rolled back on its own when it fails, made
// durable only by the batch's commit.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    QSqlDatabase m_db;
    std::optional<WriterTurn> m_turn; // not for a savepoint: the batch has it
    bool m_active = false;
    bool m_savepoint = false;
};

// Many write transactions of one thread made durable by one commit (one
// fsync instead of one each): the scheduler fires, and records the ends of,
// a burst of runs this way. Until commit() succeeds nothing written inside
// may be acted on or announced outside the process; if it fails, or the
// batch is dropped uncommitted, all of it is rolled back. Holds the write
// lock while open, so a batch is kept short.
class WriteBatch
{
public:
    explicit WriteBatch(QSqlDatabase db);
    ~WriteBatch();
    WriteBatch(const WriteBatch &) = delete;
    WriteBatch &operator=(const WriteBatch &) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    void end();

    QSqlDatabase m_db;
    std::optional<WriterTurn> m_turn;
    bool m_active = false;
};

// The driver's message for a failed query, for error strings. Also notes
// (for this thread) whether the storage itself failed in a way the user can
// fix: see takeStorageProblem().
QString describeSqlError(const class QSqlQuery &query);

// Conditions of the database's storage that a user can fix, which answers
// name instead of an internal error.
enum class StorageProblem {
    None,
    DiskFull, // SQLITE_FULL: the disk (or the file-size limit) is full
    ReadOnly, // SQLITE_READONLY: the file or its folder cannot be written
    Busy, // SQLITE_BUSY: another writer held the database past busy_timeout
};
// The problem the last failed statement on this thread reported since the
// previous call, and forgets it. Everything a request does to the database
// runs on its thread, so the HTTP layer asks once per failed request.
StorageProblem takeStorageProblem();

// Nullable integer columns: NULL ↔ no value.
std::optional<qint64> optionalInt(const QVariant &value);
QVariant nullableInt(std::optional<qint64> value);

} // namespace hearth
