#pragma once

#include "core/Error.h"
#include "model/TextDiff.h"
#include "store/SnapshotRepository.h"
#include "store/WatcherRepository.h"

namespace hearth::services {

// A watcher's snapshots for the API and the CLI: listed newest first, read
// back, and compared.
class SnapshotService
{
public:
    SnapshotService(const SnapshotRepository &snapshots, const WatcherRepository &watchers);

    struct Page
    {
        QList<SnapshotRecord> items;
        bool more = false;
    };
    // NotFound when the watcher is not there.
    Result<Page, Error> list(qint64 watcherId, std::optional<qint64> beforeId, int limit) const;

    struct Snapshot
    {
        SnapshotRecord record;
        QByteArray text;
    };
    Result<Snapshot, Error> get(qint64 watcherId, qint64 snapshotId) const;

    struct Comparison
    {
        SnapshotRecord from;
        SnapshotRecord to;
        TextDiff diff;
    };
    // What changed from snapshot `from` to snapshot `to` of one watcher.
    Result<Comparison, Error> compare(qint64 watcherId, qint64 from, qint64 to,
                                      DiffUnit unit) const;

private:
    Result<void, Error> requireWatcher(qint64 watcherId) const;

    const SnapshotRepository &m_snapshots;
    const WatcherRepository &m_watchers;
};

} // namespace hearth::services
