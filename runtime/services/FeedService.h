#pragma once

#include "core/Error.h"
#include "store/FeedItemRepository.h"

namespace hearth::services {

// The use case behind feed.new_items: which of a run's feed items its
// watcher has not seen before (see FeedItemRepository for when an item
// counts as seen).
class FeedService
{
public:
    // A feed page holds tens to hundreds.
    static constexpr int MaxItemsPerCall = 10'000;
    // Keys are digests of the items' ids (SHA-256: 32 bytes).
    static constexpr qsizetype MaxKeyBytes = 64;

    explicit FeedService(const FeedItemRepository &items);

    // For each key, whether it is new.
    Result<QList<bool>, Error> newItems(qint64 watcherId, qint64 runId,
                                        const QList<QByteArray> &keys) const;

private:
    const FeedItemRepository &m_items;
};

} // namespace hearth::services
