#pragma once

#include "core/Error.h"
#include "store/ChannelRepository.h"
#include "store/DeliveryRepository.h"

#include <QJsonObject>

namespace hearth::events {
class EventBus;
}
namespace hearth::secrets {
class SecretStore;
}

namespace hearth::services {

// The channels' use cases (API, CLI, tray) and their deliveries': each
// write, then its `channel` or `delivery` event (which also wakes the
// delivery dispatcher).
// What email.send asks for.
struct EmailMessage
{
    static constexpr int MaxRecipients = 50;
    static constexpr qsizetype MaxSubjectChars = 998; // one header line

    QStringList to;
    QStringList cc;
    QStringList bcc;
    QString subject;
    QString text; // at least one of text and html
    QString html;
    QString replyTo;
    QString channel; // the email channel's name; empty: the only one
    QString watcherId;
    QString runId;

    QJsonObject toJson() const;
};

class ChannelService
{
public:
    ChannelService(const ChannelRepository &channels, const DeliveryRepository &deliveries,
                   secrets::SecretStore &secrets, events::EventBus &events);

    Result<QList<ChannelRecord>, Error> list() const;
    Result<ChannelRecord, Error> get(qint64 id) const;
    // The fields of ChannelSpec::fromJson; the secrets a channel names must
    // exist when the secret store can tell. A webhook channel gets its
    // signing secret (channel.ID) unless the user set one.
    Result<ChannelRecord, Error> create(const QJsonObject &json) const;
    // The fields given replace the stored ones.
    Result<ChannelRecord, Error> update(qint64 id, const QJsonObject &patch) const;
    // With its deliveries (and its signing secret). Refused while watchers
    // name it.
    Result<void, Error> remove(qint64 id) const;
    // Queues a test message, sent whatever the mute, cooldown and budget.
    Result<DeliveryRecord, Error> sendTest(qint64 id) const;
    // A script's email.send: checked (addresses, sizes), then queued on the
    // email channel it names, or the only (or only default) one; NotFound
    // "not_configured: …" when there is none. Under the channel's mute,
    // cooldown and budget, like its notifications.
    Result<DeliveryRecord, Error> queueEmail(const EmailMessage &email) const;
    // The same checks alone (a preview sends nothing).
    static Result<void, Error> checkEmail(const EmailMessage &email);

    Result<QList<DeliveryRecord>, Error> deliveries(const DeliveryFilter &filter, bool *more) const;
    Result<DeliveryRecord, Error> delivery(qint64 id) const;
    Result<DeliveryRecord, Error> redrive(qint64 id) const;
    // Every failed, dead or suppressed delivery (one channel's when given).
    Result<int, Error> redriveAll(DeliveryStatus status, std::optional<qint64> channelId) const;

private:
    Result<void, Error> checkSecrets(const ChannelSpec &spec) const;
    Result<ChannelRecord, Error> emailChannel(const QString &name) const;
    void afterSave(const ChannelRecord &channel, const QString &action) const;
    void publishDelivery(const QString &action, const QJsonObject &data) const;

    const ChannelRepository &m_channels;
    const DeliveryRepository &m_deliveries;
    secrets::SecretStore &m_secrets;
    events::EventBus &m_events;
};

} // namespace hearth::services
