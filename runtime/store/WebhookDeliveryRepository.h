#pragma once

#include "StoreError.h"
#include "core/Result.h"

#include <QString>

namespace hearth {

class Database;

// The ids of webhook deliveries already taken (webhook_deliveries), kept
// for KeepMs so that a replayed delivery is refused.
class WebhookDeliveryRepository
{
public:
    // Longer than any signature's window (5 minutes), and a day for
    // senders whose signatures carry no time (GitHub's).
    static constexpr qint64 KeepMs = 24LL * 3600 * 1000;

    explicit WebhookDeliveryRepository(Database &database);

    // Records the delivery; Conflict if it was taken before. Inside the
    // WriteBatch that records its run, so that both are kept or neither.
    // Forgets ids older than KeepMs on the way.
    Result<void, StoreError> take(qint64 watcherId, const QString &deliveryId, qint64 nowMs) const;

private:
    Database &m_database;
};

} // namespace hearth
