// The OS keychain as the master key's home, with a real Secret Service
// (GNOME Keyring in a private D-Bus session: see with-keyring.sh).
#include "HearthdProcess.h"
#include "core/Crypto.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace hearth::test;

namespace {
QByteArray putBody(const QByteArray &value)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("value"), QString::fromUtf8(value) } })
        .toJson(QJsonDocument::Compact);
}
QString revealed(quint16 port, const QByteArray &name)
{
    return QJsonDocument::fromJson(
               call(port, "POST", "/api/v1/secrets/" + name + "/reveal", "{}").body)
        .object()
        .value(QStringLiteral("value"))
        .toString();
}
} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keyCreatedOnFirstUseAndNamespacedByDataDir();
    void rotationStoresTheNewKeyInTheKeychain();
    void keychainComesBeforeTheKeyFile();
    void environmentComesBeforeTheKeychain();
};

void TestKeychain::initTestCase()
{
    if (!qEnvironmentVariableIsSet("HEARTH_TEST_KEYRING"))
        QFAIL("run through tests/integration/with-keyring.sh (CTest does)");
}

void TestKeychain::keyCreatedOnFirstUseAndNamespacedByDataDir()
{
    HearthdProcess a;
    QVERIFY2(a.start(), qPrintable(a.lastError()));
    QCOMPARE(waitForSecretsState(a.port()), QStringLiteral("ready"));
    const QJsonObject statusA = secretsStatus(a.port());
    QCOMPARE(statusA.value(QStringLiteral("source")).toString(), QStringLiteral("keychain"));
    QCOMPARE(call(a.port(), "PUT", "/api/v1/secrets/TOKEN", putBody("from-a")).status, 201);

    HearthdProcess b;
    QVERIFY2(b.start(), qPrintable(b.lastError()));
    QCOMPARE(waitForSecretsState(b.port()), QStringLiteral("ready"));
    const QJsonObject statusB = secretsStatus(b.port());
    QCOMPARE(statusB.value(QStringLiteral("source")).toString(), QStringLiteral("keychain"));
    QVERIFY(statusA.value(QStringLiteral("fingerprint")) !=
            statusB.value(QStringLiteral("fingerprint")));
    QCOMPARE(b.terminate(), 0);

    QCOMPARE(a.terminate(), 0);
    HearthdProcess again(a.dataDir());
    QVERIFY2(again.start(), qPrintable(again.lastError()));
    QCOMPARE(waitForSecretsState(again.port()), QStringLiteral("ready"));
    QCOMPARE(secretsStatus(again.port()).value(QStringLiteral("fingerprint")),
             statusA.value(QStringLiteral("fingerprint")));
    QCOMPARE(revealed(again.port(), "TOKEN"), QStringLiteral("from-a"));
    QVERIFY(!QFile::exists(a.path(QStringLiteral("master.key"))));
}

void TestKeychain::rotationStoresTheNewKeyInTheKeychain()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/secrets/R" + QByteArray::number(i),
                      putBody("v" + QByteArray::number(i)))
                     .status,
                 201);
    const QJsonValue before = secretsStatus(hearthd.port()).value(QStringLiteral("fingerprint"));
    const HttpResponse rotated = call(hearthd.port(), "POST", "/api/v1/secrets/rotate-key", "{}");
    QCOMPARE(rotated.status, 200);
    const QJsonObject result = QJsonDocument::fromJson(rotated.body).object();
    QCOMPARE(result.value(QStringLiteral("key_version")).toInt(), 2);
    QCOMPARE(result.value(QStringLiteral("source")).toString(), QStringLiteral("keychain"));
    const QJsonValue after = secretsStatus(hearthd.port()).value(QStringLiteral("fingerprint"));
    QVERIFY(after != before);
    QCOMPARE(revealed(hearthd.port(), "R3"), QStringLiteral("v3"));
    QCOMPARE(hearthd.terminate(), 0);

    HearthdProcess again(hearthd.dataDir());
    QVERIFY2(again.start(), qPrintable(again.lastError()));
    QCOMPARE(waitForSecretsState(again.port()), QStringLiteral("ready"));
    QCOMPARE(secretsStatus(again.port()).value(QStringLiteral("fingerprint")), after);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(revealed(again.port(), "R" + QByteArray::number(i)), QStringLiteral("v%1").arg(i));
}

void TestKeychain::keychainComesBeforeTheKeyFile()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--insecure-key-file") }),
             qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    QCOMPARE(secretsStatus(hearthd.port()).value(QStringLiteral("source")).toString(),
             QStringLiteral("keychain"));
    QVERIFY(!secretsStatus(hearthd.port()).contains(QStringLiteral("warning")));
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("master.key"))));
}

void TestKeychain::environmentComesBeforeTheKeychain()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_SECRET_KEY"),
               QString::fromLatin1(hearth::crypto::randomBytes(32).toBase64()));
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({}, env), qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    QCOMPARE(secretsStatus(hearthd.port()).value(QStringLiteral("source")).toString(),
             QStringLiteral("environment"));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
