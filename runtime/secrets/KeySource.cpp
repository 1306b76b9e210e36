#include "KeySource.h"

#include "SecretBox.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QThread>
#include <qt6keychain/keychain.h>

namespace hearth::secrets {

QString sourceName(KeySourceKind kind)
{
    switch (kind) {
    case KeySourceKind::Environment:
        return QStringLiteral("environment");
    case KeySourceKind::Keychain:
        return QStringLiteral("keychain");
    case KeySourceKind::File:
        return QStringLiteral("file");
    }
    return {};
}

Result<QByteArray, KeySourceError> parseBase64Key(const QString &text, const QString &what)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.trimmed().isEmpty()) {
        return fail(KeySourceError { KeySourceError::Kind::Invalid,
                                     QStringLiteral("%1 is not valid base64").arg(what) });
    }
    if (decoded.decoded.size() != KeyBytes) {
        return fail(KeySourceError { KeySourceError::Kind::Invalid,
                                     QStringLiteral("%1 decodes to %2 bytes; it must be exactly %3")
                                         .arg(what)
                                         .arg(decoded.decoded.size())
                                         .arg(KeyBytes) });
    }
    return decoded.decoded;
}

// --- environment -----------------------------------------------------------

EnvironmentKeySource::EnvironmentKeySource(std::optional<QString> value)
    : m_value(std::move(value))
{
}

Result<QByteArray, KeySourceError> EnvironmentKeySource::load(KeySlot slot)
{
    if (slot == KeySlot::Pending || !m_value) {
        return fail(KeySourceError { KeySourceError::Kind::NotFound,
                                     QStringLiteral("HEARTH_SECRET_KEY is not set") });
    }
    return parseBase64Key(*m_value, QStringLiteral("HEARTH_SECRET_KEY"));
}

Result<void, KeySourceError> EnvironmentKeySource::store(KeySlot, const QByteArray &)
{
    return fail(
        KeySourceError { KeySourceError::Kind::Failed,
                         QStringLiteral("a key from HEARTH_SECRET_KEY cannot be replaced by "
                                        "hearthd; change the variable instead") });
}

Result<void, KeySourceError> EnvironmentKeySource::remove(KeySlot)
{
    return {};
}

// --- keychain --------------------------------------------------------------

namespace {

// QtKeychain queues every job through a singleton that belongs to the thread
// that first used it, so jobs started on any other thread (once that one has
// ended) would never run. All keychain calls therefore run on one thread that
// lives as long as the process.
QObject *keychainThreadContext()
{
    static QObject *const context = []() {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("hearth-keychain"));
        auto *object = new QObject;
        object->moveToThread(thread);
        thread->start();
        return object;
    }();
    return context;
}

// Runs a job to completion on the keychain thread, blocking the caller.
template<typename Job, typename Setup, typename Finish>
void runOnKeychainThread(Setup setup, Finish finish)
{
    const auto run = [&]() {
        Job job(QString::fromLatin1(KeychainKeySource::Service));
        job.setAutoDelete(false);
        job.setInsecureFallback(false);
        setup(job);
        QEventLoop loop;
        bool finished = false;
        QObject::connect(&job, &QKeychain::Job::finished, &loop, [&]() {
            finished = true;
            loop.quit();
        });
        job.start();
        if (!finished)
            loop.exec();
        finish(job);
    };
    QObject *context = keychainThreadContext();
    if (QThread::currentThread() == context->thread())
        run();
    else
        QMetaObject::invokeMethod(context, run, Qt::BlockingQueuedConnection);
}

KeySourceError keychainError(const QKeychain::Job &job)
{
    using K = KeySourceError::Kind;
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return { K::NotFound,
                 QStringLiteral("the keychain holds no Hearth key for this data dir") };
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return { K::Unavailable,
                 QStringLiteral("the OS keychain is not available (%1)").arg(job.errorString()) };
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return { K::Unavailable,
                 QStringLiteral("the OS keychain denied access (%1)").arg(job.errorString()) };
    default:
        return { K::Failed, QStringLiteral("keychain error: %1").arg(job.errorString()) };
    }
}

} // namespace

KeychainKeySource::KeychainKeySource(const QString &dataDir)
{
    const QByteArray dirHash =
        QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256);
    m_entryPrefix = QStringLiteral("master-key/") + QString::fromLatin1(dirHash.toHex().left(32));
}

QString KeychainKeySource::entryName(KeySlot slot) const
{
    return slot == KeySlot::Current ? m_entryPrefix : m_entryPrefix + QStringLiteral("/pending");
}

Result<QByteArray, KeySourceError> KeychainKeySource::load(KeySlot slot)
{
    std::optional<KeySourceError> error;
    QByteArray key;
    runOnKeychainThread<QKeychain::ReadPasswordJob>(
        [&](QKeychain::ReadPasswordJob &job) { job.setKey(entryName(slot)); },
        [&](QKeychain::ReadPasswordJob &job) {
            if (job.error() != QKeychain::NoError)
                error = keychainError(job);
            else
                key = job.binaryData();
        });
    if (error)
        return fail(*error);
    if (key.size() != KeyBytes) {
        wipe(key);
        return fail(KeySourceError {
            KeySourceError::Kind::Invalid,
            QStringLiteral("the keychain entry %1 is not a 32-byte key").arg(entryName(slot)) });
    }
    return key;
}

Result<void, KeySourceError> KeychainKeySource::store(KeySlot slot, const QByteArray &key)
{
    std::optional<KeySourceError> error;
    runOnKeychainThread<QKeychain::WritePasswordJob>(
        [&](QKeychain::WritePasswordJob &job) {
            job.setKey(entryName(slot));
            job.setBinaryData(key);
        },
        [&](QKeychain::WritePasswordJob &job) {
            if (job.error() != QKeychain::NoError)
                error = keychainError(job);
        });
    if (error)
        return fail(*error);
    return {};
}

Result<void, KeySourceError> KeychainKeySource::remove(KeySlot slot)
{
    std::optional<KeySourceError> error;
    runOnKeychainThread<QKeychain::DeletePasswordJob>(
        [&](QKeychain::DeletePasswordJob &job) { job.setKey(entryName(slot)); },
        [&](QKeychain::DeletePasswordJob &job) {
            if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
                error = keychainError(job);
        });
    if (error)
        return fail(*error);
    return {};
}

// --- file ------------------------------------------------------------------

FileKeySource::FileKeySource(const QString &dataDir)
    : m_dataDir(dataDir)
{
}

QString FileKeySource::path(KeySlot slot) const
{
    return QDir(m_dataDir).filePath(slot == KeySlot::Current
                                        ? QStringLiteral("master.key")
                                        : QStringLiteral("master.key.pending"));
}

Result<QByteArray, KeySourceError> FileKeySource::load(KeySlot slot)
{
    QFile file(path(slot));
    if (!file.exists()) {
        return fail(KeySourceError { KeySourceError::Kind::NotFound,
                                     QStringLiteral("%1 does not exist").arg(path(slot)) });
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(KeySourceError {
            KeySourceError::Kind::Unavailable,
            QStringLiteral("cannot read %1: %2").arg(path(slot), file.errorString()) });
    }
    QByteArray text = file.readAll();
    auto key = parseBase64Key(QString::fromLatin1(text), path(slot));
    wipe(text);
    return key;
}

Result<void, KeySourceError> FileKeySource::store(KeySlot slot, const QByteArray &key)
{
    QSaveFile file(path(slot));
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return fail(KeySourceError {
            KeySourceError::Kind::Failed,
            QStringLiteral("cannot write %1: %2").arg(path(slot), file.errorString()) });
    }
    QByteArray text = key.toBase64() + '\n';
    file.write(text);
    wipe(text);
    if (!file.commit()) {
        return fail(KeySourceError {
            KeySourceError::Kind::Failed,
            QStringLiteral("cannot write %1: %2").arg(path(slot), file.errorString()) });
    }
    return {};
}

Result<void, KeySourceError> FileKeySource::remove(KeySlot slot)
{
    QFile file(path(slot));
    if (file.exists() && !file.remove()) {
        return fail(KeySourceError {
            KeySourceError::Kind::Failed,
            QStringLiteral("cannot remove %1: %2").arg(path(slot), file.errorString()) });
    }
    return {};
}

} // namespace hearth::secrets
