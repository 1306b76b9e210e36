#pragma once

#include "core/Result.h"
#include "core/Validation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>
#include <optional>
#include <variant>

namespace hearth {

// Where a channel sends: the kind is told by the settings' key in the API.
enum class ChannelKind { Email, Ntfy, Webhook };
QString channelKindName(ChannelKind kind);
std::optional<ChannelKind> channelKindFromName(const QString &name);

// How the SMTP connection is protected: STARTTLS after connecting (587),
// TLS from the first byte (465), or nothing (25; a relay on this computer).
enum class SmtpSecurity { StartTls, Tls, None };

// A mail address as a person types it into To/Cc ("me@example.org"): a
// dot-atom local part, a host name with a dot or an IP literal-free
// domain, no spaces or line breaks, at most 254 characters.
bool isEmailAddress(const QString &address);

struct EmailSettings
{
    QString server; // host name
    int port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    QString username; // empty: no login
    QString passwordSecret; // the secret holding the password
    QString from;
    QStringList to;
    // A PEM file of the certificate authorities to trust instead of the
    // system's (a relay at home with its own certificate); absolute.
    QString caFile;

    bool operator==(const EmailSettings &) const = default;
};

struct NtfySettings
{
    QString server = QStringLiteral("https://ntfy.sh");
    QString topic;
    int priority = 3; // ntfy's 1 (min) to 5 (max)
    QString tokenSecret; // the secret holding an access token, if the topic needs one

    bool operator==(const NtfySettings &) const = default;
};

// JSON POSTed to `url`, signed with Standard Webhooks using the secret
// ChannelSpec::signingSecretName(id), which hearthd makes.
struct WebhookSettings
{
    QString url;

    bool operator==(const WebhookSettings &) const = default;
};

// Retries of a delivery that could not be made: `maxAttempts` in all,
// waiting baseS, 2·baseS, 4·baseS … (at most maxS) between them.
struct DeliveryRetry
{
    int maxAttempts = 8;
    int baseS = 30;
    int maxS = 3600;

    // The wait after `attemptsMade` attempts failed.
    qint64 delayMs(int attemptsMade) const;
    bool operator==(const DeliveryRetry &) const = default;
};

// A channel's notifications gathered into one message per period: every
// hour (on the hour in the zone), or every day at a time in a zone.
struct Digest
{
    enum class Period { Hourly, Daily };
    Period period = Period::Hourly;
    QTime at; // Daily: the time of day ("08:00", or to the second)
    QString zone; // IANA name; empty: the system's

    // The first end of a period strictly after `msSinceEpoch`.
    qint64 nextEndAfter(qint64 msSinceEpoch) const;
    static Result<Digest, FieldError> fromJson(const QJsonValue &json);
    QJsonObject toJson() const;
    bool operator==(const Digest &) const = default;
};

// A channel as the API takes and shows it:
//   {"name": "phone", "ntfy": {"topic": "…"}, "default": true,
//    "muted": false, "cooldown_s": 0, "daily_budget": 50,
//    "retry": {"max_attempts": 8, "base_s": 30, "max_s": 3600}}
struct ChannelSpec
{
    static constexpr qsizetype MaxNameChars = 64;
    static constexpr int MaxRecipients = 50;

    QString name;
    std::variant<EmailSettings, NtfySettings, WebhookSettings> settings;
    // Default channels get the notifications of watchers that name none.
    bool isDefault = false;
    bool muted = false;
    int cooldownS = 0;
    std::optional<int> dailyBudget;
    DeliveryRetry retry;
    std::optional<Digest> digest; // none: each notification on its own

    ChannelKind kind() const;
    const EmailSettings *email() const { return std::get_if<EmailSettings>(&settings); }
    const NtfySettings *ntfy() const { return std::get_if<NtfySettings>(&settings); }
    const WebhookSettings *webhook() const { return std::get_if<WebhookSettings>(&settings); }

    // Errors name the field ("ntfy.topic").
    static Result<ChannelSpec, FieldError> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    // The secrets its deliveries read (password, token), by name.
    QStringList secretNames() const;
    // The secret store's name for a webhook channel's signing secret.
    static QString signingSecretName(qint64 channelId);

    bool operator==(const ChannelSpec &) const = default;
};

} // namespace hearth
