// SecretStore over a real SQLite file with the environment and opt-in file
// key sources: key selection, fingerprints and mismatches, reset, rotation
// (interrupted at every step), and that no plaintext reaches the database.
#include "core/Crypto.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::secrets;

Q_DECLARE_METATYPE(hearth::secrets::RotationStep)

namespace {

QString randomKeyBase64()
{
    return QString::fromLatin1(crypto::randomBytes(32).toBase64());
}

SecretStoreConfig config(const QString &dataDir, std::optional<QString> envKey,
                         bool keyFile = false)
{
    SecretStoreConfig c;
    c.dataDir = dataDir;
    c.environmentKey = std::move(envKey);
    c.useKeychain = false; // the keychain is covered by tst_keychain under a private bus
    c.keyFileOptIn = keyFile;
    c.keychainRetryDelay = std::chrono::milliseconds(0);
    c.maxValueBytes = 1024;
    return c;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void environmentKeyErrors_data();
    void environmentKeyErrors();
    void unavailableWithoutAnySource();
    void crudWithEnvironmentKey();
    void validation_data();
    void validation();
    void mismatchRefusesAndLosesNothing();
    void keyFileIsOptInWithWarning();
    void lostKeyIsNeverSilentlyReplaced();
    void resetAdoptsTheAvailableKey();
    void rotation();
    void rotationInterrupted_data();
    void rotationInterrupted();
    void rotationUnsupportedForEnvironmentKey();
    void twoDataDirsNeverShareAFileKey();
    void noPlaintextInDatabase();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("hearth.db")); }
    void reopen()
    {
        m_db = std::make_unique<Database>(dbPath());
        QVERIFY(m_db->open().ok());
    }
    std::unique_ptr<SecretStore> store(std::optional<QString> envKey, bool keyFile = false)
    {
        auto s =
            std::make_unique<SecretStore>(*m_db, config(m_dir->path(), std::move(envKey), keyFile));
        s->initialize();
        return s;
    }
};

void TestSecretStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    reopen();
}

void TestSecretStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSecretStore::environmentKeyErrors_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << QStringLiteral("not base64 at all!")
                               << QStringLiteral("HEARTH_SECRET_KEY is not valid base64");
    QTest::newRow("empty") << QString() << QStringLiteral("HEARTH_SECRET_KEY is not valid base64");
    QTest::newRow("too short") << QString::fromLatin1(QByteArray(16, 'k').toBase64())
                               << QStringLiteral("decodes to 16 bytes; it must be exactly 32");
    QTest::newRow("too long") << QString::fromLatin1(QByteArray(33, 'k').toBase64())
                              << QStringLiteral("decodes to 33 bytes; it must be exactly 32");
}

void TestSecretStore::environmentKeyErrors()
{
    QFETCH(QString, value);
    QFETCH(QString, message);
    // A bad HEARTH_SECRET_KEY stops the search: no silent fallback to the
    // key file the user also opted in to.
    auto s = store(value, true);
    const SecretsStatus status = s->status();
    QCOMPARE(status.state, SecretsStatus::State::Unavailable);
    QVERIFY2(status.message.contains(message), qPrintable(status.message));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("master.key"))));
    bool created = false;
    QCOMPARE(s->put(QStringLiteral("A"), "v", &created).error().code,
             SecretError::Code::Unavailable);
}

void TestSecretStore::unavailableWithoutAnySource()
{
    auto s = store(std::nullopt);
    const SecretsStatus status = s->status();
    QCOMPARE(status.state, SecretsStatus::State::Unavailable);
    QVERIFY(status.message.contains(u"HEARTH_SECRET_KEY is not set"));
    QVERIFY(status.message.contains(u"--insecure-key-file"));
    bool more = false;
    const auto listed = s->list(std::nullopt, 10, &more);
    QCOMPARE(listed.error().code, SecretError::Code::Unavailable);
    QCOMPARE(s->reveal(QStringLiteral("X")).error().code, SecretError::Code::Unavailable);
    QCOMPARE(s->exists(QStringLiteral("X")).error().code, SecretError::Code::Unavailable);
}

void TestSecretStore::crudWithEnvironmentKey()
{
    auto s = store(randomKeyBase64());
    QCOMPARE(s->status().state, SecretsStatus::State::Ready);
    QCOMPARE(s->status().source, KeySourceKind::Environment);
    bool created = false;
    QVERIFY(s->put(QStringLiteral("GITHUB_TOKEN"), "ghp_123", &created).ok());
    QVERIFY(created);
    QVERIFY(s->put(QStringLiteral("GITHUB_TOKEN"), "ghp_456", &created).ok());
    QVERIFY(!created);
    QVERIFY(s->put(QStringLiteral("api.key-2"), QByteArray("\0binary\xff", 8), &created).ok());
    QCOMPARE(s->reveal(QStringLiteral("GITHUB_TOKEN")).value(), QByteArray("ghp_456"));
    QCOMPARE(s->reveal(QStringLiteral("api.key-2")).value(), QByteArray("\0binary\xff", 8));
    QCOMPARE(s->exists(QStringLiteral("GITHUB_TOKEN")).value(), true);
    QCOMPARE(s->exists(QStringLiteral("GITHUB")).value(), false);
    bool more = true;
    const auto listed = s->list(std::nullopt, 1, &more);
    QCOMPARE(listed->size(), 1);
    QVERIFY(more);
    QCOMPARE(listed->constFirst().name, QStringLiteral("GITHUB_TOKEN"));
    QCOMPARE(s->list(listed->constFirst().name, 10, &more)->constFirst().name,
             QStringLiteral("api.key-2"));
    QVERIFY(!more);
    QVERIFY(s->remove(QStringLiteral("GITHUB_TOKEN")).ok());
    QVERIFY(s->remove(QStringLiteral("GITHUB_TOKEN")).ok());
    QCOMPARE(s->reveal(QStringLiteral("GITHUB_TOKEN")).error().code, SecretError::Code::NotFound);
    QCOMPARE(s->count().value(), 1);
}

void TestSecretStore::validation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("TOKEN") << 10 << true;
    QTest::newRow("underscore start") << QStringLiteral("_x.y-z9") << 10 << true;
    QTest::newRow("128 chars") << (u'A' + QString(127, u'b')) << 10 << true;
    QTest::newRow("129 chars") << (u'A' + QString(128, u'b')) << 10 << false;
    QTest::newRow("digit start") << QStringLiteral("9lives") << 10 << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << 10 << false;
    QTest::newRow("space") << QStringLiteral("a b") << 10 << false;
    QTest::newRow("empty") << QString() << 10 << false;
    QTest::newRow("at size cap") << QStringLiteral("BIG") << 1024 << true;
    QTest::newRow("over size cap") << QStringLiteral("BIG") << 1025 << false;
}

void TestSecretStore::validation()
{
    QFETCH(QString, name);
    QFETCH(int, size);
    QFETCH(bool, valid);
    auto s = store(randomKeyBase64());
    bool created = false;
    const auto put = s->put(name, QByteArray(size, 'v'), &created);
    QCOMPARE(put.ok(), valid);
    if (!valid) {
        QVERIFY(put.error().code == SecretError::Code::InvalidName ||
                put.error().code == SecretError::Code::TooLarge);
        QVERIFY(!put.error().message.contains(u"vvvv"));
    }
}

void TestSecretStore::mismatchRefusesAndLosesNothing()
{
    const QString keyA = randomKeyBase64();
    const QString keyB = randomKeyBase64();
    {
        auto s = store(keyA);
        bool created = false;
        for (int i = 0; i < 5; ++i)
            QVERIFY(s->put(QStringLiteral("S%1").arg(i), "value-" + QByteArray::number(i), &created)
                        .ok());
    }
    {
        auto s = store(keyB);
        const SecretsStatus status = s->status();
        QCOMPARE(status.state, SecretsStatus::State::Mismatch);
        QVERIFY2(status.message.contains(u"HEARTH_SECRET_KEY"), qPrintable(status.message));
        QVERIFY(status.message.contains(u"reset --yes"));
        QCOMPARE(s->reveal(QStringLiteral("S0")).error().code, SecretError::Code::KeyMismatch);
        QCOMPARE(s->exists(QStringLiteral("S0")).error().code, SecretError::Code::KeyMismatch);
        bool created = false;
        QCOMPARE(s->put(QStringLiteral("S0"), "overwrite", &created).error().code,
                 SecretError::Code::KeyMismatch);
        QCOMPARE(s->remove(QStringLiteral("S0")).error().code, SecretError::Code::KeyMismatch);
    }
    auto s = store(keyA);
    QCOMPARE(s->status().state, SecretsStatus::State::Ready);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(s->reveal(QStringLiteral("S%1").arg(i)).value(), "value-" + QByteArray::number(i));
}

void TestSecretStore::keyFileIsOptInWithWarning()
{
    auto s = store(std::nullopt, true);
    QCOMPARE(s->status().state, SecretsStatus::State::Ready);
    QCOMPARE(s->status().source, KeySourceKind::File);
    QVERIFY(s->status().warning.contains(u"insecure-key-file"));
    const QString keyFile = m_dir->filePath(QStringLiteral("master.key"));
    QVERIFY(QFile::exists(keyFile));
    QCOMPARE(QFile::permissions(keyFile) & QFileDevice::Permissions(0x7077),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    bool created = false;
    QVERIFY(s->put(QStringLiteral("K"), "v", &created).ok());
    // The same file opens them after a restart.
    auto again = store(std::nullopt, true);
    QCOMPARE(again->reveal(QStringLiteral("K")).value(), QByteArray("v"));
}

void TestSecretStore::lostKeyIsNeverSilentlyReplaced()
{
    {
        auto s = store(std::nullopt, true);
        bool created = false;
        QVERIFY(s->put(QStringLiteral("K"), "v", &created).ok());
    }
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("master.key"))));
    auto s = store(std::nullopt, true);
    QCOMPARE(s->status().state, SecretsStatus::State::Mismatch);
    QVERIFY(s->status().message.contains(u"1 secrets were sealed"));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("master.key"))));
    QCOMPARE(s->count().value(), 1);
}

void TestSecretStore::resetAdoptsTheAvailableKey()
{
    {
        auto s = store(randomKeyBase64());
        bool created = false;
        QVERIFY(s->put(QStringLiteral("K"), "v", &created).ok());
    }
    // With another env key: mismatch; reset deletes and adopts the new key.
    const QString keyB = randomKeyBase64();
    auto s = store(keyB);
    QCOMPARE(s->status().state, SecretsStatus::State::Mismatch);
    QCOMPARE(s->reset().value(), 1);
    QCOMPARE(s->status().state, SecretsStatus::State::Ready);
    bool created = false;
    QVERIFY(s->put(QStringLiteral("NEW"), "n", &created).ok());
    QCOMPARE(store(keyB)->reveal(QStringLiteral("NEW")).value(), QByteArray("n"));

    // A lost key file: reset creates a new one.
    QTemporaryDir other;
    m_dir = std::make_unique<QTemporaryDir>();
    reopen();
    {
        auto f = store(std::nullopt, true);
        QVERIFY(f->put(QStringLiteral("K"), "v", &created).ok());
    }
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("master.key"))));
    auto f = store(std::nullopt, true);
    QCOMPARE(f->status().state, SecretsStatus::State::Mismatch);
    QCOMPARE(f->reset().value(), 1);
    QCOMPARE(f->status().state, SecretsStatus::State::Ready);
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("master.key"))));
    QVERIFY(f->put(QStringLiteral("K2"), "v2", &created).ok());
    QCOMPARE(store(std::nullopt, true)->reveal(QStringLiteral("K2")).value(), QByteArray("v2"));
}

void TestSecretStore::rotation()
{
    auto s = store(std::nullopt, true);
    bool created = false;
    for (int i = 0; i < 10; ++i)
        QVERIFY(
            s->put(QStringLiteral("S%1").arg(i), QByteArray(100, char('a' + i)), &created).ok());
    const QString keyFile = m_dir->filePath(QStringLiteral("master.key"));
    const QByteArray oldKey = fileBytes(keyFile);
    const SecretsStatus before = s->status();
    const auto rotated = s->rotateKey();
    QVERIFY(rotated.ok());
    QCOMPARE(rotated->keyVersion, before.keyVersion + 1);
    QVERIFY(rotated->fingerprint != before.fingerprint);
    QVERIFY(fileBytes(keyFile) != oldKey);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("master.key.pending"))));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(s->reveal(QStringLiteral("S%1").arg(i)).value(), QByteArray(100, char('a' + i)));
    // After a restart too.
    auto again = store(std::nullopt, true);
    QCOMPARE(again->status().fingerprint, rotated->fingerprint);
    QCOMPARE(again->status().keyVersion, rotated->keyVersion);
    QCOMPARE(again->reveal(QStringLiteral("S9")).value(), QByteArray(100, 'j'));
}

void TestSecretStore::rotationInterrupted_data()
{
    QTest::addColumn<hearth::secrets::RotationStep>("step");
    QTest::addColumn<bool>("newKeyWins");
    QTest::newRow("after the pending key is stored") << RotationStep::PendingKeyStored << false;
    QTest::newRow("after the database is re-sealed") << RotationStep::DatabaseResealed << true;
    QTest::newRow("after the new key is promoted") << RotationStep::NewKeyPromoted << true;
}

void TestSecretStore::rotationInterrupted()
{
    QFETCH(hearth::secrets::RotationStep, step);
    QFETCH(bool, newKeyWins);
    QString oldPrint;
    {
        auto s = store(std::nullopt, true);
        bool created = false;
        for (int i = 0; i < 5; ++i)
            QVERIFY(
                s->put(QStringLiteral("S%1").arg(i), "v" + QByteArray::number(i), &created).ok());
        oldPrint = s->status().fingerprint;
        const auto rotated = s->rotateKey([step](RotationStep reached) { return reached != step; });
        QVERIFY(!rotated.ok());
        QCOMPARE(rotated.error().code, SecretError::Code::Interrupted);
        // The store is dropped here as a crash would drop it.
    }
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("master.key.pending"))));
    reopen();
    auto recovered = store(std::nullopt, true);
    QCOMPARE(recovered->status().state, SecretsStatus::State::Ready);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(recovered->reveal(QStringLiteral("S%1").arg(i)).value(),
                 "v" + QByteArray::number(i));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("master.key.pending"))));
    if (newKeyWins)
        QVERIFY(recovered->status().fingerprint != oldPrint);
    else
        QCOMPARE(recovered->status().fingerprint, oldPrint);
    // And a later rotation still works.
    QVERIFY(recovered->rotateKey().ok());
    QCOMPARE(recovered->reveal(QStringLiteral("S4")).value(), QByteArray("v4"));
}

void TestSecretStore::rotationUnsupportedForEnvironmentKey()
{
    auto s = store(randomKeyBase64());
    const auto rotated = s->rotateKey();
    QVERIFY(!rotated.ok());
    QCOMPARE(rotated.error().code, SecretError::Code::RotationUnsupported);
}

void TestSecretStore::twoDataDirsNeverShareAFileKey()
{
    auto first = store(std::nullopt, true);
    QTemporaryDir otherDir;
    Database otherDb(QDir(otherDir.path()).filePath(QStringLiteral("hearth.db")));
    QVERIFY(otherDb.open().ok());
    SecretStore second(otherDb, config(otherDir.path(), std::nullopt, true));
    second.initialize();
    QVERIFY(first->status().fingerprint != second.status().fingerprint);
}

void TestSecretStore::noPlaintextInDatabase()
{
    const QByteArray planted = "planted-" + crypto::randomBytes(12).toHex();
    {
        auto s = store(randomKeyBase64());
        bool created = false;
        QVERIFY(s->put(QStringLiteral("PLANT"), planted, &created).ok());
        QCOMPARE(s->reveal(QStringLiteral("PLANT")).value(), planted);
    }
    m_db.reset(); // checkpoint and close
    for (const QString &file : QDir(m_dir->path()).entryList(QDir::Files))
        QVERIFY2(!fileBytes(m_dir->filePath(file)).contains(planted), qPrintable(file));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
