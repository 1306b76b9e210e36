#include "ChannelService.h"

#include "ServiceErrors.h"
#include "SigningSecrets.h"
#include "events/ApiJson.h"
#include "events/EventBus.h"
#include "model/ScriptTypes.h"
#include "secrets/SecretStore.h"

#include <QDateTime>
#include <QJsonArray>

namespace hearth::services {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The field of the settings that names a secret, for errors.
QString secretField(const ChannelSpec &spec)
{
    return spec.email() ? QStringLiteral("email.password_secret")
                        : QStringLiteral("ntfy.token_secret");
}

} // namespace

ChannelService::ChannelService(const ChannelRepository &channels,
                               const DeliveryRepository &deliveries, secrets::SecretStore &secrets,
                               events::EventBus &events)
    : m_channels(channels)
    , m_deliveries(deliveries)
    , m_secrets(secrets)
    , m_events(events)
{
}

Result<QList<ChannelRecord>, Error> ChannelService::list() const
{
    return m_channels.list().transform_error(&Error::internal);
}

Result<ChannelRecord, Error> ChannelService::get(qint64 id) const
{
    return existing(m_channels.get(id), "channel", id);
}

Result<void, Error> ChannelService::checkSecrets(const ChannelSpec &spec) const
{
    if (spec.webhook()) {
        if (auto ready = requireSecretsReady(m_secrets,
                                             QStringLiteral("a webhook channel's signing secret"));
            !ready)
            return ready;
    }
    // Only when the store can tell: a missing key is reported by the test
    // send and the deliveries, not by refusing the settings.
    if (m_secrets.status().state != secrets::SecretsStatus::State::Ready)
        return {};
    for (const QString &name : spec.secretNames()) {
        auto stored = m_secrets.exists(name);
        if (stored && !stored.value())
            return fail(Error::invalid(secretField(spec),
                                       QStringLiteral("there is no secret named \"%1\" (set it "
                                                      "first: hearth secrets set %1)")
                                           .arg(name)));
    }
    return {};
}

Result<ChannelRecord, Error> ChannelService::create(const QJsonObject &json) const
{
    if (json.contains(QStringLiteral("id")))
        return fail(Error::invalid(QStringLiteral("id"), QStringLiteral("is made by hearthd")));
    auto spec = ChannelSpec::fromJson(json);
    if (!spec)
        return fail(fromField(spec.error()));
    if (auto secrets = checkSecrets(spec.value()); !secrets)
        return fail(secrets.error());
    auto created = m_channels.create(spec.value());
    if (!created)
        return fail(fromStore(created.error(), ErrorCode::NameTaken));
    afterSave(created.value(), QStringLiteral("created"));
    return created.value();
}

Result<ChannelRecord, Error> ChannelService::update(qint64 id, const QJsonObject &patch) const
{
    auto current = get(id);
    if (!current)
        return current;
    QJsonObject merged = current->spec.toJson();
    // New settings of another kind replace the old kind's.
    for (const ChannelKind kind : { ChannelKind::Email, ChannelKind::Ntfy, ChannelKind::Webhook }) {
        if (patch.contains(channelKindName(kind)) && kind != current->spec.kind()) {
            merged.remove(channelKindName(current->spec.kind()));
            merged.remove(QStringLiteral("kind"));
        }
    }
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    if (patch.contains(QStringLiteral("id")))
        return fail(Error::invalid(QStringLiteral("id"), QStringLiteral("cannot be changed")));
    auto spec = ChannelSpec::fromJson(merged);
    if (!spec)
        return fail(fromField(spec.error()));
    if (auto secrets = checkSecrets(spec.value()); !secrets)
        return fail(secrets.error());
    auto updated = m_channels.update(id, spec.value());
    if (!updated)
        return fail(fromStore(updated.error(), ErrorCode::NameTaken));
    // As when it is removed: a webhook channel that becomes another kind
    // has no use for its signing secret (made a webhook again, it gets a
    // new one, so an old receiver's copy does not verify the new messages).
    if (current->spec.webhook() && !updated->spec.webhook())
        (void)m_secrets.remove(ChannelSpec::signingSecretName(id));
    afterSave(updated.value(), QStringLiteral("updated"));
    return updated.value();
}

Result<void, Error> ChannelService::remove(qint64 id) const
{
    auto current = get(id);
    if (!current)
        return fail(current.error());
    if (auto removed = m_channels.remove(id); !removed)
        return fail(fromStore(removed.error(), ErrorCode::Conflict));
    if (current->spec.webhook())
        (void)m_secrets.remove(ChannelSpec::signingSecretName(id));
    m_events.publish("channel",
                     { { QStringLiteral("action"), QStringLiteral("deleted") },
                       { QStringLiteral("id"), QString::number(id) } });
    return {};
}

Result<DeliveryRecord, Error> ChannelService::sendTest(qint64 id) const
{
    auto channel = get(id);
    if (!channel)
        return fail(channel.error());
    const QJsonObject message {
        { QStringLiteral("title"), QStringLiteral("Hearth test message") },
        { QStringLiteral("body"),
          QStringLiteral("The channel \"%1\" works: Hearth's notifications will arrive here.")
              .arg(channel->spec.name) },
        { QStringLiteral("level"), QStringLiteral("info") },
        { QStringLiteral("created_at"),
          QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
    };
    auto queued =
        m_deliveries.queueMessage(id, message, DeliveryRepository::ChannelPolicy::Ignore, nowMs());
    if (!queued)
        return fail(fromStore(queued.error(), ErrorCode::Conflict));
    publishDelivery(QStringLiteral("queued"),
                    { { QStringLiteral("delivery"), events::toApiJson(queued.value()) } });
    return queued.value();
}

QJsonObject EmailMessage::toJson() const
{
    // "kind" tells the email sender to send this rather than a notification.
    return { { QStringLiteral("kind"), QStringLiteral("email") },
             { QStringLiteral("to"), QJsonArray::fromStringList(to) },
             { QStringLiteral("cc"), QJsonArray::fromStringList(cc) },
             { QStringLiteral("bcc"), QJsonArray::fromStringList(bcc) },
             { QStringLiteral("title"), subject },
             { QStringLiteral("text"), text },
             { QStringLiteral("html"), html },
             { QStringLiteral("reply_to"), replyTo },
             { QStringLiteral("watcher_id"), watcherId },
             { QStringLiteral("run_id"), runId } };
}

Result<void, Error> ChannelService::checkEmail(const EmailMessage &email)
{
    const auto checkAddresses = [](const QStringList &addresses,
                                   const QString &field) -> Result<void, Error> {
        if (addresses.size() > EmailMessage::MaxRecipients)
            return fail(Error::invalid(
                field,
                QStringLiteral("must have at most %1 addresses").arg(EmailMessage::MaxRecipients)));
        for (const QString &address : addresses) {
            if (!isEmailAddress(address))
                return fail(Error::invalid(
                    field, QStringLiteral("\"%1\" is not a mail address").arg(address)));
        }
        return {};
    };
    if (email.to.isEmpty())
        return fail(
            Error::invalid(QStringLiteral("to"), QStringLiteral("must name at least one address")));
    if (auto to = checkAddresses(email.to, QStringLiteral("to")); !to)
        return to;
    if (auto cc = checkAddresses(email.cc, QStringLiteral("cc")); !cc)
        return cc;
    if (auto bcc = checkAddresses(email.bcc, QStringLiteral("bcc")); !bcc)
        return bcc;
    if (!email.replyTo.isEmpty() && !isEmailAddress(email.replyTo))
        return fail(
            Error::invalid(QStringLiteral("reply_to"),
                           QStringLiteral("\"%1\" is not a mail address").arg(email.replyTo)));
    if (email.subject.trimmed().isEmpty() || email.subject.size() > EmailMessage::MaxSubjectChars)
        return fail(Error::invalid(QStringLiteral("subject"),
                                   QStringLiteral("must be a non-empty string of at most %1 "
                                                  "characters")
                                       .arg(EmailMessage::MaxSubjectChars)));
    if (email.text.isEmpty() && email.html.isEmpty())
        return fail(
            Error::invalid(QStringLiteral("text"), QStringLiteral("or html must be given")));
    if (email.text.toUtf8().size() + email.html.toUtf8().size() > lua::RunCaps::MaxEmailBytes)
        return fail(Error::invalid(QStringLiteral("text"),
                                   QStringLiteral("and html together must be at most %1 MB")
                                       .arg(lua::RunCaps::MaxEmailBytes / 1000000)));
    return {};
}

Result<ChannelRecord, Error> ChannelService::emailChannel(const QString &name) const
{
    auto channels = list();
    if (!channels)
        return fail(channels.error());
    QList<ChannelRecord> email;
    for (const ChannelRecord &channel : std::as_const(channels.value())) {
        if (!name.isEmpty() && channel.spec.name == name) {
            if (!channel.spec.email())
                return fail(
                    Error::invalid(QStringLiteral("channel"),
                                   QStringLiteral("\"%1\" is not an email channel").arg(name)));
            return channel;
        }
        if (channel.spec.email())
            email.append(channel);
    }
    if (!name.isEmpty())
        return fail(Error::invalid(QStringLiteral("channel"),
                                   QStringLiteral("there is no channel named \"%1\"").arg(name)));
    if (email.isEmpty())
        return fail(Error { ErrorCode::NotFound,
                            QStringLiteral("not_configured: there is no email channel (add one: "
                                           "hearth channels add NAME email server=… from=… "
                                           "to=…)"),
                            {} });
    if (email.size() == 1)
        return email.constFirst();
    QList<ChannelRecord> defaults;
    QStringList names;
    for (const ChannelRecord &channel : std::as_const(email)) {
        names.append(channel.spec.name);
        if (channel.spec.isDefault)
            defaults.append(channel);
    }
    if (defaults.size() == 1)
        return defaults.constFirst();
    return fail(Error::invalid(QStringLiteral("channel"),
                               QStringLiteral("must name one of the email channels (%1)")
                                   .arg(names.join(QStringLiteral(", ")))));
}

Result<DeliveryRecord, Error> ChannelService::queueEmail(const EmailMessage &email) const
{
    if (auto checked = checkEmail(email); !checked)
        return fail(checked.error());
    auto channel = emailChannel(email.channel);
    if (!channel)
        return fail(channel.error());
    auto queued = m_deliveries.queueMessage(channel->id, email.toJson(),
                                            DeliveryRepository::ChannelPolicy::Apply, nowMs());
    if (!queued)
        return fail(fromStore(queued.error(), ErrorCode::Conflict));
    publishDelivery(QStringLiteral("queued"),
                    { { QStringLiteral("delivery"), events::toApiJson(queued.value()) } });
    return queued.value();
}

Result<QList<DeliveryRecord>, Error> ChannelService::deliveries(const DeliveryFilter &filter,
                                                                bool *more) const
{
    return m_deliveries.list(filter, more).transform_error(&Error::internal);
}

Result<DeliveryRecord, Error> ChannelService::delivery(qint64 id) const
{
    return existing(m_deliveries.get(id), "delivery", id);
}

Result<DeliveryRecord, Error> ChannelService::redrive(qint64 id) const
{
    auto redriven = m_deliveries.redrive(id, nowMs());
    if (!redriven)
        return fail(fromStore(redriven.error(), ErrorCode::Conflict));
    publishDelivery(QStringLiteral("redriven"),
                    { { QStringLiteral("delivery"), events::toApiJson(redriven.value()) } });
    return redriven.value();
}

Result<int, Error> ChannelService::redriveAll(DeliveryStatus status,
                                              std::optional<qint64> channelId) const
{
    if (channelId) {
        if (auto channel = get(*channelId); !channel)
            return fail(channel.error());
    }
    auto redriven = m_deliveries.redriveAll(status, channelId, nowMs());
    if (!redriven)
        return fail(fromStore(redriven.error(), ErrorCode::Conflict));
    publishDelivery(QStringLiteral("redriven"), { { QStringLiteral("count"), redriven.value() } });
    return redriven.value();
}

void ChannelService::afterSave(const ChannelRecord &channel, const QString &action) const
{
    if (channel.spec.webhook())
        ensureSigningSecret(m_secrets, ChannelSpec::signingSecretName(channel.id));
    m_events.publish("channel",
                     { { QStringLiteral("action"), action },
                       { QStringLiteral("channel"), events::toApiJson(channel) } });
}

void ChannelService::publishDelivery(const QString &action, const QJsonObject &data) const
{
    QJsonObject event = data;
    event.insert(QStringLiteral("action"), action);
    m_events.publish("delivery", event);
}

} // namespace hearth::services
