#pragma once

#include "StoreError.h"
#include "core/Result.h"
#include "model/Channel.h"

#include <QList>
#include <QString>
#include <optional>

namespace hearth {

class Database;

struct ChannelRecord
{
    qint64 id = 0;
    ChannelSpec spec;
    QString createdAt;
    QString updatedAt;
};

// The channels table. A channel's name is unique.
class ChannelRepository
{
public:
    explicit ChannelRepository(Database &database);

    // Conflict when the name is taken.
    Result<ChannelRecord, StoreError> create(const ChannelSpec &spec) const;
    // NotFound when unknown, Conflict when the new name is taken. Cooldown
    // and budget counts are kept.
    Result<ChannelRecord, StoreError> update(qint64 id, const ChannelSpec &spec) const;
    // With its deliveries; NotFound when unknown.
    Result<void, StoreError> remove(qint64 id) const;
    Result<std::optional<ChannelRecord>> get(qint64 id) const;
    Result<std::optional<ChannelRecord>> findByName(const QString &name) const;
    // By name.
    Result<QList<ChannelRecord>> list() const;

private:
    Database &m_database;
};

} // namespace hearth
