#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace hearth {

class Database;

struct StoredSecret
{
    QString name;
    QByteArray sealed;
    int keyVersion = 0;
    QString createdAt;
    QString updatedAt;
};

struct SecretKeyRecord
{
    QString fingerprint;
    int keyVersion = 0;
    QString source;
};

// The secrets and secret_key tables. Knows nothing about crypto: it stores
// sealed blobs and the fingerprint of the key that sealed them.
class SecretRepository
{
public:
    explicit SecretRepository(Database &database);

    Result<std::optional<StoredSecret>> get(const QString &name) const;
    // Names and dates in name order after `afterName`, at most `limit`
    // (sealed left empty). `more` tells whether another page follows.
    Result<QList<StoredSecret>> list(const std::optional<QString> &afterName, int limit,
                                     bool *more) const;
    Result<StoredSecret> put(const QString &name, const QByteArray &sealed, int keyVersion,
                             bool *created) const;
    Result<void> remove(const QString &name) const;
    Result<qint64> count() const;

    Result<std::optional<SecretKeyRecord>> keyRecord() const;
    Result<void> setKeyRecord(const SecretKeyRecord &record) const;

    // Re-seals every secret and records the new key in one transaction:
    // either all of it is committed or nothing is.
    Result<void> resealAll(const std::function<Result<QByteArray>(const StoredSecret &)> &reseal,
                           const SecretKeyRecord &newKey) const;
    // Deletes every secret and records `newKey` (or forgets the key when
    // empty), in one transaction. Returns how many were deleted.
    Result<qint64> deleteAll(const std::optional<SecretKeyRecord> &newKey) const;

private:
    Database &m_database;
};

} // namespace hearth
