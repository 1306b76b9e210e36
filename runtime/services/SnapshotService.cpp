#include "SnapshotService.h"

namespace hearth::services {

SnapshotService::SnapshotService(const SnapshotRepository &snapshots,
                                 const WatcherRepository &watchers)
    : m_snapshots(snapshots)
    , m_watchers(watchers)
{
}

Result<void, Error> SnapshotService::requireWatcher(qint64 watcherId) const
{
    auto watcher = m_watchers.get(watcherId);
    if (!watcher)
        return fail(Error::internal(watcher.error()));
    if (!watcher.value())
        return fail(Error::notFound(QStringLiteral("no watcher %1").arg(watcherId)));
    return {};
}

Result<SnapshotService::Page, Error>
SnapshotService::list(qint64 watcherId, std::optional<qint64> beforeId, int limit) const
{
    if (auto found = requireWatcher(watcherId); !found)
        return fail(found.error());
    auto records = m_snapshots.list(watcherId, beforeId, limit + 1);
    if (!records)
        return fail(Error::internal(records.error()));
    Page page { records.value(), records->size() > limit };
    if (page.more)
        page.items.removeLast();
    return page;
}

Result<SnapshotService::Snapshot, Error> SnapshotService::get(qint64 watcherId,
                                                              qint64 snapshotId) const
{
    if (auto found = requireWatcher(watcherId); !found)
        return fail(found.error());
    auto record = m_snapshots.get(watcherId, snapshotId);
    if (!record)
        return fail(Error::internal(record.error()));
    if (!record.value())
        return fail(Error::notFound(
            QStringLiteral("watcher %1 has no snapshot %2").arg(watcherId).arg(snapshotId)));
    auto text = m_snapshots.text(*record.value());
    if (!text)
        return fail(Error::internal(text.error()));
    return Snapshot { *record.value(), text.value() };
}

Result<SnapshotService::Comparison, Error> SnapshotService::compare(qint64 watcherId, qint64 from,
                                                                    qint64 to, DiffUnit unit) const
{
    auto before = get(watcherId, from);
    if (!before)
        return fail(before.error());
    auto after = get(watcherId, to);
    if (!after)
        return fail(after.error());
    auto diff = diffTexts(before->text, after->text, unit);
    if (!diff)
        return fail(Error::invalid(QStringLiteral("by"), diff.error()));
    return Comparison { before->record, after->record, diff.value() };
}

} // namespace hearth::services
