#pragma once

#include "client/EventStream.h"
#include "client/RuntimeConnection.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace hearth::ui {

// The window's and the tray's connection to one verified runtime: the API
// client, the live event stream (reconnected with Last-Event-ID, the proof
// checked again first) and asynchronous JSON calls that never block the UI.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(const client::RuntimeInfo &runtime, QObject *parent = nullptr);
    ~Session() override;

    client::ApiClient &api() { return *m_api; }
    const client::RuntimeInfo &runtime() const { return m_runtime; }
    bool isLive() const { return m_live; }

    using Callback = std::function<void(const client::ApiReply &)>;
    // `done` runs on `context` (skipped if it is gone by then).
    void request(const QByteArray &method, const QString &path, const QJsonObject &body,
                 QObject *context, Callback done);
    void get(const QString &path, QObject *context, Callback done)
    {
        request("GET", path, {}, context, std::move(done));
    }

    // Opens the event stream (once; reconnects by itself after that).
    void open();

signals:
    // type: run, log, notification, watcher; data: the event's JSON.
    void eventReceived(const QByteArray &type, const QJsonObject &data);
    // The stream could not resume: reload everything.
    void resetNeeded();
    // live: events are flowing; otherwise reconnecting (message says why).
    void liveChanged(bool live, const QString &message);
    // Reconnecting found nothing there (the runtime is gone).
    void runtimeGone(const QString &reason);

private:
    void reconnect();

    client::RuntimeInfo m_runtime;
    std::unique_ptr<client::ApiClient> m_api;
    std::unique_ptr<client::EventStream> m_stream;
    QTimer m_reconnectTimer;
    int m_failedReconnects = 0;
    bool m_live = false;
};

} // namespace hearth::ui
