#include "Crypto.h"

#include <QCryptographicHash>
#include <cstdlib>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace hearth::crypto {

QByteArray randomBytes(qsizetype count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(count)) != 1) {
        std::abort();
    }
    return bytes;
}

QByteArray newToken(QByteArrayView prefix)
{
    QByteArray token = prefix.toByteArray();
    token.append(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return token;
}

QByteArray tokenHash(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    QByteArray mac(32, Qt::Uninitialized);
    size_t macLength = 0;
    const auto *out =
        EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), size_t(key.size()),
                  reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()),
                  reinterpret_cast<unsigned char *>(mac.data()), size_t(mac.size()), &macLength);
    if (out == nullptr || macLength != 32) {
        std::abort(); // Only fails if OpenSSL itself is broken.
    }
    return mac;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size()) {
        return false;
    }
    return a.isEmpty() || CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace hearth::crypto
