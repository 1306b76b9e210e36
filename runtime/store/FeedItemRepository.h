#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>

class QSqlDatabase;

namespace hearth {

class Database;

// Which feed items a watcher's runs have seen (feed.new_items). Items are
// kept by a digest of their id (made by the caller); a run's new items become seen only when the
// run succeeds (confirmFeedItemsOfRun, in the transaction that records it).
class FeedItemRepository
{
public:
    // A feed lists far fewer; the oldest beyond this are forgotten (and
    // would be new again if a feed brought them back).
    static constexpr int MaxItemsPerWatcher = 10'000;

    explicit FeedItemRepository(Database &database);

    // For each key, in order: whether it is new to the watcher (never seen
    // by a succeeded run). Records the new ones as pending for `runId` and
    // marks every key as found now.
    Result<QList<bool>> markNew(qint64 watcherId, qint64 runId, const QList<QByteArray> &keys,
                                qint64 nowMs) const;

private:
    Database &m_database;
};

// The items `runId` found new are now seen: called inside the transaction
// that records the run as succeeded.
Result<void> confirmFeedItemsOfRun(const QSqlDatabase &db, qint64 runId);

} // namespace hearth
