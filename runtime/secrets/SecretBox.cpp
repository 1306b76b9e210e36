#include "SecretBox.h"

#include "core/Crypto.h"

#include <QCryptographicHash>
#include <cstdlib>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace hearth::secrets {

namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

constexpr int CheckBytes = 4;
constexpr int NonceOffset = 1 + 1 + 3 * CheckBytes;
constexpr int HeaderBytes = NonceOffset + NonceBytes;

QByteArray check(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).left(CheckBytes);
}

QByteArray nameTag(const QString &name)
{
    return check(name.toUtf8());
}

QByteArray associatedData(const QString &name, quint8 keyVersion)
{
    return QByteArrayLiteral("hearth-secret\0") + name.toUtf8() + '\0' + char(SecretBox::Format) +
        char(keyVersion);
}

} // namespace

QString describe(OpenError error)
{
    switch (error) {
    case OpenError::Malformed:
        return QStringLiteral("the stored value is truncated or malformed");
    case OpenError::UnsupportedFormat:
        return QStringLiteral("the stored value has an unknown format");
    case OpenError::KeyVersionMismatch:
        return QStringLiteral("the stored value was sealed under another key version");
    case OpenError::NameMismatch:
        return QStringLiteral("the stored value belongs to another secret name");
    case OpenError::NonceAltered:
        return QStringLiteral("the stored value's nonce was altered");
    case OpenError::CiphertextAltered:
        return QStringLiteral("the stored value's ciphertext was altered");
    case OpenError::AuthenticationFailed:
        return QStringLiteral("the stored value's tag does not verify (altered, or another key)");
    }
    return {};
}

GcmOutput aes256GcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView aad,
                           QByteArrayView plaintext)
{
    Q_ASSERT(key.size() == KeyBytes);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    GcmOutput output;
    output.ciphertext.resize(plaintext.size());
    output.tag.resize(TagBytes);
    int length = 0;
    // Any failure here means OpenSSL itself is broken; carrying on could
    // store an unsealed value, so stop.
    if (!context ||
        EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) !=
            1 ||
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1 ||
        (!aad.isEmpty() &&
         EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) != 1) ||
        EVP_EncryptUpdate(context.get(),
                          reinterpret_cast<unsigned char *>(output.ciphertext.data()), &length,
                          bytes(plaintext), int(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(context.get(),
                            reinterpret_cast<unsigned char *>(output.ciphertext.data()) + length,
                            &length) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, output.tag.data()) !=
            1) {
        std::abort();
    }
    return output;
}

Result<QByteArray> aes256GcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView aad,
                                    QByteArrayView ciphertext, QByteArrayView tag)
{
    Q_ASSERT(key.size() == KeyBytes);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    QByteArray tagCopy = tag.toByteArray(); // EVP wants a mutable pointer
    int length = 0;
    const bool ok = context &&
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) ==
            1 &&
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes(key), bytes(nonce)) == 1 &&
        (aad.isEmpty() ||
         EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) == 1) &&
        EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()),
                          &length, bytes(ciphertext), int(ciphertext.size())) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, int(tagCopy.size()),
                            tagCopy.data()) == 1 &&
        EVP_DecryptFinal_ex(context.get(),
                            reinterpret_cast<unsigned char *>(plaintext.data()) + length,
                            &length) == 1;
    if (!ok) {
        wipe(plaintext);
        return fail(QStringLiteral("authentication failed"));
    }
    return plaintext;
}

QByteArray SecretBox::seal(QByteArrayView key, quint8 keyVersion, const QString &name,
                           QByteArrayView plaintext)
{
    const QByteArray nonce = crypto::randomBytes(NonceBytes);
    const GcmOutput gcm = aes256GcmEncrypt(key, nonce, associatedData(name, keyVersion), plaintext);
    QByteArray sealed;
    sealed.reserve(HeaderBytes + gcm.ciphertext.size() + TagBytes);
    sealed.append(char(Format));
    sealed.append(char(keyVersion));
    sealed.append(nameTag(name));
    sealed.append(check(nonce));
    sealed.append(check(gcm.ciphertext));
    sealed.append(nonce);
    sealed.append(gcm.ciphertext);
    sealed.append(gcm.tag);
    return sealed;
}

Result<QByteArray, OpenError> SecretBox::open(QByteArrayView key, quint8 keyVersion,
                                              const QString &name, QByteArrayView sealed)
{
    if (sealed.size() < HeaderBytes + TagBytes)
        return fail(OpenError::Malformed);
    if (quint8(sealed.at(0)) != Format)
        return fail(OpenError::UnsupportedFormat);
    if (quint8(sealed.at(1)) != keyVersion)
        return fail(OpenError::KeyVersionMismatch);
    if (sealed.sliced(2, CheckBytes) != QByteArrayView(nameTag(name)))
        return fail(OpenError::NameMismatch);
    const QByteArrayView nonce = sealed.sliced(NonceOffset, NonceBytes);
    const QByteArrayView ciphertext =
        sealed.sliced(HeaderBytes, sealed.size() - HeaderBytes - TagBytes);
    if (sealed.sliced(2 + CheckBytes, CheckBytes) != QByteArrayView(check(nonce)))
        return fail(OpenError::NonceAltered);
    if (sealed.sliced(2 + 2 * CheckBytes, CheckBytes) != QByteArrayView(check(ciphertext)))
        return fail(OpenError::CiphertextAltered);
    const QByteArrayView tag = sealed.last(TagBytes);
    auto opened = aes256GcmDecrypt(key, nonce, associatedData(name, keyVersion), ciphertext, tag);
    if (!opened)
        return fail(OpenError::AuthenticationFailed);
    return std::move(opened).value();
}

void wipe(QByteArray &bytes)
{
    // Only a buffer nobody else shares may be overwritten in place.
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace hearth::secrets
