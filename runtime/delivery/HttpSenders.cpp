#include "CurlTransfer.h"
#include "Senders.h"
#include "core/Crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <curl/curl.h>
#include <memory>

namespace hearth::delivery {

namespace {

struct HeaderList
{
    curl_slist *list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void add(const QByteArray &header) { list = curl_slist_append(list, header.constData()); }
};

QString describeAnswer(const CurlTransfer &transfer)
{
    return QStringLiteral("HTTP %1: %2")
        .arg(transfer.responseCode())
        .arg(QString::fromUtf8(transfer.response()).trimmed().left(500));
}

// POSTs `body` as JSON with `headers`; the outcome from the status.
SendResult postJson(const QString &url, const QByteArray &body, HeaderList &headers,
                    const std::atomic<bool> &stopping)
{
    CurlTransfer transfer(stopping);
    const QByteArray target = url.toUtf8();
    headers.add("Content-Type: application/json");
    curl_easy_setopt(transfer.handle(), CURLOPT_URL, target.constData());
    curl_easy_setopt(transfer.handle(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(transfer.handle(), CURLOPT_POST, 1L);
    curl_easy_setopt(transfer.handle(), CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(transfer.handle(), CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(transfer.handle(), CURLOPT_HTTPHEADER, headers.list);
    if (!transfer.perform())
        return { transfer.failedTemporarily() ? AttemptOutcome::Retry : AttemptOutcome::Failed,
                 transfer.error(),
                 {} };
    SendResult result { outcomeOfHttpStatus(transfer.responseCode()),
                        describeAnswer(transfer),
                        {} };
    if (result.outcome == AttemptOutcome::Delivered) {
        // ntfy answers with the message it stored ({"id": …}).
        const QJsonObject answer = QJsonDocument::fromJson(transfer.response()).object();
        result.remoteId = answer.value(QStringLiteral("id")).toString();
    }
    return result;
}

} // namespace

AttemptOutcome outcomeOfHttpStatus(long status)
{
    if (status >= 200 && status < 300)
        return AttemptOutcome::Delivered;
    if (status == 408 || status == 425 || status == 429 || status >= 500)
        return AttemptOutcome::Retry;
    return AttemptOutcome::Failed;
}

SendResult sendNtfy(const NtfySettings &ntfy, const DeliveryRecord &delivery,
                    const QByteArray &token, const std::atomic<bool> &stopping)
{
    // ntfy's JSON publishing: POST to the server's root with the topic in
    // the body (UTF-8 titles need no header encoding).
    const QJsonObject message = delivery.message;
    QJsonObject body { { QStringLiteral("topic"), ntfy.topic },
                       { QStringLiteral("title"), message.value(QStringLiteral("title")) },
                       { QStringLiteral("message"), message.value(QStringLiteral("body")) },
                       { QStringLiteral("priority"), ntfy.priority } };
    const QString level = message.value(QStringLiteral("level")).toString();
    if (level == u"warning" || level == u"error")
        body.insert(QStringLiteral("tags"),
                    QJsonArray { level == u"error" ? QStringLiteral("rotating_light")
                                                   : QStringLiteral("warning") });
    if (body.value(QStringLiteral("message")).toString().isEmpty())
        body.insert(QStringLiteral("message"), message.value(QStringLiteral("title")));
    HeaderList headers;
    headers.add("X-Hearth-Delivery: " + delivery.idempotencyKey.toUtf8());
    if (!token.isEmpty())
        headers.add("Authorization: Bearer " + token);
    QString server = ntfy.server;
    while (server.endsWith(u'/'))
        server.chop(1);
    return postJson(server + u'/', QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                    stopping);
}

SendResult sendWebhook(const WebhookSettings &webhook, const DeliveryRecord &delivery,
                       const QByteArray &signingSecret, const std::atomic<bool> &stopping)
{
    // Standard Webhooks: the id is the delivery's idempotency key, the same
    // on every attempt, so that a receiver drops a retry it already took.
    // The type: a notification, a digest of them, or a channel's test.
    const QString kind = delivery.message.value(QStringLiteral("kind")).toString();
    const QString type = !kind.isEmpty() ? kind
        : delivery.notificationId        ? QStringLiteral("notification")
                                         : QStringLiteral("test");
    const QByteArray body =
        QJsonDocument(QJsonObject {
                          { QStringLiteral("type"), type },
                          { QStringLiteral("timestamp"),
                            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
                          { QStringLiteral("data"), delivery.message },
                      })
            .toJson(QJsonDocument::Compact);
    const QByteArray id = delivery.idempotencyKey.toUtf8();
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray key = signingSecret.startsWith("whsec_")
        ? QByteArray::fromBase64(signingSecret.mid(6))
        : signingSecret;
    const QByteArray signature =
        crypto::hmacSha256(key, QByteArray(id + '.' + timestamp + '.' + body)).toBase64();
    HeaderList headers;
    headers.add("webhook-id: " + id);
    headers.add("webhook-timestamp: " + timestamp);
    headers.add("webhook-signature: v1," + signature);
    return postJson(webhook.url, body, headers, stopping);
}

} // namespace hearth::delivery
