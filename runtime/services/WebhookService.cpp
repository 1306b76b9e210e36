#include "WebhookService.h"

#include "core/Crypto.h"
#include "events/RunEvents.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/WatcherRepository.h"
#include "store/WebhookDeliveryRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace hearth::services {

using scheduler::WebhookVerification;

namespace {

using Reason = WebhookRefusal::Reason;

WebhookRefusal refusal(Reason reason, QString message)
{
    return { reason, std::move(message) };
}

QByteArray header(const WebhookDelivery &delivery, const char *name)
{
    return delivery.headers.value(QString::fromLatin1(name).toLower()).toUtf8();
}

// ctx.event: the headers (lower-case names), the body (parsed when it is
// JSON, as text when it is UTF-8, else base64 in body_base64), the
// delivery's id and who sent it.
QByteArray eventOf(const WebhookDelivery &delivery, const QString &deliveryId)
{
    QJsonObject headers;
    for (auto it = delivery.headers.cbegin(); it != delivery.headers.cend(); ++it)
        headers.insert(it.key(), it.value());
    QJsonObject event { { QStringLiteral("headers"), headers },
                        { QStringLiteral("delivery_id"),
                          deliveryId.isEmpty() ? QJsonValue() : QJsonValue(deliveryId) },
                        { QStringLiteral("remote_address"),
                          QString::fromLatin1(delivery.remoteAddress) } };
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(delivery.body, &parseError);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(delivery.body);
    if (!delivery.body.isEmpty() && parseError.error == QJsonParseError::NoError)
        event.insert(QStringLiteral("body"),
                     json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()));
    else if (!utf8.hasError())
        event.insert(QStringLiteral("body"), text);
    else
        event.insert(QStringLiteral("body_base64"), QString::fromLatin1(delivery.body.toBase64()));
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

} // namespace

WebhookService::WebhookService(const WatcherRepository &watchers, const RunRepository &runs,
                               const WebhookDeliveryRepository &deliveries,
                               const secrets::SecretStore &secrets, RunControl &runControl,
                               events::EventBus &events)
    : m_watchers(watchers)
    , m_runs(runs)
    , m_deliveries(deliveries)
    , m_secrets(secrets)
    , m_runControl(runControl)
    , m_events(events)
{
}

Result<RunRecord, WebhookRefusal> WebhookService::deliver(const WebhookDelivery &delivery) const
{
    auto found = m_watchers.findByWebhookToken(delivery.token);
    if (!found)
        return fail(refusal(Reason::Internal, found.error()));
    // Same answer for a token that never existed and one of a watcher that
    // is no longer a webhook watcher.
    if (!found.value() || !found.value()->spec.webhook())
        return fail(refusal(Reason::UnknownUrl, QStringLiteral("no webhook has this URL")));
    const WatcherRecord &watcher = *found.value();
    if (!watcher.spec.enabled)
        return fail(
            refusal(Reason::Disabled,
                    QStringLiteral("the watcher \"%1\" is disabled").arg(watcher.spec.name)));
    const qint64 now = m_runControl.nowMs();
    auto deliveryId = verify(watcher, delivery, now);
    if (!deliveryId)
        return fail(deliveryId.error());

    FireRequest request;
    request.watcherId = watcher.id;
    request.concurrency = watcher.spec.concurrency;
    request.nowMs = now;
    request.runs = { NewRun {
        now, scheduler::RunTrigger::Webhook, now, eventOf(delivery, deliveryId.value()),
        watcher.spec.agent() ? watcher.spec.agent()->deviceWorkerId : std::nullopt, std::nullopt,
        0 } };
    WriteBatch batch = m_runs.batch();
    if (auto begun = batch.begin(); !begun)
        return fail(refusal(Reason::Internal, begun.error()));
    if (!deliveryId->isEmpty()) {
        if (auto taken = m_deliveries.take(watcher.id, deliveryId.value(), now); !taken)
            return fail(refusal(taken.error().code == StoreError::Conflict ? Reason::Replayed
                                                                           : Reason::Internal,
                                taken.error().message));
    }
    auto fired = m_runs.fire(request);
    if (!fired)
        return fail(refusal(fired.error().code == StoreError::NotFound ? Reason::UnknownUrl
                                                                       : Reason::Internal,
                            fired.error().message));
    if (auto committed = batch.commit(); !committed)
        return fail(refusal(Reason::Internal, committed.error()));
    if (fired->created.isEmpty())
        return fail(refusal(Reason::Internal, QStringLiteral("the run was not recorded")));
    m_runControl.stopExecutions(fired->replacedRunning);
    for (const RunRecord &run : std::as_const(fired->created))
        events::publishRun(m_events, QStringLiteral("created"), run);
    m_runControl.wake();
    return fired->created.constFirst();
}

Result<QString, WebhookRefusal> WebhookService::verify(const WatcherRecord &watcher,
                                                       const WebhookDelivery &delivery,
                                                       qint64 nowMs) const
{
    switch (watcher.spec.webhook()->verify) {
    case WebhookVerification::None: {
        // Unsigned: an id the sender gives still refuses its replays.
        for (const char *name : { "webhook-id", "X-GitHub-Delivery", "Idempotency-Key" }) {
            if (const QByteArray id = header(delivery, name); !id.isEmpty())
                return QString::fromLatin1(id);
        }
        return QString();
    }
    case WebhookVerification::Standard: {
        const QByteArray id = header(delivery, "webhook-id");
        const QByteArray timestamp = header(delivery, "webhook-timestamp");
        const QByteArray signatures = header(delivery, "webhook-signature");
        if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty())
            return fail(refusal(Reason::SignatureMissing,
                                QStringLiteral("a Standard Webhooks signature is required: "
                                               "webhook-id, webhook-timestamp and "
                                               "webhook-signature headers")));
        bool number = false;
        const qint64 seconds = timestamp.toLongLong(&number);
        if (!number || qAbs(nowMs - seconds * 1000) > ToleranceMs)
            return fail(refusal(Reason::TimestampOutOfRange,
                                QStringLiteral("webhook-timestamp must be within 5 minutes of "
                                               "this computer's clock")));
        auto key = signingKey(watcher);
        if (!key)
            return fail(key.error());
        const QByteArray signedContent = id + '.' + timestamp + '.' + delivery.body;
        const QByteArray expected = crypto::hmacSha256(key.value(), signedContent);
        // Several signatures (a key being rotated): any may match.
        for (const QByteArray &entry : signatures.split(' ')) {
            if (!entry.startsWith("v1,"))
                continue;
            const QByteArray given = QByteArray::fromBase64(entry.mid(3));
            if (crypto::constantTimeEquals(given, expected))
                return QString::fromLatin1(id);
        }
        return fail(refusal(Reason::SignatureInvalid,
                            QStringLiteral("the webhook-signature does not match")));
    }
    case WebhookVerification::GitHub: {
        const QByteArray signature = header(delivery, "X-Hub-Signature-256");
        if (!signature.startsWith("sha256="))
            return fail(refusal(Reason::SignatureMissing,
                                QStringLiteral("an X-Hub-Signature-256 header (sha256=…) is "
                                               "required")));
        auto key = signingKey(watcher);
        if (!key)
            return fail(key.error());
        const QByteArray expected = crypto::hmacSha256(key.value(), delivery.body);
        if (!crypto::constantTimeEquals(QByteArray::fromHex(signature.mid(7)), expected))
            return fail(refusal(Reason::SignatureInvalid,
                                QStringLiteral("the X-Hub-Signature-256 does not match")));
        return QString::fromLatin1(header(delivery, "X-GitHub-Delivery"));
    }
    }
    return fail(refusal(Reason::Internal, QStringLiteral("unknown verification")));
}

Result<QByteArray, WebhookRefusal> WebhookService::signingKey(const WatcherRecord &watcher) const
{
    const QString name = scheduler::WebhookTrigger::secretName(watcher.id);
    auto secret = m_secrets.reveal(name);
    if (!secret)
        return fail(refusal(Reason::SecretUnavailable,
                            QStringLiteral("the signing secret %1 cannot be read (%2); the "
                                           "delivery is refused until it can")
                                .arg(name, secret.error().message)));
    // Standard Webhooks' secrets are "whsec_" + base64 of the key; GitHub's
    // are the text itself.
    const QByteArray &value = secret.value();
    if (watcher.spec.webhook()->verify == WebhookVerification::Standard &&
        value.startsWith("whsec_"))
        return QByteArray::fromBase64(value.mid(6));
    return value;
}

} // namespace hearth::services
