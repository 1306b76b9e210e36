#include "Delivery.h"

#include "core/EnumNames.h"

#include <array>

namespace hearth {

namespace {

constexpr std::array<EnumName<DeliveryStatus>, 8> StatusNames { {
    { DeliveryStatus::Pending, u"pending" },
    { DeliveryStatus::Sending, u"sending" },
    { DeliveryStatus::Batched, u"batched" },
    { DeliveryStatus::Digested, u"digested" },
    { DeliveryStatus::Delivered, u"delivered" },
    { DeliveryStatus::Failed, u"failed" },
    { DeliveryStatus::Dead, u"dead" },
    { DeliveryStatus::Suppressed, u"suppressed" },
} };

constexpr std::array<EnumName<AttemptOutcome>, 5> OutcomeNames { {
    { AttemptOutcome::Sending, u"sending" },
    { AttemptOutcome::Interrupted, u"interrupted" },
    { AttemptOutcome::Delivered, u"delivered" },
    { AttemptOutcome::Retry, u"retry" },
    { AttemptOutcome::Failed, u"failed" },
} };

} // namespace

QString deliveryStatusName(DeliveryStatus status)
{
    return nameOf(StatusNames, status);
}

std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name)
{
    return valueOf(StatusNames, name);
}

bool isTerminal(DeliveryStatus status)
{
    return status != DeliveryStatus::Pending && status != DeliveryStatus::Sending &&
        status != DeliveryStatus::Batched;
}

bool isRedrivable(DeliveryStatus status)
{
    return status == DeliveryStatus::Failed || status == DeliveryStatus::Dead ||
        status == DeliveryStatus::Suppressed;
}

QString attemptOutcomeName(AttemptOutcome outcome)
{
    return nameOf(OutcomeNames, outcome);
}

std::optional<AttemptOutcome> attemptOutcomeFromName(const QString &name)
{
    return valueOf(OutcomeNames, name);
}

} // namespace hearth
