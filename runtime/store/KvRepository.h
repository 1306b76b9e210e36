#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace hearth {

class Database;

struct KvEntry
{
    QString key;
    QByteArray valueJson; // one JSON value, stored verbatim for full fidelity
    QString createdAt;
    QString updatedAt;
};

struct KvKeyPage
{
    QList<KvEntry> entries; // valueJson left empty: listings carry keys only
    std::optional<QString> nextAfterKey;
};

// The kv table. Namespace "" is the global one.
class KvRepository
{
public:
    static constexpr qsizetype MaxKeyBytes = 256;
    static constexpr qsizetype MaxValueBytes = 256 * 1024;

    explicit KvRepository(Database &database);

    Result<std::optional<KvEntry>> get(const QString &ns, const QString &key) const;
    // Inserts or replaces; `created` tells which. The value must be valid JSON
    // (checked by the caller and again by the table's CHECK constraint).
    Result<KvEntry> put(const QString &ns, const QString &key, const QByteArray &valueJson,
                        bool *created = nullptr) const;
    // Idempotent: removing a missing key succeeds.
    Result<void> remove(const QString &ns, const QString &key) const;
    // Keys in byte order after `afterKey`, at most `limit`.
    Result<KvKeyPage> list(const QString &ns, const QString &prefix,
                           const std::optional<QString> &afterKey, int limit) const;
    Result<qint64> count() const;
    // Whether the table's CHECK (SQLite's json_valid) accepts `json` as a
    // value: the database's own rule, asked before a write.
    Result<bool> isValidJson(const QByteArray &json) const;

private:
    Database &m_database;
};

// Why a key is not acceptable, or nothing when it is: 1..256 bytes of UTF-8
// without control characters.
std::optional<QString> validateKvKey(const QByteArray &utf8Key);

} // namespace hearth
