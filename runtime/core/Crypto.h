#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The one place for the primitives that identity proofs (and later secrets)
// rely on, so that nobody compares a MAC with operator== by accident.
namespace hearth::crypto {

// Bytes from the OS CSPRNG (OpenSSL's RAND_bytes). Aborts if the generator is
// unusable: continuing with predictable keys would be worse than stopping.
QByteArray randomBytes(qsizetype count);

// A bearer token: `prefix` and 32 random bytes in base64url (no padding).
QByteArray newToken(QByteArrayView prefix);
// What is stored of a bearer token (SHA-256; 32 bytes): enough to know it
// again, useless to present.
QByteArray tokenHash(QByteArrayView token);

// HMAC-SHA256 (RFC 2104) of message under key; 32 bytes.
QByteArray hmacSha256(QByteArrayView key, QByteArrayView message);

// Compares in time that depends only on the lengths, never on the contents.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace hearth::crypto
