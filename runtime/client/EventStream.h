#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace hearth::client {

class ApiClient;

// A reader of GET /api/v1/events (Server-Sent Events) for the CLI and the
// tray: parses frames as they arrive and emits one signal per event.
class EventStream : public QObject
{
    Q_OBJECT
public:
    explicit EventStream(ApiClient &api, QObject *parent = nullptr);
    ~EventStream() override;

    // Opens the stream; with lastEventId > 0 it resumes after that event.
    void open(qint64 lastEventId = 0);
    void close();
    qint64 lastEventId() const { return m_lastEventId; }

signals:
    void opened();
    // type: run, log, notification, watcher; "reset" when the server could
    // not resume (reload whatever state was built from earlier events).
    void received(qint64 id, const QByteArray &type, const QByteArray &dataJson);
    // The stream ended: the server stopped or dropped it, or the connection
    // failed (error says how).
    void ended(const QString &error);

private:
    void readAvailable();
    void dispatchFrame(const QByteArray &frame);

    ApiClient &m_api;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    qint64 m_lastEventId = 0;
};

// The run a "run" or "log" event is about; empty for other events.
QString runIdOfEvent(const QByteArray &type, const QByteArray &dataJson);
// An event as one JSON document: {"id": …, "type": …, "data": {…}}.
QByteArray eventAsJson(qint64 id, const QByteArray &type, const QByteArray &dataJson);

} // namespace hearth::client
