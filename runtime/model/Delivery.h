#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace hearth {

// Where a delivery is: pending (waiting for its next attempt), sending (an
// attempt in flight), batched (waiting for its channel's digest), or one of
// the terminal states: delivered, failed (the server refused it for good),
// dead (retries used up), suppressed (never sent: the channel was muted,
// cooling down or over its daily budget) and digested (sent within a
// digest, itself a delivery).
enum class DeliveryStatus {
    Pending,
    Sending,
    Batched,
    Delivered,
    Failed,
    Dead,
    Suppressed,
    Digested
};
QString deliveryStatusName(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name);
bool isTerminal(DeliveryStatus status);
// Failed and dead deliveries may be sent again; so may suppressed ones.
bool isRedrivable(DeliveryStatus status);

// How one attempt ended: still sending (or killed while it was),
// interrupted (hearthd stopped during it), delivered, retry (a temporary
// failure: the server was down, busy or timed out) or failed (refused for
// good: a 4xx, a rejected address, a bad login).
enum class AttemptOutcome { Sending, Interrupted, Delivered, Retry, Failed };
QString attemptOutcomeName(AttemptOutcome outcome);
std::optional<AttemptOutcome> attemptOutcomeFromName(const QString &name);

} // namespace hearth
