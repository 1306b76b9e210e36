#include "CurlTransfer.h"
#include "Senders.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QStringList>
#include <curl/curl.h>

namespace hearth::delivery {

namespace {

struct Lists
{
    curl_slist *recipients = nullptr;
    curl_slist *headers = nullptr;
    curl_mime *mime = nullptr;
    ~Lists()
    {
        curl_slist_free_all(recipients);
        curl_slist_free_all(headers);
        curl_mime_free(mime);
    }
};

// A header's value on one line: a script's title must not add headers.
QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c == u'\r' || c == u'\n' || c == u'\t')
            c = u' ';
    }
    return line.trimmed();
}

// RFC 2047 encoded words when the text is not plain ASCII, each short
// enough for a header line and cut between characters.
QByteArray headerText(const QString &text)
{
    const QString line = oneLine(text);
    bool ascii = true;
    for (const QChar c : line)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f;
    if (ascii)
        return line.toLatin1();
    QByteArrayList words;
    for (qsizetype at = 0; at < line.size();) {
        qsizetype length = qMin<qsizetype>(15, line.size() - at);
        if (at + length < line.size() && line.at(at + length).isLowSurrogate())
            ++length;
        words.append("=?UTF-8?B?" + line.mid(at, length).toUtf8().toBase64() + "?=");
        at += length;
    }
    return words.join("\r\n ");
}

// Message-ID's left part may not hold ':'.
QByteArray messageId(const QString &key)
{
    QString left = key;
    left.replace(u':', u'.');
    return "<hearth." + left.toLatin1() + "@hearth.invalid>";
}

QString footer(const QJsonObject &message)
{
    const QString watcher = message.value(QStringLiteral("watcher")).toString();
    if (watcher.isEmpty())
        return QStringLiteral("Sent by Hearth.");
    return QStringLiteral("Sent by Hearth for the watcher \"%1\" (run %2).")
        .arg(watcher, message.value(QStringLiteral("run_id")).toString());
}

void addPart(curl_mime *alternative, const QByteArray &content, const char *type)
{
    curl_mimepart *part = curl_mime_addpart(alternative);
    curl_mime_data(part, content.constData(), size_t(content.size()));
    curl_mime_type(part, type);
    curl_mime_encoder(part, "quoted-printable");
}

} // namespace

SendResult sendEmail(const EmailSettings &email, const DeliveryRecord &delivery,
                     const QByteArray &password, const std::atomic<bool> &stopping)
{
    CurlTransfer transfer(stopping);
    CURL *curl = transfer.handle();
    const QString scheme =
        email.security == SmtpSecurity::Tls ? QStringLiteral("smtps") : QStringLiteral("smtp");
    const QByteArray url =
        QStringLiteral("%1://%2:%3").arg(scheme, email.server).arg(email.port).toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     long(email.security == SmtpSecurity::None ? CURLUSESSL_NONE : CURLUSESSL_ALL));
    const QByteArray caFile = QFile::encodeName(email.caFile);
    if (!caFile.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());
    const QByteArray username = email.username.toUtf8();
    if (!username.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, username.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const QByteArray from = '<' + email.from.toUtf8() + '>';
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    Lists lists;
    for (const QString &to : email.to)
        lists.recipients =
            curl_slist_append(lists.recipients, QByteArray('<' + to.toUtf8() + '>').constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, lists.recipients);

    const QJsonObject &message = delivery.message;
    const QString title = message.value(QStringLiteral("title")).toString();
    const QString body = message.value(QStringLiteral("body")).toString();
    const QByteArrayList headers {
        "From: Hearth <" + email.from.toUtf8() + '>',
        "To: " + email.to.join(QStringLiteral(", ")).toUtf8(),
        "Subject: " + headerText(title),
        "Date: " +
            QLocale::c()
                .toString(QDateTime::currentDateTimeUtc(),
                          QStringLiteral("ddd, dd MMM yyyy "
                                         "hh:mm:ss +0000"))
                .toLatin1(),
        "Message-ID: " + messageId(delivery.idempotencyKey),
        "X-Hearth-Delivery: " + delivery.idempotencyKey.toUtf8(),
    };
    for (const QByteArray &header : headers)
        lists.headers = curl_slist_append(lists.headers, header.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, lists.headers);

    // Text and HTML alternatives of the same words.
    lists.mime = curl_mime_init(curl);
    curl_mime *alternative = curl_mime_init(curl);
    const QString text = (body.isEmpty() ? title : body) + QStringLiteral("\r\n\r\n-- \r\n") +
        footer(message) + QStringLiteral("\r\n");
    addPart(alternative, text.toUtf8(), "text/plain; charset=utf-8");
    const QString html =
        QStringLiteral("<html><body><h3>%1</h3><p>%2</p><p style=\"color:#666;"
                       "font-size:small\">%3</p></body></html>\r\n")
            .arg(title.toHtmlEscaped(), body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")),
                 footer(message).toHtmlEscaped());
    addPart(alternative, html.toUtf8(), "text/html; charset=utf-8");
    curl_mimepart *part = curl_mime_addpart(lists.mime);
    curl_mime_subparts(part, alternative);
    curl_mime_type(part, "multipart/alternative");
    curl_slist *disposition = curl_slist_append(nullptr, "Content-Disposition: inline");
    curl_mime_headers(part, disposition, 1);
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, lists.mime);

    if (transfer.perform()) {
        return { AttemptOutcome::Delivered,
                 QStringLiteral("SMTP %1: accepted for %2 recipient(s)")
                     .arg(transfer.responseCode())
                     .arg(email.to.size()),
                 {} };
    }
    // The server's last reply: 5xx refuses for good, 4xx asks to come back.
    const long reply = transfer.responseCode();
    const QString reason = reply > 0
        ? QStringLiteral("SMTP %1: %2").arg(reply).arg(transfer.error())
        : transfer.error();
    if (reply >= 500 && reply < 600)
        return { AttemptOutcome::Failed, reason, {} };
    if (reply >= 400 && reply < 500)
        return { AttemptOutcome::Retry, reason, {} };
    return { transfer.failedTemporarily() ? AttemptOutcome::Retry : AttemptOutcome::Failed,
             reason,
             {} };
}

} // namespace hearth::delivery
