#pragma once

#include "RunControl.h"
#include "store/RunRepository.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace hearth {
class WatcherRepository;
class WebhookDeliveryRepository;
namespace events {
class EventBus;
}
namespace secrets {
class SecretStore;
}
} // namespace hearth

namespace hearth::services {

// A request to a webhook URL, as the listener received it.
struct WebhookDelivery
{
    QString token; // from the URL
    QHash<QString, QString> headers; // names in lower case
    QByteArray body;
    QByteArray remoteAddress;
};

// Why a delivery started nothing.
struct WebhookRefusal
{
    enum class Reason {
        UnknownUrl, // no webhook watcher has this URL
        Disabled, // its watcher is disabled
        SignatureMissing, // the watcher wants a signature and there is none
        SignatureInvalid,
        TimestampOutOfRange, // Standard Webhooks: more than 5 minutes off
        Replayed, // a delivery id taken before
        SecretUnavailable, // the signing secret is missing or cannot be read: fail closed
        Internal,
    };
    Reason reason = Reason::Internal;
    QString message;
};

// Takes webhook deliveries: finds the watcher by its URL's token, verifies
// the delivery as the watcher says (Standard Webhooks, GitHub's
// X-Hub-Signature-256, or nothing when it explicitly allows that), refuses
// replayed delivery ids, and records the run (trigger `webhook`, the
// delivery as ctx.event) under the watcher's concurrency policy, with the
// delivery id in the same commit.
class WebhookService
{
public:
    // Standard Webhooks' window for webhook-timestamp, either way.
    static constexpr qint64 ToleranceMs = 5 * 60 * 1000;

    WebhookService(const WatcherRepository &watchers, const RunRepository &runs,
                   const WebhookDeliveryRepository &deliveries, const secrets::SecretStore &secrets,
                   RunControl &runControl, events::EventBus &events);

    // The run it recorded (pending, or skipped by the concurrency policy).
    Result<RunRecord, WebhookRefusal> deliver(const WebhookDelivery &delivery) const;

private:
    // The delivery's id if it has one (for replays), once it verified.
    Result<QString, WebhookRefusal> verify(const WatcherRecord &watcher,
                                           const WebhookDelivery &delivery, qint64 nowMs) const;
    Result<QByteArray, WebhookRefusal> signingKey(const WatcherRecord &watcher) const;

    const WatcherRepository &m_watchers;
    const RunRepository &m_runs;
    const WebhookDeliveryRepository &m_deliveries;
    const secrets::SecretStore &m_secrets;
    RunControl &m_runControl;
    events::EventBus &m_events;
};

} // namespace hearth::services
