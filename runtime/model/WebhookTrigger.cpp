#include "WebhookTrigger.h"

#include "core/Crypto.h"
#include "core/EnumNames.h"

#include <QRegularExpression>
#include <array>

namespace hearth::scheduler {

namespace {

constexpr std::array<EnumName<WebhookVerification>, 3> VerificationNames { {
    { WebhookVerification::Standard, u"standard" },
    { WebhookVerification::GitHub, u"github" },
    { WebhookVerification::None, u"none" },
} };

} // namespace

QString webhookVerificationName(WebhookVerification verification)
{
    return nameOf(VerificationNames, verification);
}

std::optional<WebhookVerification> webhookVerificationFromName(const QString &name)
{
    return valueOf(VerificationNames, name);
}

Result<WebhookTrigger, FieldError> WebhookTrigger::fromJson(const QJsonValue &json,
                                                            const QString &field)
{
    const QJsonObject trigger = json.toObject();
    if (auto known = onlyKnownFields(trigger, field + u'.', { "webhook" }); !known)
        return fail(known.error());
    const QString webhookField = field + QStringLiteral(".webhook");
    const QJsonValue webhook = trigger.value(QStringLiteral("webhook"));
    if (!webhook.isObject())
        return fail(FieldError { webhookField,
                                 QStringLiteral("must be an object such as {\"verify\": "
                                                "\"standard\"}") });
    const QJsonObject object = webhook.toObject();
    if (auto known = onlyKnownFields(object, webhookField + u'.', { "verify", "token" }); !known)
        return fail(known.error());
    WebhookTrigger parsed;
    const QJsonValue verify = object.value(QStringLiteral("verify"));
    if (!verify.isUndefined()) {
        const auto verification = webhookVerificationFromName(verify.toString());
        if (!verify.isString() || !verification)
            return fail(FieldError { webhookField + QStringLiteral(".verify"),
                                     QStringLiteral("must be one of ") +
                                         allNames(VerificationNames).join(u", ") });
        parsed.verify = *verification;
    }
    const QJsonValue token = object.value(QStringLiteral("token"));
    if (!token.isUndefined() && !token.isNull()) {
        static const QRegularExpression shape(
            QStringLiteral("^[A-Za-z0-9_-]{%1}$").arg(TokenChars));
        parsed.token = token.toString();
        if (!token.isString() || !shape.match(parsed.token).hasMatch())
            return fail(FieldError { webhookField + QStringLiteral(".token"),
                                     QStringLiteral("is made by hearthd; leave it out") });
    }
    return parsed;
}

QJsonObject WebhookTrigger::toJson() const
{
    QJsonObject webhook { { QStringLiteral("verify"), webhookVerificationName(verify) } };
    if (!token.isEmpty())
        webhook.insert(QStringLiteral("token"), token);
    return { { QStringLiteral("webhook"), webhook } };
}

QString WebhookTrigger::newToken()
{
    return QString::fromLatin1(crypto::randomBytes(32).toBase64(QByteArray::Base64UrlEncoding |
                                                                QByteArray::OmitTrailingEquals));
}

QString WebhookTrigger::secretName(qint64 watcherId)
{
    return QStringLiteral("webhook.%1").arg(watcherId);
}

} // namespace hearth::scheduler
