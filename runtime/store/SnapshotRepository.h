#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <optional>

class QSqlDatabase;

namespace hearth {

class Database;

struct SnapshotRecord
{
    qint64 id = 0;
    qint64 watcherId = 0;
    std::optional<qint64> runId; // none once its run was pruned
    QByteArray hash; // SHA-256 of the text
    qint64 size = 0; // bytes of the text
    qint64 createdAt = 0; // ms since the epoch
};

// Watchers' snapshots: texts stored once per content (SHA-256), compressed
// with zstd. Written by the transaction that records a run's success
// (storeSnapshot); read by the API and for ctx.last_snapshot; pruned by the
// history pruner (never a watcher's latest, which the next run compares
// with).
class SnapshotRepository
{
public:
    explicit SnapshotRepository(Database &database);

    // Newest first, after `beforeId` when given.
    Result<QList<SnapshotRecord>> list(qint64 watcherId, std::optional<qint64> beforeId,
                                       int limit) const;
    Result<std::optional<SnapshotRecord>> get(qint64 watcherId, qint64 snapshotId) const;
    Result<std::optional<SnapshotRecord>> latest(qint64 watcherId) const;
    Result<QByteArray> text(const SnapshotRecord &snapshot) const;

    // The watchers that have snapshots, and for each the limits that apply
    // (its spec's history.keep_snapshots / keep_snapshot_days, else these).
    struct Retention
    {
        qint64 watcherId = 0;
        int keep = 0;
        int keepDays = 0;
    };
    Result<QList<Retention>> retentions(int keepPerWatcher, int keepDays) const;
    // Deletes up to `limit` of the watcher's snapshots beyond its newest
    // `keep` or older than `olderThanMs`, never its latest; returns how many.
    Result<int> prune(const Retention &retention, qint64 olderThanMs, int limit) const;
    // Deletes up to `limit` texts no snapshot refers to; returns how many.
    Result<int> pruneUnusedTexts(int limit) const;

private:
    Database &m_database;
};

// The text of the watcher's latest snapshot, none if it has none (for the
// run about to start, inside the transaction that claims it).
Result<std::optional<QByteArray>> latestSnapshotText(const QSqlDatabase &db, qint64 watcherId);

// What storing a run's snapshot found.
enum class SnapshotChange {
    First, // the watcher had none
    Changed, // it differs from the watcher's newest
    Same, // it equals the newest and was not stored again
};
// Inside the transaction that records `runId` as succeeded: stores `text`
// as the watcher's newest snapshot, unless it equals the newest already.
Result<SnapshotChange> storeSnapshot(const QSqlDatabase &db, qint64 watcherId, qint64 runId,
                                     const QByteArray &text, qint64 nowMs);

} // namespace hearth
