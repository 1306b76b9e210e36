#pragma once

#include "Senders.h"

#include <QThread>
#include <atomic>
#include <memory>

namespace hearth {
class ChannelRepository;
class DeliveryRepository;
struct ChannelRecord;
namespace events {
class EventBus;
}
namespace secrets {
class SecretStore;
}
} // namespace hearth

namespace hearth::delivery {

// Sends queued deliveries, one at a time, on a thread of its own (a slow
// mail server holds up nothing else). Each attempt is recorded as sending
// before it starts and with its outcome after, so that a kill in between
// is found at the next start and the delivery tried again — with the same
// idempotency key, for the receiver to drop what it already has. A
// temporary failure waits the channel's backoff; the last allowed attempt
// makes the delivery dead, a refusal makes it failed.
class DeliveryDispatcher
{
public:
    DeliveryDispatcher(const DeliveryRepository &deliveries, const ChannelRepository &channels,
                       const secrets::SecretStore &secrets, events::EventBus &events);
    ~DeliveryDispatcher();
    DeliveryDispatcher(const DeliveryDispatcher &) = delete;
    DeliveryDispatcher &operator=(const DeliveryDispatcher &) = delete;

    void start();
    // Gives up an attempt in flight (recorded as interrupted at the next
    // start) and waits for the thread.
    void stop();

private:
    void run();
    // Claims and sends the next due delivery; false when none is due.
    bool deliverNext();
    SendResult attempt(const ChannelRecord &channel, const DeliveryRecord &delivery) const;
    void publish(qint64 deliveryId) const;

    const DeliveryRepository &m_deliveries;
    const ChannelRepository &m_channels;
    const secrets::SecretStore &m_secrets;
    events::EventBus &m_events;
    std::atomic<bool> m_stopping { false };
    std::unique_ptr<QThread> m_thread;
};

} // namespace hearth::delivery
