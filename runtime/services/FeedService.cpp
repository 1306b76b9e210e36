#include "FeedService.h"

#include <QDateTime>

namespace hearth::services {

FeedService::FeedService(const FeedItemRepository &items)
    : m_items(items)
{
}

Result<QList<bool>, Error> FeedService::newItems(qint64 watcherId, qint64 runId,
                                                 const QList<QByteArray> &keys) const
{
    if (keys.size() > MaxItemsPerCall)
        return fail(Error::invalid(QStringLiteral("items"),
                                   QStringLiteral("more than %1 items").arg(MaxItemsPerCall)));
    for (const QByteArray &key : keys) {
        if (key.isEmpty() || key.size() > MaxKeyBytes)
            return fail(Error::invalid(
                QStringLiteral("items"),
                QStringLiteral("an item's key is empty or longer than %1 bytes").arg(MaxKeyBytes)));
    }
    auto marked = m_items.markNew(watcherId, runId, keys, QDateTime::currentMSecsSinceEpoch());
    if (!marked)
        return fail(Error::internal(marked.error()));
    return marked.value();
}

} // namespace hearth::services
