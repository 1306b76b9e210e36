#include "CurlTransfer.h"
#include "Senders.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
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

void addPart(curl_mime *mime, const QByteArray &content, const char *type)
{
    curl_mimepart *part = curl_mime_addpart(mime);
    curl_mime_data(part, content.constData(), size_t(content.size()));
    curl_mime_type(part, type);
    curl_mime_encoder(part, "quoted-printable");
}

// What one email says and to whom.
struct MailContent
{
    QStringList to;
    QStringList cc;
    QStringList bcc;
    QString replyTo;
    QString subject;
    QString text;
    QString html;
};

QStringList listOf(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

// A script's email (email.send) as it asked; a notification to the
// channel's recipients, its title as the subject, its body as text and as
// escaped HTML, with a line saying where it comes from.
MailContent contentOf(const EmailSettings &email, const QJsonObject &message)
{
    const QString title = message.value(QStringLiteral("title")).toString();
    if (message.value(QStringLiteral("kind")).toString() == u"email")
        return { listOf(message.value(QStringLiteral("to"))),
                 listOf(message.value(QStringLiteral("cc"))),
                 listOf(message.value(QStringLiteral("bcc"))),
                 message.value(QStringLiteral("reply_to")).toString(),
                 title,
                 message.value(QStringLiteral("text")).toString(),
                 message.value(QStringLiteral("html")).toString() };
    const QString body = message.value(QStringLiteral("body")).toString();
    const QString text = (body.isEmpty() ? title : body) + QStringLiteral("\r\n\r\n-- \r\n") +
        footer(message) + QStringLiteral("\r\n");
    const QString html =
        QStringLiteral("<html><body><h3>%1</h3><p>%2</p><p style=\"color:#666;"
                       "font-size:small\">%3</p></body></html>\r\n")
            .arg(title.toHtmlEscaped(), body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")),
                 footer(message).toHtmlEscaped());
    return { email.to, {}, {}, {}, title, text, html };
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
    const MailContent content = contentOf(email, delivery.message);
    const QByteArray from = '<' + email.from.toUtf8() + '>';
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    Lists lists;
    for (const QString &to : content.to + content.cc + content.bcc)
        lists.recipients =
            curl_slist_append(lists.recipients, QByteArray('<' + to.toUtf8() + '>').constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, lists.recipients);

    QByteArrayList headers {
        "From: Hearth <" + email.from.toUtf8() + '>',
        "To: " + content.to.join(QStringLiteral(", ")).toUtf8(),
        "Subject: " + headerText(content.subject),
        "Date: " +
            QLocale::c()
                .toString(QDateTime::currentDateTimeUtc(),
                          QStringLiteral("ddd, dd MMM yyyy "
                                         "hh:mm:ss +0000"))
                .toLatin1(),
        "Message-ID: " + messageId(delivery.idempotencyKey),
        "X-Hearth-Delivery: " + delivery.idempotencyKey.toUtf8(),
    };
    // Bcc recipients are in the envelope only.
    if (!content.cc.isEmpty())
        headers.append("Cc: " + content.cc.join(QStringLiteral(", ")).toUtf8());
    if (!content.replyTo.isEmpty())
        headers.append("Reply-To: " + content.replyTo.toUtf8());
    for (const QByteArray &header : headers)
        lists.headers = curl_slist_append(lists.headers, header.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, lists.headers);

    // Text and HTML as alternatives of each other, or the one there is.
    lists.mime = curl_mime_init(curl);
    const QByteArray textType = "text/plain; charset=utf-8";
    const QByteArray htmlType = "text/html; charset=utf-8";
    if (content.html.isEmpty()) {
        addPart(lists.mime, content.text.toUtf8(), textType.constData());
    } else if (content.text.isEmpty()) {
        addPart(lists.mime, content.html.toUtf8(), htmlType.constData());
    } else {
        curl_mime *alternative = curl_mime_init(curl);
        addPart(alternative, content.text.toUtf8(), textType.constData());
        addPart(alternative, content.html.toUtf8(), htmlType.constData());
        curl_mimepart *part = curl_mime_addpart(lists.mime);
        curl_mime_subparts(part, alternative);
        curl_mime_type(part, "multipart/alternative");
        curl_slist *disposition = curl_slist_append(nullptr, "Content-Disposition: inline");
        curl_mime_headers(part, disposition, 1);
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, lists.mime);

    if (transfer.perform()) {
        return { AttemptOutcome::Delivered,
                 QStringLiteral("SMTP %1: accepted for %2 recipient(s)")
                     .arg(transfer.responseCode())
                     .arg(content.to.size() + content.cc.size() + content.bcc.size()),
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
