#include "SecretStore.h"

#include "SecretBox.h"
#include "core/Crypto.h"
#include "model/SecretName.h"
#include "store/SecretRepository.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSecrets, "hearth.secrets")

namespace hearth::secrets {

namespace {

QString shortPrint(const QString &fingerprint)
{
    return fingerprint.left(16);
}

SecretError internal(const QString &message)
{
    return { SecretError::Code::Internal, message };
}

QString describeSource(const QString &name)
{
    if (name == u"environment")
        return QStringLiteral("HEARTH_SECRET_KEY");
    if (name == u"keychain")
        return QStringLiteral("the OS keychain");
    if (name == u"file")
        return QStringLiteral("the key file");
    return name;
}

const QString ResetHint =
    QStringLiteral("restore that key, or delete all secrets with `hearth secrets reset --yes`");

} // namespace

QString stateName(SecretsStatus::State state)
{
    switch (state) {
    case SecretsStatus::State::Loading:
        return QStringLiteral("loading");
    case SecretsStatus::State::Ready:
        return QStringLiteral("ready");
    case SecretsStatus::State::Unavailable:
        return QStringLiteral("unavailable");
    case SecretsStatus::State::Mismatch:
        return QStringLiteral("mismatch");
    }
    return {};
}

QString SecretStore::fingerprint(const QByteArray &key)
{
    return QString::fromLatin1(
        crypto::hmacSha256(key, "hearth master key fingerprint v1").toHex().left(32));
}

SecretStore::SecretStore(Database &database, SecretStoreConfig config)
    : m_repository(std::make_unique<SecretRepository>(database))
    , m_config(std::move(config))
{
    m_status.message = QStringLiteral("the master key is still being loaded; retry shortly");
}

SecretStore::~SecretStore()
{
    wipe(m_key);
}

Result<qint64> SecretStore::count() const
{
    return m_repository->count();
}

void SecretStore::cancel()
{
    {
        std::lock_guard lock(m_cancelMutex);
        m_cancelRequested = true;
    }
    m_cancelled.notify_all();
}

bool SecretStore::waitForRetry()
{
    std::unique_lock lock(m_cancelMutex);
    return !m_cancelled.wait_for(lock, m_config.keychainRetryDelay,
                                 [this]() { return m_cancelRequested; });
}

SecretsStatus SecretStore::status() const
{
    std::shared_lock lock(m_mutex);
    return m_status;
}

void SecretStore::initialize()
{
    std::vector<std::unique_ptr<KeySource>> sources;
    sources.push_back(std::make_unique<EnvironmentKeySource>(m_config.environmentKey));
    if (m_config.useKeychain)
        sources.push_back(std::make_unique<KeychainKeySource>(m_config.dataDir));
    if (m_config.keyFileOptIn)
        sources.push_back(std::make_unique<FileKeySource>(m_config.dataDir));

    QStringList reasons;
    for (auto &source : sources) {
        if (source->kind() == KeySourceKind::Environment && !m_config.environmentKey) {
            reasons.append(QStringLiteral("HEARTH_SECRET_KEY is not set"));
            continue;
        }
        Adoption adoption = adopt(*source, reasons);
        if (adoption == Adoption::TryNext && source->kind() == KeySourceKind::Keychain &&
            m_config.keychainRetryDelay.count() > 0) {
            qCInfo(lcSecrets) << "keychain not available; retrying in"
                              << m_config.keychainRetryDelay.count() << "ms";
            reasons.removeLast();
            if (waitForRetry())
                adoption = adopt(*source, reasons);
            else
                return;
        }
        if (adoption != Adoption::TryNext) {
            // adopt() filled the status. Keep the source: it serves, or (on a
            // mismatch) it is where reset() puts the key it adopts.
            std::unique_lock lock(m_mutex);
            m_source = std::move(source);
            return;
        }
    }
    if (!m_config.keyFileOptIn)
        reasons.append(QStringLiteral("no key file (opt in with --insecure-key-file)"));
    std::unique_lock lock(m_mutex);
    m_status = SecretsStatus {};
    m_status.state = SecretsStatus::State::Unavailable;
    m_status.message = QStringLiteral("no master key for secrets: ") + reasons.join(u"; ") +
        QStringLiteral(". Set HEARTH_SECRET_KEY (base64 of 32 bytes), start a Secret Service "
                       "(GNOME Keyring or KWallet), or opt in to a key file.");
    qCWarning(lcSecrets).noquote() << m_status.message;
}

SecretStore::Adoption SecretStore::adopt(KeySource &source, QStringList &reasons)
{
    const QString name = sourceName(source.kind());
    auto record = m_repository->keyRecord();
    auto sealedCount = m_repository->count();
    if (!record || !sealedCount) {
        std::unique_lock lock(m_mutex);
        m_status.state = SecretsStatus::State::Unavailable;
        m_status.message = QStringLiteral("cannot read the secrets tables: ") +
            (record ? sealedCount.error() : record.error());
        return Adoption::Stop;
    }

    auto stop = [&](SecretsStatus::State state, const QString &message, QByteArray candidate = {}) {
        std::unique_lock lock(m_mutex);
        m_status = SecretsStatus {};
        m_status.state = state;
        m_status.source = source.kind();
        m_status.message = message;
        if (!candidate.isEmpty())
            m_status.fingerprint = fingerprint(candidate);
        wipe(m_key);
        m_key = std::move(candidate);
        qCWarning(lcSecrets).noquote() << message;
        return Adoption::Stop;
    };

    // An interrupted rotation leaves the new key in the pending slot. The
    // database says which key is current: the pending one once the re-seal
    // committed, the old one otherwise.
    QByteArray key;
    auto pending = source.load(KeySlot::Pending);
    if (pending) {
        if (record.value() && fingerprint(pending.value()) == record.value()->fingerprint) {
            qCInfo(lcSecrets) << "completing an interrupted key rotation";
            if (auto stored = source.store(KeySlot::Current, pending.value()); !stored)
                return stop(SecretsStatus::State::Unavailable, stored.error().message);
            key = pending.value();
        }
        if (auto removed = source.remove(KeySlot::Pending); !removed)
            qCWarning(lcSecrets).noquote() << removed.error().message;
    }

    if (key.isEmpty()) {
        auto current = source.load(KeySlot::Current);
        if (!current) {
            const KeySourceError &error = current.error();
            if (error.kind == KeySourceError::Kind::Unavailable) {
                reasons.append(error.message);
                return Adoption::TryNext;
            }
            if (error.kind != KeySourceError::Kind::NotFound)
                return stop(SecretsStatus::State::Unavailable, error.message);
            // No key here yet. Creating one is fine only while nothing is
            // sealed: otherwise the key that sealed them is missing.
            if (sealedCount.value() > 0) {
                const QString sealedBy = record.value()
                    ? QStringLiteral(" (fingerprint %1, from %2)")
                          .arg(shortPrint(record.value()->fingerprint),
                               describeSource(record.value()->source))
                    : QString();
                return stop(SecretsStatus::State::Mismatch,
                            QStringLiteral("%1 secrets were sealed with a key%2 that %3 does not "
                                           "hold; %4")
                                .arg(sealedCount.value())
                                .arg(sealedBy, describeSource(name), ResetHint));
            }
            if (!source.isWritable()) {
                reasons.append(error.message);
                return Adoption::TryNext;
            }
            key = crypto::randomBytes(KeyBytes);
            if (auto stored = source.store(KeySlot::Current, key); !stored) {
                wipe(key);
                if (stored.error().kind == KeySourceError::Kind::Unavailable) {
                    reasons.append(stored.error().message);
                    return Adoption::TryNext;
                }
                return stop(SecretsStatus::State::Unavailable, stored.error().message);
            }
            qCInfo(lcSecrets).noquote() << "created a new master key in" << describeSource(name);
        } else {
            key = current.value();
        }
    }

    const QString print = fingerprint(key);
    int keyVersion = 1;
    if (record.value()) {
        const SecretKeyRecord &known = *record.value();
        if (known.fingerprint != print && sealedCount.value() > 0) {
            return stop(SecretsStatus::State::Mismatch,
                        QStringLiteral("the %1 secrets were sealed with key %2 from %3, but %4 "
                                       "holds key %5; %6")
                            .arg(sealedCount.value())
                            .arg(shortPrint(known.fingerprint), describeSource(known.source),
                                 describeSource(name), shortPrint(print), ResetHint),
                        key);
        }
        keyVersion = known.fingerprint == print ? known.keyVersion : known.keyVersion + 1;
    }
    if (!record.value() || record.value()->fingerprint != print || record.value()->source != name) {
        if (auto written = m_repository->setKeyRecord({ print, keyVersion, name }); !written)
            return stop(SecretsStatus::State::Unavailable, written.error());
    }

    std::unique_lock lock(m_mutex);
    m_status = SecretsStatus {};
    m_status.state = SecretsStatus::State::Ready;
    m_status.source = source.kind();
    m_status.fingerprint = print;
    m_status.keyVersion = keyVersion;
    if (source.kind() == KeySourceKind::File) {
        m_status.warning =
            QStringLiteral("secrets are protected by a key file in the data dir (opted in with "
                           "--insecure-key-file): anyone who can read the data dir can read them");
        qCWarning(lcSecrets).noquote() << m_status.warning;
    }
    wipe(m_key);
    m_key = std::move(key);
    qCInfo(lcSecrets).noquote() << "master key from" << describeSource(name) << "fingerprint"
                                << shortPrint(print);
    return Adoption::Adopted;
}

Result<void, SecretError> SecretStore::requireReady() const
{
    switch (m_status.state) {
    case SecretsStatus::State::Ready:
        return {};
    case SecretsStatus::State::Mismatch:
        return fail(SecretError { SecretError::Code::KeyMismatch, m_status.message });
    case SecretsStatus::State::Loading:
    case SecretsStatus::State::Unavailable:
        break;
    }
    return fail(SecretError { SecretError::Code::Unavailable, m_status.message });
}

Result<QList<SecretInfo>, SecretError> SecretStore::list(const std::optional<QString> &afterName,
                                                         int limit, bool *more) const
{
    std::shared_lock lock(m_mutex);
    if (auto ready = requireReady(); !ready)
        return fail(ready.error());
    auto stored = m_repository->list(afterName, limit, more);
    if (!stored)
        return fail(internal(stored.error()));
    QList<SecretInfo> infos;
    for (const StoredSecret &secret : std::as_const(stored.value()))
        infos.append({ secret.name, secret.createdAt, secret.updatedAt });
    return infos;
}

Result<SecretInfo, SecretError> SecretStore::put(const QString &name, const QByteArray &value,
                                                 bool *created)
{
    if (!isValidSecretName(name)) {
        return fail(SecretError { SecretError::Code::InvalidName,
                                  QStringLiteral("names start with a letter or _, then letters, "
                                                 "digits, _ . or -, at most 128 characters") });
    }
    if (value.size() > m_config.maxValueBytes) {
        return fail(SecretError {
            SecretError::Code::TooLarge,
            QStringLiteral("values are limited to %1 bytes").arg(m_config.maxValueBytes) });
    }
    std::shared_lock lock(m_mutex);
    if (auto ready = requireReady(); !ready)
        return fail(ready.error());
    const QByteArray sealed =
        SecretBox::seal(m_key, quint8(m_status.keyVersion & 0xFF), name, value);
    auto stored = m_repository->put(name, sealed, m_status.keyVersion, created);
    if (!stored)
        return fail(internal(stored.error()));
    return SecretInfo { name, stored->createdAt, stored->updatedAt };
}

Result<std::optional<StoredSecret>, SecretError> SecretStore::readStored(const QString &name) const
{
    if (auto ready = requireReady(); !ready)
        return fail(ready.error());
    auto stored = m_repository->get(name);
    if (!stored)
        return fail(internal(stored.error()));
    return std::move(stored).value();
}

Result<QByteArray, SecretError> SecretStore::reveal(const QString &name) const
{
    std::shared_lock lock(m_mutex);
    auto stored = readStored(name);
    if (!stored)
        return fail(stored.error());
    if (!stored.value())
        return fail(
            SecretError { SecretError::Code::NotFound, QStringLiteral("no secret %1").arg(name) });
    auto opened =
        SecretBox::open(m_key, quint8(m_status.keyVersion & 0xFF), name, stored.value()->sealed);
    if (!opened) {
        return fail(internal(
            QStringLiteral("cannot open secret %1: %2").arg(name, describe(opened.error()))));
    }
    return std::move(opened).value();
}

Result<bool, SecretError> SecretStore::exists(const QString &name) const
{
    std::shared_lock lock(m_mutex);
    auto stored = readStored(name);
    if (!stored)
        return fail(stored.error());
    return stored.value().has_value();
}

Result<void, SecretError> SecretStore::remove(const QString &name)
{
    std::shared_lock lock(m_mutex);
    if (auto ready = requireReady(); !ready)
        return fail(ready.error());
    if (auto removed = m_repository->remove(name); !removed)
        return fail(internal(removed.error()));
    return {};
}

Result<SecretsStatus, SecretError>
SecretStore::rotateKey(const std::function<bool(RotationStep)> &proceed)
{
    std::unique_lock lock(m_mutex);
    if (auto ready = requireReady(); !ready)
        return fail(ready.error());
    if (!m_source->isWritable()) {
        return fail(SecretError { SecretError::Code::RotationUnsupported,
                                  QStringLiteral("the master key comes from HEARTH_SECRET_KEY, "
                                                 "which hearthd cannot change; to rotate, reset "
                                                 "the secrets or restart with a new key") });
    }
    const auto stopped = [&](RotationStep step) {
        return proceed && !proceed(step);
    };
    const SecretError interrupted { SecretError::Code::Interrupted,
                                    QStringLiteral("rotation interrupted") };

    QByteArray newKey = crypto::randomBytes(KeyBytes);
    const int oldVersion = m_status.keyVersion;
    const int newVersion = oldVersion + 1;
    // 1. Park the new key where a restart will find it.
    if (auto stored = m_source->store(KeySlot::Pending, newKey); !stored)
        return fail(internal(stored.error().message));
    if (stopped(RotationStep::PendingKeyStored))
        return fail(interrupted);

    // 2. Re-seal everything and record the new key, atomically.
    const QString newPrint = fingerprint(newKey);
    auto resealed = m_repository->resealAll(
        [&](const StoredSecret &secret) -> Result<QByteArray> {
            auto opened =
                SecretBox::open(m_key, quint8(oldVersion & 0xFF), secret.name, secret.sealed);
            if (!opened)
                return fail(describe(opened.error()));
            QByteArray plaintext = std::move(opened).value();
            QByteArray sealed =
                SecretBox::seal(newKey, quint8(newVersion & 0xFF), secret.name, plaintext);
            wipe(plaintext);
            return sealed;
        },
        { newPrint, newVersion, sourceName(m_source->kind()) });
    if (!resealed) {
        if (auto removed = m_source->remove(KeySlot::Pending); !removed)
            qCWarning(lcSecrets).noquote() << removed.error().message;
        return fail(
            internal(QStringLiteral("rotation failed, nothing changed: ") + resealed.error()));
    }
    // The database is now sealed with the new key: use it from here on.
    wipe(m_key);
    m_key = newKey;
    m_status.fingerprint = newPrint;
    m_status.keyVersion = newVersion;
    if (stopped(RotationStep::DatabaseResealed))
        return fail(interrupted);

    // 3. Promote the new key; then forget the pending copy.
    if (auto stored = m_source->store(KeySlot::Current, newKey); !stored) {
        // The pending slot still holds it; the next start completes this.
        return fail(internal(stored.error().message));
    }
    wipe(newKey);
    if (stopped(RotationStep::NewKeyPromoted))
        return fail(interrupted);
    if (auto removed = m_source->remove(KeySlot::Pending); !removed)
        qCWarning(lcSecrets).noquote() << removed.error().message;
    qCInfo(lcSecrets).noquote() << "rotated the master key; fingerprint" << shortPrint(newPrint);
    return m_status;
}

Result<qint64, SecretError> SecretStore::reset()
{
    std::unique_lock lock(m_mutex);
    // The key to go on with: the one the source holds, or, when the source
    // lost its key, a new one (nothing will be left that the old one sealed).
    if (m_key.isEmpty() && m_source && m_source->isWritable() &&
        m_status.state == SecretsStatus::State::Mismatch) {
        QByteArray key = crypto::randomBytes(KeyBytes);
        if (auto stored = m_source->store(KeySlot::Current, key); !stored)
            return fail(internal(stored.error().message));
        m_key = std::move(key);
    }
    std::optional<SecretKeyRecord> adopted;
    if (!m_key.isEmpty() && m_source)
        adopted = SecretKeyRecord { fingerprint(m_key), 1, sourceName(m_source->kind()) };
    auto deleted = m_repository->deleteAll(adopted);
    if (!deleted)
        return fail(internal(deleted.error()));
    if (adopted) {
        m_status.state = SecretsStatus::State::Ready;
        m_status.source = m_source->kind();
        m_status.fingerprint = adopted->fingerprint;
        m_status.keyVersion = 1;
        m_status.message.clear();
    }
    qCWarning(lcSecrets) << "reset: deleted" << deleted.value() << "secrets";
    return deleted.value();
}

} // namespace hearth::secrets
