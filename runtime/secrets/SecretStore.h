#pragma once

#include "KeySource.h"
#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <vector>

namespace hearth {
class Database;
class SecretRepository;
struct StoredSecret;
} // namespace hearth

namespace hearth::secrets {

struct SecretError
{
    enum class Code {
        Unavailable, // no master key (yet): 503
        KeyMismatch, // the available key did not seal the stored secrets: 409
        NotFound, // 404
        InvalidName, // 422
        TooLarge, // 413
        RotationUnsupported, // the key's source cannot take a new key: 409
        Interrupted, // a rotation stopped by its progress callback
        Internal, // 500
    };
    Code code = Code::Internal;
    QString message;
};

struct SecretInfo
{
    QString name;
    QString createdAt;
    QString updatedAt;
};

struct SecretsStatus
{
    enum class State { Loading, Ready, Unavailable, Mismatch };
    State state = State::Loading;
    std::optional<KeySourceKind> source;
    QString fingerprint; // of the key in use (or found, on a mismatch); never the key
    int keyVersion = 0;
    QString message; // why secrets are not served, and how to fix it
    QString warning; // e.g. the opt-in key file's
};
QString stateName(SecretsStatus::State state);

struct SecretStoreConfig
{
    QString dataDir;
    std::optional<QString> environmentKey; // HEARTH_SECRET_KEY, when set
    bool useKeychain = true;
    bool keyFileOptIn = false;
    // The keychain may come up after us at login; one retry after this long.
    std::chrono::milliseconds keychainRetryDelay { 10000 };
    qint64 maxValueBytes = 64 * 1024;
};

// The points a key rotation passes; a progress callback returning false at
// one of them stops the rotation there, as a crash would.
enum class RotationStep { PendingKeyStored, DatabaseResealed, NewKeyPromoted };

// Secrets as a service: finds the master key (SECURITY.md's order, never a
// silent fallback or a silent new key over existing ciphertexts), seals and
// opens values, rotates and resets. Thread-safe.
class SecretStore
{
public:
    SecretStore(Database &database, SecretStoreConfig config);
    ~SecretStore();

    // Finds the master key. Blocks (keychain calls, the retry delay), so the
    // daemon runs it on a background thread; until it returns, the state is
    // Loading and secret calls answer Unavailable.
    void initialize();
    // Makes a pending initialize() give up its retry wait (shutdown).
    void cancel();

    SecretsStatus status() const;
    // How many secrets are stored; needs no key.
    Result<qint64> count() const;

    Result<QList<SecretInfo>, SecretError> list(const std::optional<QString> &afterName, int limit,
                                                bool *more) const;
    Result<SecretInfo, SecretError> put(const QString &name, const QByteArray &value,
                                        bool *created);
    Result<QByteArray, SecretError> reveal(const QString &name) const;
    // Whether a secret of this name is stored, without opening it (a check
    // that it exists has no business holding its value).
    Result<bool, SecretError> exists(const QString &name) const;
    Result<void, SecretError> remove(const QString &name);
    Result<SecretsStatus, SecretError>
    rotateKey(const std::function<bool(RotationStep)> &proceed = {});
    // Deletes every secret and adopts the available key (if any).
    Result<qint64, SecretError> reset();

    static QString fingerprint(const QByteArray &key);

private:
    enum class Adoption { Adopted, TryNext, Stop };
    Adoption adopt(KeySource &source, QStringList &reasons);
    bool waitForRetry();
    Result<void, SecretError> requireReady() const;
    // The stored row (still sealed) once the store is ready; the caller
    // holds m_mutex.
    Result<std::optional<StoredSecret>, SecretError> readStored(const QString &name) const;

    std::unique_ptr<SecretRepository> m_repository;
    SecretStoreConfig m_config;

    mutable std::shared_mutex m_mutex;
    SecretsStatus m_status;
    std::unique_ptr<KeySource> m_source;
    QByteArray m_key; // the master key in use, or the one found on a mismatch

    std::mutex m_cancelMutex;
    std::condition_variable m_cancelled;
    bool m_cancelRequested = false;
};

} // namespace hearth::secrets
