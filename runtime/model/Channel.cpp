#include "Channel.h"

#include "SecretName.h"
#include "core/EnumNames.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>
#include <array>

namespace hearth {

namespace {

constexpr std::array<EnumName<ChannelKind>, 3> KindNames { {
    { ChannelKind::Email, u"email" },
    { ChannelKind::Ntfy, u"ntfy" },
    { ChannelKind::Webhook, u"webhook" },
} };

constexpr std::array<EnumName<SmtpSecurity>, 3> SecurityNames { {
    { SmtpSecurity::StartTls, u"starttls" },
    { SmtpSecurity::Tls, u"tls" },
    { SmtpSecurity::None, u"none" },
} };

FieldError fieldError(const QString &field, const QString &message)
{
    return FieldError { field, message };
}

Result<QString, FieldError> stringField(const QJsonObject &object, const QString &key,
                                        const QString &field, bool required, qsizetype maxChars)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return fail(fieldError(field, QStringLiteral("is required")));
        return QString();
    }
    const QString text = value.toString();
    if (!value.isString() || text.size() > maxChars || (required && text.trimmed().isEmpty()))
        return fail(fieldError(
            field,
            QStringLiteral("must be a non-empty string of at most %1 characters").arg(maxChars)));
    if (const auto problem = invisibleCharacterProblem(text))
        return fail(fieldError(field, *problem));
    return text;
}

Result<QString, FieldError> secretNameField(const QJsonObject &object, const QString &key,
                                            const QString &field)
{
    auto name = stringField(object, key, field, false, 128);
    if (!name)
        return name;
    if (!name->isEmpty() && !secrets::isValidSecretName(name.value()))
        return fail(fieldError(field,
                               QStringLiteral("must be a secret's name "
                                              "([A-Za-z_][A-Za-z0-9_.-]*)")));
    return name;
}

// An http(s) URL with a host, as a channel sends to it.
Result<QString, FieldError> webUrlField(const QJsonObject &object, const QString &key,
                                        const QString &field, const QString &fallback)
{
    auto text = stringField(object, key, field, fallback.isEmpty(), 2000);
    if (!text)
        return text;
    if (text->isEmpty())
        return fallback;
    const QUrl url(text.value(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasFragment())
        return fail(fieldError(field,
                               QStringLiteral("must be an http:// or https:// URL with a "
                                              "host (and no user name or #fragment)")));
    return text;
}

Result<EmailSettings, FieldError> emailFromJson(const QJsonObject &object)
{
    if (auto known = onlyKnownFields(object, QStringLiteral("email."),
                                     { "server", "port", "security", "username", "password_secret",
                                       "from", "to", "ca_file" });
        !known)
        return fail(known.error());
    EmailSettings email;
    auto server =
        stringField(object, QStringLiteral("server"), QStringLiteral("email.server"), true, 253);
    if (!server)
        return fail(server.error());
    static const QRegularExpression hostShape(QStringLiteral("^[A-Za-z0-9.:\\[\\]-]+$"));
    if (!hostShape.match(server.value()).hasMatch())
        return fail(fieldError(QStringLiteral("email.server"),
                               QStringLiteral("must be a host name such as smtp.example.org "
                                              "(no scheme or port)")));
    email.server = server.value();
    const QJsonValue security = object.value(QStringLiteral("security"));
    if (!security.isUndefined()) {
        const auto parsed = valueOf(SecurityNames, security.toString());
        if (!security.isString() || !parsed)
            return fail(fieldError(QStringLiteral("email.security"),
                                   QStringLiteral("must be one of ") +
                                       allNames(SecurityNames).join(u", ")));
        email.security = *parsed;
    }
    const int defaultPort = email.security == SmtpSecurity::StartTls ? 587
        : email.security == SmtpSecurity::Tls                        ? 465
                                                                     : 25;
    auto port = wholeNumberField(object, QStringLiteral("port"), QStringLiteral("email.port"), 1,
                                 65535, defaultPort);
    if (!port)
        return fail(port.error());
    email.port = int(port.value());
    auto username = stringField(object, QStringLiteral("username"),
                                QStringLiteral("email.username"), false, 256);
    if (!username)
        return fail(username.error());
    email.username = username.value();
    auto password = secretNameField(object, QStringLiteral("password_secret"),
                                    QStringLiteral("email.password_secret"));
    if (!password)
        return fail(password.error());
    email.passwordSecret = password.value();
    if (email.passwordSecret.isEmpty() != email.username.isEmpty())
        return fail(fieldError(QStringLiteral("email.password_secret"),
                               QStringLiteral("goes with email.username: give both (a login) "
                                              "or neither")));
    auto from =
        stringField(object, QStringLiteral("from"), QStringLiteral("email.from"), true, 254);
    if (!from)
        return fail(from.error());
    if (!isEmailAddress(from.value()))
        return fail(fieldError(QStringLiteral("email.from"),
                               QStringLiteral("must be a mail address such as me@example.org")));
    email.from = from.value();
    const QJsonValue to = object.value(QStringLiteral("to"));
    const QJsonArray recipients = to.isString() ? QJsonArray { to } : to.toArray();
    if (recipients.isEmpty() || recipients.size() > ChannelSpec::MaxRecipients)
        return fail(fieldError(QStringLiteral("email.to"),
                               QStringLiteral("must be a list of 1 to %1 mail addresses")
                                   .arg(ChannelSpec::MaxRecipients)));
    for (qsizetype i = 0; i < recipients.size(); ++i) {
        if (!isEmailAddress(recipients.at(i).toString()))
            return fail(fieldError(QStringLiteral("email.to[%1]").arg(i),
                                   QStringLiteral("must be a mail address such as "
                                                  "me@example.org")));
        email.to.append(recipients.at(i).toString());
    }
    auto caFile = stringField(object, QStringLiteral("ca_file"), QStringLiteral("email.ca_file"),
                              false, 4096);
    if (!caFile)
        return fail(caFile.error());
    if (!caFile->isEmpty() && !QDir::isAbsolutePath(caFile.value()))
        return fail(fieldError(QStringLiteral("email.ca_file"),
                               QStringLiteral("must be an absolute path to a PEM file")));
    email.caFile = caFile.value();
    return email;
}

Result<NtfySettings, FieldError> ntfyFromJson(const QJsonObject &object)
{
    if (auto known = onlyKnownFields(object, QStringLiteral("ntfy."),
                                     { "server", "topic", "priority", "token_secret" });
        !known)
        return fail(known.error());
    NtfySettings ntfy;
    auto server =
        webUrlField(object, QStringLiteral("server"), QStringLiteral("ntfy.server"), ntfy.server);
    if (!server)
        return fail(server.error());
    ntfy.server = server.value();
    const QJsonValue topic = object.value(QStringLiteral("topic"));
    static const QRegularExpression topicShape(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!topicShape.match(topic.toString()).hasMatch())
        return fail(fieldError(QStringLiteral("ntfy.topic"),
                               QStringLiteral("must be 1 to 64 letters, digits, - or _")));
    ntfy.topic = topic.toString();
    auto priority = wholeNumberField(object, QStringLiteral("priority"),
                                     QStringLiteral("ntfy.priority"), 1, 5, ntfy.priority);
    if (!priority)
        return fail(priority.error());
    ntfy.priority = int(priority.value());
    auto token = secretNameField(object, QStringLiteral("token_secret"),
                                 QStringLiteral("ntfy.token_secret"));
    if (!token)
        return fail(token.error());
    ntfy.tokenSecret = token.value();
    return ntfy;
}

Result<WebhookSettings, FieldError> webhookFromJson(const QJsonObject &object)
{
    if (auto known = onlyKnownFields(object, QStringLiteral("webhook."), { "url" }); !known)
        return fail(known.error());
    auto url = webUrlField(object, QStringLiteral("url"), QStringLiteral("webhook.url"), {});
    if (!url)
        return fail(url.error());
    return WebhookSettings { url.value() };
}

Result<bool, FieldError> boolField(const QJsonObject &object, const QString &key, bool fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isBool())
        return fail(fieldError(key, QStringLiteral("must be true or false")));
    return value.toBool();
}

} // namespace

QString channelKindName(ChannelKind kind)
{
    return nameOf(KindNames, kind);
}

std::optional<ChannelKind> channelKindFromName(const QString &name)
{
    return valueOf(KindNames, name);
}

bool isEmailAddress(const QString &address)
{
    static const QRegularExpression shape(
        QStringLiteral("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                       "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                       "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    return address.size() <= 254 && address.indexOf(u'@') <= 64 && shape.match(address).hasMatch();
}

qint64 DeliveryRetry::delayMs(int attemptsMade) const
{
    qint64 delayS = baseS;
    for (int i = 1; i < attemptsMade && delayS < maxS; ++i)
        delayS *= 2;
    return qMin<qint64>(delayS, maxS) * 1000;
}

ChannelKind ChannelSpec::kind() const
{
    if (email())
        return ChannelKind::Email;
    if (ntfy())
        return ChannelKind::Ntfy;
    return ChannelKind::Webhook;
}

Result<ChannelSpec, FieldError> ChannelSpec::fromJson(const QJsonObject &json)
{
    if (auto known = onlyKnownFields(json, QString(),
                                     { "name", "email", "ntfy", "webhook", "default", "muted",
                                       "cooldown_s", "daily_budget", "retry", "digest", "id",
                                       "kind", "created_at", "updated_at" });
        !known)
        return fail(known.error());
    ChannelSpec spec;
    auto name =
        stringField(json, QStringLiteral("name"), QStringLiteral("name"), true, MaxNameChars);
    if (!name)
        return fail(name.error());
    spec.name = name.value().trimmed();
    int kinds = 0;
    for (const char *key : { "email", "ntfy", "webhook" })
        kinds += json.contains(QLatin1StringView(key)) ? 1 : 0;
    if (kinds != 1)
        return fail(fieldError(QStringLiteral("kind"),
                               QStringLiteral("a channel has exactly one of email, ntfy or "
                                              "webhook (an object with its settings)")));
    // `kind` is in answers; given back, it must agree with the settings.
    for (const ChannelKind kind : { ChannelKind::Email, ChannelKind::Ntfy, ChannelKind::Webhook }) {
        const QString key = channelKindName(kind);
        if (!json.contains(key))
            continue;
        if (!json.value(key).isObject())
            return fail(fieldError(key, QStringLiteral("must be an object")));
        const QJsonValue given = json.value(QStringLiteral("kind"));
        if (!given.isUndefined() && given.toString() != key)
            return fail(fieldError(QStringLiteral("kind"),
                                   QStringLiteral("is told by the settings' key (%1)").arg(key)));
        const QJsonObject settings = json.value(key).toObject();
        if (kind == ChannelKind::Email) {
            auto parsed = emailFromJson(settings);
            if (!parsed)
                return fail(parsed.error());
            spec.settings = parsed.value();
        } else if (kind == ChannelKind::Ntfy) {
            auto parsed = ntfyFromJson(settings);
            if (!parsed)
                return fail(parsed.error());
            spec.settings = parsed.value();
        } else {
            auto parsed = webhookFromJson(settings);
            if (!parsed)
                return fail(parsed.error());
            spec.settings = parsed.value();
        }
    }
    auto isDefault = boolField(json, QStringLiteral("default"), false);
    if (!isDefault)
        return fail(isDefault.error());
    spec.isDefault = isDefault.value();
    auto muted = boolField(json, QStringLiteral("muted"), false);
    if (!muted)
        return fail(muted.error());
    spec.muted = muted.value();
    auto cooldown = wholeNumberField(json, QStringLiteral("cooldown_s"),
                                     QStringLiteral("cooldown_s"), 0, 7 * 86400, 0);
    if (!cooldown)
        return fail(cooldown.error());
    spec.cooldownS = int(cooldown.value());
    if (!json.value(QStringLiteral("daily_budget")).isNull()) {
        auto budget = wholeNumberField(json, QStringLiteral("daily_budget"),
                                       QStringLiteral("daily_budget"), 1, 100000, 0);
        if (!budget)
            return fail(budget.error());
        if (budget.value() > 0)
            spec.dailyBudget = int(budget.value());
    }
    const QJsonValue retry = json.value(QStringLiteral("retry"));
    if (!retry.isUndefined()) {
        if (!retry.isObject())
            return fail(fieldError(QStringLiteral("retry"), QStringLiteral("must be an object")));
        const QJsonObject object = retry.toObject();
        if (auto known = onlyKnownFields(object, QStringLiteral("retry."),
                                         { "max_attempts", "base_s", "max_s" });
            !known)
            return fail(known.error());
        auto attempts =
            wholeNumberField(object, QStringLiteral("max_attempts"),
                             QStringLiteral("retry.max_attempts"), 1, 50, spec.retry.maxAttempts);
        if (!attempts)
            return fail(attempts.error());
        auto base = wholeNumberField(object, QStringLiteral("base_s"),
                                     QStringLiteral("retry.base_s"), 1, 86400, spec.retry.baseS);
        if (!base)
            return fail(base.error());
        auto max =
            wholeNumberField(object, QStringLiteral("max_s"), QStringLiteral("retry.max_s"),
                             base.value(), 7 * 86400, qMax<qint64>(base.value(), spec.retry.maxS));
        if (!max)
            return fail(max.error());
        spec.retry = { int(attempts.value()), int(base.value()), int(max.value()) };
    }
    const QJsonValue digest = json.value(QStringLiteral("digest"));
    if (!digest.isUndefined() && !digest.isNull()) {
        auto parsed = Digest::fromJson(digest);
        if (!parsed)
            return fail(parsed.error());
        spec.digest = parsed.value();
    }
    return spec;
}

QJsonObject ChannelSpec::toJson() const
{
    QJsonObject settingsJson;
    if (const EmailSettings *mail = email()) {
        settingsJson = { { QStringLiteral("server"), mail->server },
                         { QStringLiteral("port"), mail->port },
                         { QStringLiteral("security"), nameOf(SecurityNames, mail->security) },
                         { QStringLiteral("from"), mail->from },
                         { QStringLiteral("to"), QJsonArray::fromStringList(mail->to) } };
        if (!mail->caFile.isEmpty())
            settingsJson.insert(QStringLiteral("ca_file"), mail->caFile);
        if (!mail->username.isEmpty()) {
            settingsJson.insert(QStringLiteral("username"), mail->username);
            settingsJson.insert(QStringLiteral("password_secret"), mail->passwordSecret);
        }
    } else if (const NtfySettings *push = ntfy()) {
        settingsJson = { { QStringLiteral("server"), push->server },
                         { QStringLiteral("topic"), push->topic },
                         { QStringLiteral("priority"), push->priority } };
        if (!push->tokenSecret.isEmpty())
            settingsJson.insert(QStringLiteral("token_secret"), push->tokenSecret);
    } else {
        settingsJson = { { QStringLiteral("url"), webhook()->url } };
    }
    return { { QStringLiteral("name"), name },
             { QStringLiteral("kind"), channelKindName(kind()) },
             { channelKindName(kind()), settingsJson },
             { QStringLiteral("default"), isDefault },
             { QStringLiteral("muted"), muted },
             { QStringLiteral("cooldown_s"), cooldownS },
             { QStringLiteral("daily_budget"),
               dailyBudget ? QJsonValue(*dailyBudget) : QJsonValue(QJsonValue::Null) },
             { QStringLiteral("retry"),
               QJsonObject { { QStringLiteral("max_attempts"), retry.maxAttempts },
                             { QStringLiteral("base_s"), retry.baseS },
                             { QStringLiteral("max_s"), retry.maxS } } },
             { QStringLiteral("digest"),
               digest ? QJsonValue(digest->toJson()) : QJsonValue(QJsonValue::Null) } };
}

QStringList ChannelSpec::secretNames() const
{
    if (const EmailSettings *mail = email(); mail && !mail->passwordSecret.isEmpty())
        return { mail->passwordSecret };
    if (const NtfySettings *push = ntfy(); push && !push->tokenSecret.isEmpty())
        return { push->tokenSecret };
    return {};
}

qint64 Digest::nextEndAfter(qint64 msSinceEpoch) const
{
    const QTimeZone timeZone =
        zone.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(zone.toUtf8());
    const QDateTime after = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, timeZone);
    if (period == Period::Hourly) {
        // The next full hour of the zone's clock (zones a half hour off UTC
        // end their hours on the half hour).
        QDateTime end(after.date(), QTime(after.time().hour(), 0), timeZone);
        while (end.toMSecsSinceEpoch() <= msSinceEpoch)
            end = end.addSecs(3600);
        return end.toMSecsSinceEpoch();
    }
    // Today's `at`, or the next day's; a time a clock change skips is
    // taken as Qt places it (after the gap).
    for (QDate day = after.date();; day = day.addDays(1)) {
        const QDateTime end(day, at, timeZone);
        if (end.toMSecsSinceEpoch() > msSinceEpoch)
            return end.toMSecsSinceEpoch();
    }
}

Result<Digest, FieldError> Digest::fromJson(const QJsonValue &json)
{
    const QJsonObject object = json.toObject();
    if (!json.isObject())
        return fail(fieldError(QStringLiteral("digest"),
                               QStringLiteral("must be {\"every\": \"hour\"} or {\"every\": "
                                              "\"day\", \"at\": \"08:00\", \"tz\": …}")));
    if (auto known = onlyKnownFields(object, QStringLiteral("digest."), { "every", "at", "tz" });
        !known)
        return fail(known.error());
    Digest digest;
    const QString every = object.value(QStringLiteral("every")).toString();
    if (every == u"hour") {
        digest.period = Period::Hourly;
        if (object.contains(QStringLiteral("at")))
            return fail(fieldError(QStringLiteral("digest.at"),
                                   QStringLiteral("is for daily digests only")));
    } else if (every == u"day") {
        digest.period = Period::Daily;
        const QString at = object.value(QStringLiteral("at")).toString();
        digest.at = QTime::fromString(
            at, at.size() == 5 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
        if (!digest.at.isValid())
            return fail(fieldError(QStringLiteral("digest.at"),
                                   QStringLiteral("must be a time of day such as \"08:00\"")));
    } else {
        return fail(
            fieldError(QStringLiteral("digest.every"), QStringLiteral("must be hour or day")));
    }
    const QJsonValue tz = object.value(QStringLiteral("tz"));
    if (!tz.isUndefined() && !tz.isNull()) {
        if (!tz.isString() || !QTimeZone(tz.toString().toUtf8()).isValid())
            return fail(fieldError(QStringLiteral("digest.tz"),
                                   QStringLiteral("must be a time zone such as Europe/Berlin")));
        digest.zone = tz.toString();
    }
    return digest;
}

QJsonObject Digest::toJson() const
{
    QJsonObject json { { QStringLiteral("every"),
                         period == Period::Hourly ? QStringLiteral("hour")
                                                  : QStringLiteral("day") } };
    if (period == Period::Daily)
        json.insert(
            QStringLiteral("at"),
            at.toString(at.second() == 0 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss")));
    if (!zone.isEmpty())
        json.insert(QStringLiteral("tz"), zone);
    return json;
}

QString ChannelSpec::signingSecretName(qint64 channelId)
{
    return QStringLiteral("channel.%1").arg(channelId);
}

} // namespace hearth
