#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Sealing secret values at rest: AES-256-GCM through OpenSSL EVP.
namespace hearth::secrets {

inline constexpr int KeyBytes = 32;
inline constexpr int NonceBytes = 12; // 96 bits, GCM's native IV size
inline constexpr int TagBytes = 16;

// Why a sealed value did not open. GCM authenticates nonce, ciphertext, tag
// and associated data together but cannot say which was altered; short
// unkeyed checksums of the nonce and the ciphertext (diagnostics only: GCM
// is what protects them) tell those cases apart.
enum class OpenError {
    Malformed, // too short to hold the framing
    UnsupportedFormat, // unknown format byte
    KeyVersionMismatch, // sealed under another key version
    NameMismatch, // sealed for another secret name (moved or copied)
    NonceAltered, // the nonce no longer matches its checksum
    CiphertextAltered, // the ciphertext no longer matches its checksum
    AuthenticationFailed, // the tag does not verify: tag altered, or another key
};
QString describe(OpenError error);

// The sealed form of one secret value:
//   format (1) | key version (1) | name tag (4) | nonce check (4) |
//   ciphertext check (4) | nonce (12) | ciphertext | tag (16)
// The associated data binds it to the secret's name and the key version, so
// a ciphertext copied to another name, or kept across a key rotation, does
// not open. The name tag (SHA-256 of the name, truncated) only makes a moved
// ciphertext fail with a clear error before decryption is tried.
class SecretBox
{
public:
    static constexpr quint8 Format = 1;

    // Seals with a fresh random nonce from the OS CSPRNG.
    static QByteArray seal(QByteArrayView key, quint8 keyVersion, const QString &name,
                           QByteArrayView plaintext);
    static Result<QByteArray, OpenError> open(QByteArrayView key, quint8 keyVersion,
                                              const QString &name, QByteArrayView sealed);
};

// Plain AES-256-GCM, exposed for known-answer tests.
struct GcmOutput
{
    QByteArray ciphertext;
    QByteArray tag;
};
GcmOutput aes256GcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView aad,
                           QByteArrayView plaintext);
// Empty optional-like result: fails when the tag does not verify.
Result<QByteArray> aes256GcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView aad,
                                    QByteArrayView ciphertext, QByteArrayView tag);

// Overwrites a buffer that held key material before it is released.
void wipe(QByteArray &bytes);

} // namespace hearth::secrets
