// The kv table through KvRepository: values kept verbatim, namespaces,
// prefix listing with cursors, key validation, concurrent writers.
#include "store/Database.h"
#include "store/KvRepository.h"

#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

using namespace hearth;

class TestKvRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void putGetRemove();
    void valueKeptVerbatim();
    void namespacesAreSeparate();
    void listWithPrefixAndCursor();
    void prefixHasNoWildcards();
    void validateKey_data();
    void validateKey();
    void concurrentWriters();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestKvRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(QStringLiteral("hearth.db")));
    QVERIFY(m_database->open().ok());
}

void TestKvRepository::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

void TestKvRepository::putGetRemove()
{
    KvRepository kv(*m_database);
    bool created = false;
    auto first = kv.put({}, QStringLiteral("k"), "1", &created);
    QVERIFY(first.ok());
    QVERIFY(created);
    auto second = kv.put({}, QStringLiteral("k"), "2", &created);
    QVERIFY(second.ok());
    QVERIFY(!created);
    QCOMPARE(second->createdAt, first->createdAt);

    auto got = kv.get({}, QStringLiteral("k"));
    QVERIFY(got.ok() && got.value().has_value());
    QCOMPARE(got.value()->valueJson, QByteArray("2"));
    QCOMPARE(kv.count().value(), 1);

    QVERIFY(kv.remove({}, QStringLiteral("k")).ok());
    QVERIFY(kv.remove({}, QStringLiteral("k")).ok()); // idempotent
    QVERIFY(!kv.get({}, QStringLiteral("k")).value().has_value());
    QCOMPARE(kv.count().value(), 0);
}

void TestKvRepository::valueKeptVerbatim()
{
    KvRepository kv(*m_database);
    const QByteArray value =
        R"({"big": 123456789012345678901234567890, "f": 1.50, "s": "é\u00e9"})";
    QVERIFY(kv.put({}, QStringLiteral("v"), value).ok());
    QCOMPARE(kv.get({}, QStringLiteral("v")).value()->valueJson, value);
}

void TestKvRepository::namespacesAreSeparate()
{
    KvRepository kv(*m_database);
    QVERIFY(kv.put({}, QStringLiteral("k"), "\"global\"").ok());
    QVERIFY(kv.put(QStringLiteral("watcher:1"), QStringLiteral("k"), "\"mine\"").ok());
    QCOMPARE(kv.get({}, QStringLiteral("k")).value()->valueJson, QByteArray("\"global\""));
    QCOMPARE(kv.get(QStringLiteral("watcher:1"), QStringLiteral("k")).value()->valueJson,
             QByteArray("\"mine\""));
    QCOMPARE(kv.list({}, {}, std::nullopt, 10).value().entries.size(), 1);
}

void TestKvRepository::listWithPrefixAndCursor()
{
    KvRepository kv(*m_database);
    for (int i = 0; i < 25; ++i)
        QVERIFY(kv.put({}, QStringLiteral("a/%1").arg(i, 2, 10, QChar(u'0')), "0").ok());
    QVERIFY(kv.put({}, QStringLiteral("b/0"), "0").ok());

    QStringList seen;
    std::optional<QString> cursor;
    int pages = 0;
    do {
        auto page = kv.list({}, QStringLiteral("a/"), cursor, 10);
        QVERIFY(page.ok());
        for (const KvEntry &entry : page->entries)
            seen.append(entry.key);
        cursor = page->nextAfterKey;
        ++pages;
    } while (cursor);
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 25);
    QCOMPARE(seen.constFirst(), QStringLiteral("a/00"));
    QCOMPARE(seen.constLast(), QStringLiteral("a/24"));
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));

    // A page that ends exactly at the last key has no next cursor.
    auto exact = kv.list({}, QStringLiteral("b/"), std::nullopt, 1);
    QCOMPARE(exact->entries.size(), 1);
    QVERIFY(!exact->nextAfterKey);
}

void TestKvRepository::prefixHasNoWildcards()
{
    KvRepository kv(*m_database);
    QVERIFY(kv.put({}, QStringLiteral("a%b"), "0").ok());
    QVERIFY(kv.put({}, QStringLiteral("axb"), "0").ok());
    QVERIFY(kv.put({}, QStringLiteral("a_c"), "0").ok());
    QCOMPARE(kv.list({}, QStringLiteral("a%"), std::nullopt, 10)->entries.size(), 1);
    QCOMPARE(kv.list({}, QStringLiteral("a_"), std::nullopt, 10)->entries.size(), 1);
    QCOMPARE(kv.list({}, QStringLiteral("a"), std::nullopt, 10)->entries.size(), 3);
}

void TestKvRepository::validateKey_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QByteArray("hello") << true;
    QTest::newRow("path-like") << QByteArray("feeds/hn/last seen") << true;
    QTest::newRow("unicode") << QByteArray("caf\xc3\xa9-\xe2\x9c\x93") << true;
    QTest::newRow("256 bytes") << QByteArray(256, 'k') << true;
    QTest::newRow("257 bytes") << QByteArray(257, 'k') << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("newline") << QByteArray("a\nb") << false;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false;
    QTest::newRow("DEL") << QByteArray("a\x7f") << false;
    QTest::newRow("invalid UTF-8") << QByteArray("a\xff") << false;
    QTest::newRow("overlong UTF-8") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("bidi override") << QByteArray("\xe2\x80\xae") << false;
}

void TestKvRepository::validateKey()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, valid);
    const auto problem = validateKvKey(key);
    QCOMPARE(!problem.has_value(), valid);
}

void TestKvRepository::concurrentWriters()
{
    // Each thread has its own connection; BEGIN IMMEDIATE plus busy_timeout
    // serialise the writers without SQLITE_BUSY failures.
    KvRepository kv(*m_database);
    std::atomic<int> failures = 0;
    // Each thread's connection is closed as the thread ends, before join()
    // (or QThread::wait()) returns.
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&kv, &failures, t]() {
            for (int i = 0; i < 50; ++i) {
                if (!kv.put({}, QStringLiteral("t%1/%2").arg(t).arg(i), QByteArray::number(i)).ok())
                    ++failures;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(kv.count().value(), 200);
}

QTEST_GUILESS_MAIN(TestKvRepository)
#include "tst_kvrepository.moc"
