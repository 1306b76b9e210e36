// Known-answer tests for the primitives the identity proof relies on.
#include "core/Crypto.h"
#include "http/handlers/SystemHandlers.h"

#include <QTest>

using namespace hearth;

class TestCrypto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hmacSha256_data();
    void hmacSha256();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void randomBytes();
    void identityProof();
};

void TestCrypto::hmacSha256_data()
{
    // RFC 4231, test cases 1-4, 6 and 7.
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac");
    QTest::newRow("rfc4231 1")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("rfc4231 2")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("rfc4231 3")
        << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
        << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("rfc4231 4")
        << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
        << QByteArray(50, '\xcd')
        << QByteArray("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("rfc4231 6")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("rfc4231 7")
        << QByteArray(131, '\xaa')
        << QByteArray("This is a test using a larger than block-size key and a larger than "
                      "block-size data. The key needs to be hashed before being used by the "
                      "HMAC algorithm.")
        << QByteArray("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

void TestCrypto::hmacSha256()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);
    QCOMPARE(crypto::hmacSha256(key, data).toHex(), mac);
}

void TestCrypto::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("abcdef") << QByteArray("abcdef") << true;
    QTest::newRow("empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("last byte") << QByteArray("abcdef") << QByteArray("abcdeg") << false;
    QTest::newRow("first byte") << QByteArray("abcdef") << QByteArray("bbcdef") << false;
    QTest::newRow("prefix") << QByteArray("abc") << QByteArray("abcdef") << false;
    QTest::newRow("empty vs one") << QByteArray() << QByteArray("a") << false;
}

void TestCrypto::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(crypto::constantTimeEquals(a, b), equal);
}

void TestCrypto::randomBytes()
{
    const QByteArray a = crypto::randomBytes(32);
    const QByteArray b = crypto::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    QCOMPARE(crypto::randomBytes(0).size(), 0);
}

void TestCrypto::identityProof()
{
    // The proof is hex(HMAC-SHA256(key, nonce text)): pinned so that clients
    // written against docs/api.md keep verifying.
    const QByteArray key =
        QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const QByteArray nonce = "00112233445566778899aabbccddeeff";
    QCOMPARE(http::identityProof(key, nonce),
             QByteArray("36ec4579078060dfb6c95e4a7a9d963671b37c5dd53a9e4b03955c21f8cbb93a"));
}

QTEST_APPLESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
