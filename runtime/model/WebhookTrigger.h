#pragma once

#include "core/Result.h"
#include "core/Validation.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace hearth::scheduler {

// How a webhook delivery proves that it comes from whoever holds the
// watcher's signing secret.
enum class WebhookVerification {
    // Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature
    // ("v1,<base64 HMAC-SHA256 of id.timestamp.body>"), within 5 minutes.
    Standard,
    // GitHub: X-Hub-Signature-256 ("sha256=<hex HMAC-SHA256 of the body>").
    GitHub,
    // Nothing: anyone who knows the URL may start the watcher. Only when
    // the watcher says so.
    None,
};
// The API's spelling ("standard", "github", "none") and back.
QString webhookVerificationName(WebhookVerification verification);
std::optional<WebhookVerification> webhookVerificationFromName(const QString &name);

// A watcher that starts when a webhook is delivered to its URL on hearthd's
// webhook listener (off unless hearthd runs with --webhooks-listen):
//   {"webhook": {"verify": "standard"}}
// hearthd makes the URL's token (unguessable, 256 bits) when the watcher
// is saved and keeps it across edits; the signing secret is the secret
// named secretName() in the secret store.
struct WebhookTrigger
{
    static constexpr qsizetype TokenChars = 43; // 32 bytes, base64url without padding

    WebhookVerification verify = WebhookVerification::Standard;
    QString token; // empty until hearthd makes it

    // `field` prefixes error fields ("trigger" → "trigger.webhook.verify").
    // A token may only be given back as it is (checked by whoever knows the
    // stored one); its shape is checked here.
    static Result<WebhookTrigger, FieldError>
    fromJson(const QJsonValue &json, const QString &field = QStringLiteral("trigger"));
    QJsonObject toJson() const;

    // A new token: 32 random bytes, base64url.
    static QString newToken();
    // The path of the watcher's URL on the listener.
    QString path() const { return QStringLiteral("/hooks/") + token; }
    // The secret store's name for a watcher's signing secret.
    static QString secretName(qint64 watcherId);

    bool operator==(const WebhookTrigger &other) const = default;
};

} // namespace hearth::scheduler
