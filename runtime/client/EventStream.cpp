#include "EventStream.h"

#include "RuntimeConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace hearth::client {

EventStream::EventStream(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
}

EventStream::~EventStream()
{
    close();
}

void EventStream::open(qint64 lastEventId)
{
    close();
    m_buffer.clear();
    m_lastEventId = lastEventId;
    QList<QPair<QByteArray, QByteArray>> headers { { "Accept", "text/event-stream" } };
    if (lastEventId > 0)
        headers.append({ "Last-Event-ID", QByteArray::number(lastEventId) });
    m_reply = m_api.send("GET", QStringLiteral("/api/v1/events"), {}, headers);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this]() {
        if (m_reply && m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            emit opened();
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &EventStream::readAvailable);
    connect(m_reply, &QNetworkReply::finished, this, [this]() {
        readAvailable();
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString error;
        if (m_reply->error() != QNetworkReply::NoError)
            error = m_reply->errorString();
        else if (status != 200)
            error = QStringLiteral("the server answered %1").arg(status);
        m_reply->deleteLater();
        m_reply.clear();
        emit ended(error);
    });
}

void EventStream::close()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void EventStream::readAvailable()
{
    if (!m_reply || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    m_buffer += m_reply->readAll();
    for (;;) {
        const qsizetype end = m_buffer.indexOf("\n\n");
        if (end < 0)
            break;
        const QByteArray frame = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        dispatchFrame(frame);
    }
}

void EventStream::dispatchFrame(const QByteArray &frame)
{
    qint64 id = 0;
    QByteArray type = "message";
    QByteArray data;
    for (const QByteArray &line : frame.split('\n')) {
        if (line.startsWith(':'))
            continue; // a comment: the greeting or a heartbeat
        const qsizetype colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (field == "id")
            id = value.toLongLong();
        else if (field == "event")
            type = value;
        else if (field == "data")
            data += data.isEmpty() ? value : '\n' + value;
    }
    if (data.isEmpty() && id == 0)
        return;
    if (id > 0)
        m_lastEventId = id;
    emit received(id, type, data);
}

QString runIdOfEvent(const QByteArray &type, const QByteArray &dataJson)
{
    const QJsonObject event = QJsonDocument::fromJson(dataJson).object();
    if (type == "log")
        return event.value(QStringLiteral("run_id")).toString();
    if (type == "run")
        return event.value(QStringLiteral("run")).toObject().value(QStringLiteral("id")).toString();
    return {};
}

QByteArray eventAsJson(qint64 id, const QByteArray &type, const QByteArray &dataJson)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                       { QStringLiteral("type"), QString::fromUtf8(type) },
                                       { QStringLiteral("data"),
                                         QJsonDocument::fromJson(dataJson).object() } })
        .toJson(QJsonDocument::Compact);
}

} // namespace hearth::client
