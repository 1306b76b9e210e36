// The database layer: migrations and their schema snapshot, refusal of files
// we must not touch, the SQL splitter, and the settings each connection gets.
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/SqlScript.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <thread>

using namespace hearth;

namespace {

const QString SnapshotPath = QStringLiteral(HEARTH_SOURCE_DIR "/tests/unit/data/schema.snapshot");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

// What the snapshot pins: every migration's checksum (so editing an applied
// migration fails) and the schema the migrations produce.
QByteArray describeSchema(Database &database, const QString &migrationsDir)
{
    QByteArray text = "# Schema produced by runtime/store/migrations. Regenerate after adding a\n"
                      "# migration with: HEARTH_UPDATE_SNAPSHOTS=1 ctest -R tst_store\n";
    const auto migrations = Migrator(migrationsDir).migrations();
    for (const Migration &migration : migrations.value()) {
        text += "migration " + migration.name.toUtf8() + " sha256 " +
            QCryptographicHash::hash(migration.script, QCryptographicHash::Sha256).toHex() + '\n';
    }
    QSqlQuery query(database.connection());
    query.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE "
                              "'sqlite_%' ORDER BY type, name"));
    while (query.next()) {
        text += query.value(0).toString().toUtf8() + ' ' + query.value(1).toString().toUtf8() +
            ":\n" + query.value(2).toString().toUtf8() + "\n";
    }
    return text;
}

struct FileState
{
    QByteArray bytes;
    QDateTime modified;
    bool operator==(const FileState &) const = default;
};

FileState stateOf(const QString &path)
{
    return { readFile(path), QFileInfo(path).lastModified() };
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void schemaMatchesSnapshot();
    void migrationsAreIdempotent();
    void connectionSettings();
    void connectionPerThread();
    void preparedStatementsAreKeptAndReset();
    void writeBatchMakesTransactionsDurableTogether();
    void olderDatabasesSwitchToIncrementalVacuum();
    void refusesNewerDatabaseUntouched();
    void refusesNonSqliteFileUntouched_data();
    void refusesNonSqliteFileUntouched();
    void refusesCorruptDatabaseUntouched();
    void failedMigrationLeavesNothing();
    void rebuildingRunsKeepsHistory();
    void migrationBreakingReferencesIsRefused();
    void migrationNamesAndSequence_data();
    void migrationNamesAndSequence();
    void splitStatements_data();
    void splitStatements();
};

void TestStore::schemaMatchesSnapshot()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY2(database.open().ok(), "open failed");
    const QByteArray actual = describeSchema(database, QStringLiteral(":/hearth/migrations"));
    if (qEnvironmentVariableIntValue("HEARTH_UPDATE_SNAPSHOTS") == 1) {
        writeFile(SnapshotPath, actual);
        qInfo("snapshot rewritten: %s", qPrintable(SnapshotPath));
    }
    const QByteArray expected = readFile(SnapshotPath);
    QVERIFY2(!expected.isEmpty(), "tests/unit/data/schema.snapshot is missing");
    if (actual != expected) {
        qWarning().noquote() << "actual schema:\n" << actual;
        QFAIL("the schema differs from tests/unit/data/schema.snapshot: a migration changed or "
              "the snapshot was not regenerated");
    }
    QCOMPARE(database.schemaVersion(),
             Migrator(QStringLiteral(":/hearth/migrations")).latestVersion().value());
}

void TestStore::migrationsAreIdempotent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    {
        Database database(path);
        QVERIFY(database.open().ok());
    }
    Database reopened(path);
    QVERIFY(reopened.open().ok());
    QSqlQuery query(reopened.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*), max(version) FROM schema_migrations")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), reopened.schemaVersion());
    QCOMPARE(query.value(1).toInt(), reopened.schemaVersion());
}

void TestStore::connectionSettings()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY(database.open().ok());
    QSqlQuery query(database.connection());
    auto pragma = [&](const char *name) {
        query.exec(QStringLiteral("PRAGMA ") + QString::fromLatin1(name));
        return query.next() ? query.value(0).toString() : QString();
    };
    QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
    QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
    QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
    QCOMPARE(pragma("busy_timeout"), QStringLiteral("5000"));
    QCOMPARE(pragma("temp_store"), QStringLiteral("2")); // MEMORY
}

void TestStore::connectionPerThread()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY(database.open().ok());
    const QString mainName = database.connection().connectionName();
    QString threadName;
    bool threadOk = false;
    QThread *thread = QThread::create([&]() {
        QSqlDatabase db = database.connection();
        threadName = db.connectionName();
        QSqlQuery query(db);
        threadOk = query.exec(QStringLiteral("SELECT count(*) FROM kv")) && query.next();
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(threadOk);
    QVERIFY(threadName != mainName);
    // Removed when the QThread finished, before wait() returned (its
    // thread_local destructors run only later, when whoever stopped it may
    // have destroyed the database already).
    QVERIFY(!QSqlDatabase::contains(threadName));
    QVERIFY(QSqlDatabase::contains(mainName));
}

void TestStore::preparedStatementsAreKeptAndReset()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY(database.open().ok());
    QSqlDatabase db = database.connection();
    PreparedQuery::keepStatementsOnThisThread();
    const QString insert = QStringLiteral(
        "INSERT INTO kv (key, value, created_at, updated_at) VALUES (?, '1', 'now', 'now')");
    for (const QString &key : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }) {
        PreparedQuery query(db, insert);
        query->addBindValue(key);
        QVERIFY(query->exec());
    }
    const QString select = QStringLiteral("SELECT key FROM kv ORDER BY key");
    const QSqlQuery *kept = nullptr;
    {
        PreparedQuery query(db, select);
        QVERIFY(query->exec() && query->next()); // one row of three: a cursor is open
        QCOMPARE(query->value(0).toString(), QStringLiteral("a"));
        kept = &*query;
        // The same text in use further up the stack: a statement of its own.
        PreparedQuery nested(db, select);
        QVERIFY(&*nested != kept);
        QVERIFY(nested->exec() && nested->next());
        QCOMPARE(nested->value(0).toString(), QStringLiteral("a"));
        QVERIFY(query->next());
        QCOMPARE(query->value(0).toString(), QStringLiteral("b"));
    }
    {
        // Handed out again, reset: no cursor (and no read snapshot) survived.
        PreparedQuery again(db, select);
        QCOMPARE(&*again, kept);
        QVERIFY(!again->isActive());
        QVERIFY(again->exec());
        QStringList keys;
        while (again->next())
            keys.append(again->value(0).toString());
        QCOMPARE(keys,
                 QStringList({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
    }
    // A text that does not prepare says why, and fails on exec.
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(QStringLiteral("cannot prepare.*no such table: nowhere")));
    PreparedQuery broken(db, QStringLiteral("SELECT nope FROM nowhere"));
    QVERIFY(!broken->exec());

    // A thread's kept statements go before its connection does: removing a
    // connection still in use would warn and leave it open.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use")));
    QString threadName;
    std::thread thread([&]() {
        QSqlDatabase own = database.connection();
        threadName = own.connectionName();
        PreparedQuery::keepStatementsOnThisThread();
        PreparedQuery query(own, select);
        if (query->exec())
            query->next();
    });
    thread.join();
    QVERIFY(!threadName.isEmpty());
    QVERIFY(!QSqlDatabase::contains(threadName));
}

namespace {

// The kv keys another thread's connection sees: what is committed.
QStringList committedKeys(Database &database)
{
    QStringList keys;
    // join() returns after the thread's connection is closed.
    std::thread thread([&]() {
        QSqlQuery query(database.connection());
        query.exec(QStringLiteral("SELECT key FROM kv ORDER BY key"));
        while (query.next())
            keys.append(query.value(0).toString());
    });
    thread.join();
    return keys;
}

bool writeKey(QSqlDatabase db, const QString &key, bool commit)
{
    WriteTransaction transaction(db);
    if (!transaction.begin())
        return false;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO kv (key, value, created_at, updated_at) "
                                  "VALUES (?, '1', 'now', 'now')"));
    insert.addBindValue(key);
    if (!insert.exec())
        return false;
    return !commit || transaction.commit().ok();
}

} // namespace

void TestStore::writeBatchMakesTransactionsDurableTogether()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    QVERIFY(database.open().ok());
    QSqlDatabase db = database.connection();
    {
        WriteBatch batch(db);
        QVERIFY(batch.begin().ok());
        QVERIFY(writeKey(db, QStringLiteral("a"), true));
        // Dropped uncommitted: undone on its own, the batch goes on.
        QVERIFY(writeKey(db, QStringLiteral("b"), false));
        QVERIFY(writeKey(db, QStringLiteral("c"), true));
        // Committed transactions of a batch are not durable, nor visible,
        // before the batch is.
        QCOMPARE(committedKeys(database), QStringList());
        QVERIFY(batch.commit().ok());
    }
    QCOMPARE(committedKeys(database), (QStringList { QStringLiteral("a"), QStringLiteral("c") }));
    {
        // A batch dropped uncommitted takes its committed transactions along.
        WriteBatch batch(db);
        QVERIFY(batch.begin().ok());
        QVERIFY(writeKey(db, QStringLiteral("d"), true));
    }
    QCOMPARE(committedKeys(database), (QStringList { QStringLiteral("a"), QStringLiteral("c") }));
    // Afterwards a transaction is durable on its own again.
    QVERIFY(writeKey(db, QStringLiteral("e"), true));
    QCOMPARE(committedKeys(database).last(), QStringLiteral("e"));
}

void TestStore::olderDatabasesSwitchToIncrementalVacuum()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    const auto autoVacuum = [](Database &database) {
        QSqlQuery query(database.connection());
        query.exec(QStringLiteral("PRAGMA auto_vacuum"));
        query.next();
        return query.value(0).toInt();
    };
    {
        Database database(path);
        QVERIFY(database.open().ok());
        QCOMPARE(autoVacuum(database), 2); // INCREMENTAL from the start
        // What a database made before looks like, with some data.
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum = NONE")));
        QVERIFY(query.exec(QStringLiteral("VACUUM")));
        QVERIFY(writeKey(database.connection(), QStringLiteral("kept"), true));
        QCOMPARE(autoVacuum(database), 0);
    }
    Database database(path);
    QVERIFY(database.open().ok());
    QCOMPARE(autoVacuum(database), 2);
    QCOMPARE(committedKeys(database), QStringList { QStringLiteral("kept") });
    QCOMPARE(database.freeBytes().value(), 0);
}

void TestStore::refusesNewerDatabaseUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    {
        Database database(path);
        QVERIFY(database.open().ok());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, "
                                          "'0999_future.sql', 'x', '2030-01-01T00:00:00Z')")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const FileState before = stateOf(path);
    Database database(path);
    const auto opened = database.open();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"newer"), qPrintable(opened.error()));
    QVERIFY(opened.error().contains(u"999"));
    QVERIFY(opened.error().contains(path));
    QVERIFY(stateOf(path) == before);
}

void TestStore::refusesNonSqliteFileUntouched_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("this is my shopping list\n");
    QTest::newRow("json") << QByteArray("{\"not\":\"a database\"}");
    QTest::newRow("binary") << QByteArray(5000, '\xAB');
    QTest::newRow("short") << QByteArray("SQLite");
}

void TestStore::refusesNonSqliteFileUntouched()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    writeFile(path, content);
    const FileState before = stateOf(path);
    Database database(path);
    const auto opened = database.open();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
    QVERIFY(opened.error().contains(u"not an SQLite database"));
    QVERIFY(stateOf(path) == before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("hearth.db") });
}

void TestStore::refusesCorruptDatabaseUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    {
        Database database(path);
        QVERIFY(database.open().ok());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
    }
    // Keep the valid header, destroy everything after it.
    QByteArray bytes = readFile(path);
    QVERIFY(bytes.size() >= 4096);
    for (qsizetype i = 16; i < bytes.size(); ++i)
        bytes[i] = char(0x5A ^ (i & 0xFF));
    writeFile(path, bytes);
    const FileState before = stateOf(path);

    Database database(path);
    const auto opened = database.open();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
    QVERIFY(opened.error().contains(u"untouched"));
    QVERIFY(stateOf(path) == before);
}

void TestStore::failedMigrationLeavesNothing()
{
    QTemporaryDir migrations;
    writeFile(migrations.filePath(QStringLiteral("0001_one.sql")),
              "CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);\n");
    writeFile(migrations.filePath(QStringLiteral("0002_two.sql")),
              "CREATE TABLE b (y INTEGER);\nINSERT INTO no_such_table VALUES (2);\n");
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    const auto opened = database.open(migrations.path());
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"0002_two.sql"), qPrintable(opened.error()));

    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT max(version) FROM schema_migrations")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'b'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0); // 0002's first statement was rolled back too
}

// 0011 rebuilds the runs table (to widen a CHECK): a database made before
// it keeps every run with its id, the logs and snapshots that refer to
// runs, and the id sequence (no id is handed out twice, even one whose run
// was deleted).
void TestStore::rebuildingRunsKeepsHistory()
{
    QTemporaryDir before;
    for (const QString &name : QDir(QStringLiteral(":/hearth/migrations")).entryList()) {
        if (name.left(4).toInt() < 11)
            QVERIFY(
                QFile::copy(QStringLiteral(":/hearth/migrations/") + name, before.filePath(name)));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    const auto exec = [](Database &database, const QString &statement) {
        QSqlQuery query(database.connection());
        if (!query.exec(statement))
            qWarning() << statement << query.lastError().text();
        return query;
    };
    {
        Database database(path);
        QVERIFY(database.open(before.path()).ok());
        QCOMPARE(database.schemaVersion(), 10);
        exec(database,
             QStringLiteral("INSERT INTO watchers (id, name, kind, spec, enabled, created_at, "
                            "updated_at) VALUES (1, 'w', 'lua', '{}', 1, 'x', 'x')"));
        for (int id = 1; id <= 3; ++id) {
            exec(database,
                 QStringLiteral("INSERT INTO runs (id, watcher_id, scheduled_for, attempt, "
                                "trigger, status, not_before, created_at, result, worker_id, "
                                "output, exit_code) VALUES (%1, 1, %1, 1, 'manual', 'succeeded', "
                                "0, 0, '{\"n\":%1}', 7, 'printed', 0)")
                     .arg(id));
            exec(database,
                 QStringLiteral("INSERT INTO run_logs VALUES (%1, 1, 't', 'info', 'line', NULL)")
                     .arg(id));
        }
        exec(database, QStringLiteral("INSERT INTO snapshot_texts VALUES (x'00', 1, x'00')"));
        exec(database,
             QStringLiteral("INSERT INTO snapshots (watcher_id, run_id, text_hash, "
                            "created_at) VALUES (1, 2, x'00', 0)"));
        exec(database, QStringLiteral("DELETE FROM runs WHERE id = 3"));
    }
    Database database(path);
    QVERIFY(database.open().ok());
    QVERIFY(database.schemaVersion() >= 11);
    QSqlQuery runs = exec(database,
                          QStringLiteral("SELECT id, result, worker_id, output, "
                                         "chain_depth, parent_run_id FROM runs "
                                         "ORDER BY id"));
    QVERIFY(runs.next());
    QCOMPARE(runs.value(0).toInt(), 1);
    QCOMPARE(runs.value(1).toString(), QStringLiteral("{\"n\":1}"));
    QCOMPARE(runs.value(2).toInt(), 7);
    QCOMPARE(runs.value(3).toString(), QStringLiteral("printed"));
    QCOMPARE(runs.value(4).toInt(), 0);
    QVERIFY(runs.value(5).isNull());
    QVERIFY(runs.next());
    QCOMPARE(runs.value(0).toInt(), 2);
    QVERIFY(!runs.next());
    QSqlQuery logs = exec(database, QStringLiteral("SELECT count(*) FROM run_logs"));
    QVERIFY(logs.next());
    QCOMPARE(logs.value(0).toInt(), 2);
    QSqlQuery snapshot = exec(database, QStringLiteral("SELECT run_id FROM snapshots"));
    QVERIFY(snapshot.next());
    QCOMPARE(snapshot.value(0).toInt(), 2);
    // The next run takes id 4: 3 was handed out before.
    QSqlQuery next = exec(database,
                          QStringLiteral("INSERT INTO runs (watcher_id, scheduled_for, attempt, "
                                         "trigger, status, not_before, created_at, "
                                         "parent_run_id, chain_depth) VALUES (1, 9, 1, 'after', "
                                         "'pending', 0, 0, 2, 1) RETURNING id"));
    QVERIFY(next.next());
    QCOMPARE(next.value(0).toInt(), 4);
    // Foreign keys are back on: deleting a run cascades to its logs again.
    exec(database, QStringLiteral("DELETE FROM runs WHERE id = 1"));
    QSqlQuery left = exec(database, QStringLiteral("SELECT count(*) FROM run_logs"));
    QVERIFY(left.next());
    QCOMPARE(left.value(0).toInt(), 1);
}

void TestStore::migrationBreakingReferencesIsRefused()
{
    QTemporaryDir migrations;
    writeFile(migrations.filePath(QStringLiteral("0001_one.sql")),
              "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
              "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));\n"
              "INSERT INTO parent VALUES (1);\nINSERT INTO child VALUES (1);\n");
    writeFile(migrations.filePath(QStringLiteral("0002_two.sql")), "DELETE FROM parent;\n");
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    const auto opened = database.open(migrations.path());
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"0002_two.sql") && opened.error().contains(u"child"),
             qPrintable(opened.error()));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM parent")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestStore::migrationNamesAndSequence_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("error"); // empty: valid
    QTest::newRow("sequence") << QStringList { QStringLiteral("0001_a.sql"),
                                               QStringLiteral("0002_b.sql") }
                              << QString();
    QTest::newRow("gap") << QStringList { QStringLiteral("0001_a.sql"),
                                          QStringLiteral("0003_c.sql") }
                         << QStringLiteral("breaks the sequence");
    QTest::newRow("not from one") << QStringList { QStringLiteral("0002_b.sql") }
                                  << QStringLiteral("breaks the sequence");
    QTest::newRow("bad name") << QStringList { QStringLiteral("0001_a.sql"),
                                               QStringLiteral("2_b.sql") }
                              << QStringLiteral("not named");
}

void TestStore::migrationNamesAndSequence()
{
    QFETCH(QStringList, files);
    QFETCH(QString, error);
    QTemporaryDir dir;
    for (const QString &file : files)
        writeFile(dir.filePath(file), "SELECT 1;");
    const auto migrations = Migrator(dir.path()).migrations();
    if (error.isEmpty()) {
        QVERIFY(migrations.ok());
        QCOMPARE(migrations.value().size(), files.size());
    } else {
        QVERIFY(!migrations.ok());
        QVERIFY2(migrations.error().contains(error), qPrintable(migrations.error()));
    }
}

void TestStore::splitStatements_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two") << QStringLiteral("CREATE TABLE a (x);\nCREATE TABLE b (y);\n")
                         << QStringList { QStringLiteral("CREATE TABLE a (x)"),
                                          QStringLiteral("CREATE TABLE b (y)") };
    QTest::newRow("no final semicolon")
        << QStringLiteral("SELECT 1;SELECT 2")
        << QStringList { QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2") };
    QTest::newRow("semicolon in string")
        << QStringLiteral("INSERT INTO t VALUES ('a;b''c;');SELECT 1;")
        << QStringList { QStringLiteral("INSERT INTO t VALUES ('a;b''c;')"),
                         QStringLiteral("SELECT 1") };
    QTest::newRow("semicolon in identifier")
        << QStringLiteral("CREATE TABLE \"x;y\" ([a;b] INT, `c;d` INT);")
        << QStringList { QStringLiteral("CREATE TABLE \"x;y\" ([a;b] INT, `c;d` INT)") };
    QTest::newRow("comments")
        << QStringLiteral(
               "-- a comment; with semicolon\nSELECT 1; /* block; */ SELECT 2;\n-- trailing\n")
        << QStringList { QStringLiteral("-- a comment; with semicolon\nSELECT 1"),
                         QStringLiteral("/* block; */ SELECT 2") };
    QTest::newRow("trigger")
        << QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET y = 1; "
                          "UPDATE b SET y = CASE WHEN y > 1 THEN 2 ELSE 3 END; END;\nSELECT 1;")
        << QStringList { QStringLiteral(
                             "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET y = 1; "
                             "UPDATE b SET y = CASE WHEN y > 1 THEN 2 ELSE 3 END; END"),
                         QStringLiteral("SELECT 1") };
    QTest::newRow("only comments") << QStringLiteral("-- nothing\n/* here */\n") << QStringList {};
    QTest::newRow("end as identifier part")
        << QStringLiteral("CREATE TABLE t (ends INT, end_at TEXT);")
        << QStringList { QStringLiteral("CREATE TABLE t (ends INT, end_at TEXT)") };
}

void TestStore::splitStatements()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(splitSqlStatements(script), statements);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
