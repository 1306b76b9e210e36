#pragma once

#include "model/Channel.h"
#include "model/Delivery.h"
#include "store/DeliveryRepository.h"

#include <QByteArray>
#include <QString>
#include <atomic>

namespace hearth::delivery {

// How one attempt went, as the delivery's attempt record keeps it.
struct SendResult
{
    AttemptOutcome outcome = AttemptOutcome::Retry;
    QString response; // the server's answer (or libcurl's reason)
    QString remoteId; // the server's id for the message, when it gives one
};

// One attempt of a delivery to one kind of channel. `secret` is the value
// the channel's settings name (the SMTP password, the ntfy token, the
// webhook's signing secret), already read; empty when it names none.
SendResult sendEmail(const EmailSettings &email, const DeliveryRecord &delivery,
                     const QByteArray &password, const std::atomic<bool> &stopping);
SendResult sendNtfy(const NtfySettings &ntfy, const DeliveryRecord &delivery,
                    const QByteArray &token, const std::atomic<bool> &stopping);
SendResult sendWebhook(const WebhookSettings &webhook, const DeliveryRecord &delivery,
                       const QByteArray &signingSecret, const std::atomic<bool> &stopping);

// An HTTP answer as an outcome: 2xx delivered; 408, 425, 429 and 5xx worth
// another attempt; any other (a 3xx redirect, a 4xx refusal) failed for good.
AttemptOutcome outcomeOfHttpStatus(long status);

} // namespace hearth::delivery
