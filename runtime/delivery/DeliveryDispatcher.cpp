#include "DeliveryDispatcher.h"

#include "events/ApiJson.h"
#include "events/EventBus.h"
#include "secrets/SecretStore.h"
#include "store/ChannelRepository.h"
#include "store/DeliveryRepository.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDeliveries, "hearth.deliveries")

namespace hearth::delivery {

namespace {

// With nothing due, still look again now and then (a clock change).
constexpr qint64 IdleLookMs = 60'000;
constexpr qint64 RetryClaimMs = 1000;
// While the master key is being found, deliveries that need a secret wait.
constexpr qint64 SecretsLoadingWaitMs = 200;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

DeliveryDispatcher::DeliveryDispatcher(const DeliveryRepository &deliveries,
                                       const ChannelRepository &channels,
                                       const secrets::SecretStore &secrets,
                                       events::EventBus &events)
    : m_deliveries(deliveries)
    , m_channels(channels)
    , m_secrets(secrets)
    , m_events(events)
{
}

DeliveryDispatcher::~DeliveryDispatcher()
{
    stop();
}

void DeliveryDispatcher::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("deliveries"));
    m_thread->start();
}

void DeliveryDispatcher::stop()
{
    if (!m_thread)
        return;
    m_stopping = true;
    m_events.wakeWaiters();
    m_thread->wait();
    m_thread.reset();
}

void DeliveryDispatcher::run()
{
    // Secrets are read for most sends; wait until the store knows its key
    // (or knows it cannot), rather than fail attempts meanwhile.
    while (!m_stopping && m_secrets.status().state == secrets::SecretsStatus::State::Loading)
        QThread::msleep(SecretsLoadingWaitMs);
    if (auto recovered = m_deliveries.recoverInterrupted(nowMs()); !recovered)
        qCWarning(lcDeliveries).noquote() << recovered.error();
    else if (recovered.value() > 0)
        qCInfo(lcDeliveries).noquote()
            << QStringLiteral("%1 deliveries were being sent when hearthd stopped; sending them "
                              "again")
                   .arg(recovered.value());
    while (!m_stopping) {
        // New notifications and redrives publish events: read the bus's
        // position before looking, so that none slips between.
        const qint64 seen = m_events.lastId();
        if (deliverNext())
            continue;
        qint64 waitMs = IdleLookMs;
        if (auto due = m_deliveries.earliestDue(); due && due.value())
            waitMs = qMin(*due.value() - nowMs(), IdleLookMs);
        else if (!due)
            qCWarning(lcDeliveries).noquote() << due.error();
        // Due but not claimed: the database refused (logged above), or it
        // came due this instant. Either way, not a tight loop.
        if (waitMs <= 0)
            waitMs = RetryClaimMs;
        m_events.waitAfter(seen, std::chrono::milliseconds(waitMs),
                           [this] { return m_stopping.load(); });
        if (m_events.closed())
            break;
    }
}

bool DeliveryDispatcher::deliverNext()
{
    if (auto gathered = m_deliveries.gatherDigests(nowMs()); !gathered)
        qCWarning(lcDeliveries).noquote() << gathered.error();
    auto claimed = m_deliveries.claimDue(nowMs());
    if (!claimed) {
        qCWarning(lcDeliveries).noquote() << claimed.error();
        return false;
    }
    if (!claimed.value())
        return false;
    const DeliveryRecord delivery = *claimed.value();
    auto channel = m_channels.get(delivery.channelId);
    SendResult result;
    if (!channel || !channel.value()) {
        result = { AttemptOutcome::Failed,
                   channel ? QStringLiteral("the channel no longer exists") : channel.error(),
                   {} };
    } else {
        result = attempt(*channel.value(), delivery);
    }
    if (m_stopping && result.outcome != AttemptOutcome::Delivered)
        return false; // left sending: the next start tries it again
    const DeliveryRetry retry =
        channel && channel.value() ? channel.value()->spec.retry : DeliveryRetry {};
    DeliveryStatus next = DeliveryStatus::Delivered;
    qint64 nextAttemptAt = nowMs();
    if (result.outcome == AttemptOutcome::Failed) {
        next = DeliveryStatus::Failed;
    } else if (result.outcome == AttemptOutcome::Retry) {
        if (delivery.attemptsThisRound() >= retry.maxAttempts) {
            next = DeliveryStatus::Dead;
        } else {
            next = DeliveryStatus::Pending;
            nextAttemptAt += retry.delayMs(delivery.attemptsThisRound());
        }
    }
    if (auto finished = m_deliveries.finishAttempt(delivery, result.outcome, result.response, next,
                                                   nextAttemptAt, result.remoteId, nowMs());
        !finished)
        qCWarning(lcDeliveries).noquote() << finished.error();
    if (next != DeliveryStatus::Delivered)
        qCInfo(lcDeliveries).noquote() << QStringLiteral("delivery %1 to %2 (attempt %3): %4 — %5")
                                              .arg(delivery.id)
                                              .arg(delivery.channelName)
                                              .arg(delivery.attempts)
                                              .arg(deliveryStatusName(next), result.response);
    publish(delivery.id);
    return true;
}

SendResult DeliveryDispatcher::attempt(const ChannelRecord &channel,
                                       const DeliveryRecord &delivery) const
{
    const ChannelSpec &spec = channel.spec;
    // Fail closed: a secret that cannot be read sends nothing (the key may
    // come back: a locked keychain), and the attempt says which.
    QString secretName;
    if (spec.webhook())
        secretName = ChannelSpec::signingSecretName(channel.id);
    else if (!spec.secretNames().isEmpty())
        secretName = spec.secretNames().constFirst();
    QByteArray secret;
    if (!secretName.isEmpty()) {
        auto value = m_secrets.reveal(secretName);
        if (!value)
            return { AttemptOutcome::Retry,
                     QStringLiteral("the secret %1 cannot be read: %2")
                         .arg(secretName, value.error().message),
                     {} };
        secret = value.value();
    }
    if (const EmailSettings *email = spec.email())
        return sendEmail(*email, delivery, secret, m_stopping);
    if (const NtfySettings *ntfy = spec.ntfy())
        return sendNtfy(*ntfy, delivery, secret, m_stopping);
    return sendWebhook(*spec.webhook(), delivery, secret, m_stopping);
}

void DeliveryDispatcher::publish(qint64 deliveryId) const
{
    auto delivery = m_deliveries.get(deliveryId);
    if (!delivery || !delivery.value())
        return;
    m_events.publish("delivery",
                     { { QStringLiteral("action"), QStringLiteral("attempted") },
                       { QStringLiteral("delivery"), events::toApiJson(*delivery.value()) } });
}

} // namespace hearth::delivery
