// AES-256-GCM known answers and the sealed format's failure modes.
#include "core/Crypto.h"
#include "secrets/SecretBox.h"

#include <QTest>

using namespace hearth;
using namespace hearth::secrets;

Q_DECLARE_METATYPE(hearth::secrets::OpenError)

class TestSecretBox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gcmKnownAnswers_data();
    void gcmKnownAnswers();
    void sealOpenRoundTrip();
    void freshNoncePerSeal();
    void tampering_data();
    void tampering();
    void movedToAnotherName();
    void wrongKey();
};

void TestSecretBox::gcmKnownAnswers_data()
{
    // AES-256 test cases 13-16 of McGrew & Viega, "The Galois/Counter Mode of
    // Operation" (the NIST GCM submission), 96-bit IVs.
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");
    const QByteArray zeroKey(32, '\0');
    const QByteArray key =
        QByteArray::fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray iv = QByteArray::fromHex("cafebabefacedbaddecaf888");
    const QByteArray plaintext = QByteArray::fromHex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449"
        "a6b525b16aedf5aa0de657ba637b391aafd255");
    const QByteArray ciphertext = QByteArray::fromHex(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
        "828838c5f61e6393ba7a0abcc9f662898015ad");
    QTest::newRow("case 13") << zeroKey << QByteArray(12, '\0') << QByteArray() << QByteArray()
                             << QByteArray()
                             << QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("case 14") << zeroKey << QByteArray(12, '\0') << QByteArray()
                             << QByteArray(16, '\0')
                             << QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18")
                             << QByteArray::fromHex("d0d1c8a799996bf0265b98b5d48ab919");
    QTest::newRow("case 15") << key << iv << QByteArray() << plaintext << ciphertext
                             << QByteArray::fromHex("b094dac5d93471bdec1a502270e3cc6c");
    QTest::newRow("case 16") << key << iv
                             << QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
                             << plaintext.left(60) << ciphertext.left(60)
                             << QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
}

void TestSecretBox::gcmKnownAnswers()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);
    const GcmOutput out = aes256GcmEncrypt(key, iv, aad, plaintext);
    QCOMPARE(out.ciphertext.toHex(), ciphertext.toHex());
    QCOMPARE(out.tag.toHex(), tag.toHex());
    const auto decrypted = aes256GcmDecrypt(key, iv, aad, ciphertext, tag);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.value(), plaintext);
    QByteArray badTag = tag;
    badTag[0] = char(badTag[0] ^ 1);
    QVERIFY(!aes256GcmDecrypt(key, iv, aad, ciphertext, badTag).ok());
}

void TestSecretBox::sealOpenRoundTrip()
{
    const QByteArray key = crypto::randomBytes(32);
    for (const QByteArray &value :
         { QByteArray(), QByteArray("hunter2"), QByteArray(65536, 'x') }) {
        const QByteArray sealed = SecretBox::seal(key, 3, QStringLiteral("API_TOKEN"), value);
        QCOMPARE(sealed.size(), 1 + 1 + 3 * 4 + 12 + value.size() + 16);
        QCOMPARE(quint8(sealed.at(0)), SecretBox::Format);
        QCOMPARE(quint8(sealed.at(1)), quint8(3));
        QVERIFY(value.isEmpty() || !sealed.contains(value));
        const auto opened = SecretBox::open(key, 3, QStringLiteral("API_TOKEN"), sealed);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), value);
    }
}

void TestSecretBox::freshNoncePerSeal()
{
    const QByteArray key = crypto::randomBytes(32);
    const QByteArray a = SecretBox::seal(key, 1, QStringLiteral("n"), "same");
    const QByteArray b = SecretBox::seal(key, 1, QStringLiteral("n"), "same");
    QVERIFY(a.mid(14, 12) != b.mid(14, 12));
    QVERIFY(a != b);
}

void TestSecretBox::tampering_data()
{
    QTest::addColumn<int>("offset"); // byte to flip; negative counts from the end
    QTest::addColumn<int>("truncateTo"); // -1: keep the length
    QTest::addColumn<hearth::secrets::OpenError>("error");
    QTest::newRow("format byte") << 0 << -1 << OpenError::UnsupportedFormat;
    QTest::newRow("key version byte") << 1 << -1 << OpenError::KeyVersionMismatch;
    QTest::newRow("name tag") << 3 << -1 << OpenError::NameMismatch;
    // Layout: format 0, key version 1, name tag 2-5, nonce check 6-9,
    // ciphertext check 10-13, nonce 14-25, ciphertext 26-39, tag 40-55.
    QTest::newRow("nonce") << 16 << -1 << OpenError::NonceAltered;
    QTest::newRow("ciphertext") << 30 << -1 << OpenError::CiphertextAltered;
    QTest::newRow("tag") << -1 << -1 << OpenError::AuthenticationFailed;
    QTest::newRow("truncated") << 0 << 20 << OpenError::Malformed;
    QTest::newRow("tag cut short") << 0 << 50 << OpenError::CiphertextAltered;
}

void TestSecretBox::tampering()
{
    QFETCH(int, offset);
    QFETCH(int, truncateTo);
    QFETCH(hearth::secrets::OpenError, error);
    const QByteArray key = crypto::randomBytes(32);
    QByteArray sealed = SecretBox::seal(key, 1, QStringLiteral("TOKEN"), "a secret value");
    if (truncateTo >= 0) {
        sealed.truncate(truncateTo);
    } else {
        const qsizetype at = offset >= 0 ? offset : sealed.size() + offset;
        sealed[at] = char(sealed[at] ^ 0x01);
    }
    const auto opened = SecretBox::open(key, 1, QStringLiteral("TOKEN"), sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error(), error);
    QVERIFY(!describe(opened.error()).isEmpty());
}

void TestSecretBox::movedToAnotherName()
{
    const QByteArray key = crypto::randomBytes(32);
    const QByteArray sealed = SecretBox::seal(key, 1, QStringLiteral("GITHUB_TOKEN"), "ghp_x");
    const auto opened = SecretBox::open(key, 1, QStringLiteral("OTHER"), sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error(), OpenError::NameMismatch);
    // Even with the name tag forged, the associated data still binds it.
    QByteArray forged = sealed;
    const QByteArray otherTag = SecretBox::seal(key, 1, QStringLiteral("OTHER"), "").mid(2, 4);
    forged.replace(2, 4, otherTag);
    const auto forgedOpen = SecretBox::open(key, 1, QStringLiteral("OTHER"), forged);
    QVERIFY(!forgedOpen.ok());
    QCOMPARE(forgedOpen.error(), OpenError::AuthenticationFailed);
}

void TestSecretBox::wrongKey()
{
    const QByteArray sealed = SecretBox::seal(crypto::randomBytes(32), 1, QStringLiteral("T"), "v");
    const auto opened = SecretBox::open(crypto::randomBytes(32), 1, QStringLiteral("T"), sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error(), OpenError::AuthenticationFailed);
}

QTEST_APPLESS_MAIN(TestSecretBox)
#include "tst_secretbox.moc"
