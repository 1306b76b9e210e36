#include "Session.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>

namespace hearth::ui {

namespace {
constexpr int RequestTimeoutMs = 30000;
// A runtime that refuses this many reconnects in a row has gone away.
constexpr int ReconnectsBeforeGone = 5;
} // namespace

Session::Session(const client::RuntimeInfo &runtime, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_api(
          std::make_unique<client::ApiClient>(runtime.baseUrl(), QByteArrayLiteral("hearth-tray")))
    , m_stream(std::make_unique<client::EventStream>(*m_api))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Session::reconnect);
    connect(m_stream.get(), &client::EventStream::opened, this, [this]() {
        m_failedReconnects = 0;
        m_live = true;
        emit liveChanged(true, {});
    });
    connect(m_stream.get(), &client::EventStream::received, this,
            [this](qint64, const QByteArray &type, const QByteArray &data) {
                if (type == "reset") {
                    emit resetNeeded();
                    return;
                }
                emit eventReceived(type, QJsonDocument::fromJson(data).object());
            });
    connect(m_stream.get(), &client::EventStream::ended, this, [this](const QString &error) {
        m_live = false;
        emit liveChanged(false,
                         error.isEmpty() ? tr("the runtime closed the event stream") : error);
        // Back off 0.5 s, 1 s, 2 s … up to 5 s between attempts.
        m_reconnectTimer.start(qMin(5000, 500 << qMin(m_failedReconnects, 4)));
    });
}

Session::~Session()
{
    m_reconnectTimer.stop();
    m_stream->close();
}

void Session::open()
{
    m_stream->open();
}

void Session::reconnect()
{
    // Whatever now answers on the port proves itself again before it is sent
    // anything: the runtime may have been replaced by a squatter.
    m_api->verifyIdentityAsync(m_runtime, this, [this](Result<void, client::ConnectError> result) {
        if (result) {
            m_stream->open(m_stream->lastEventId());
            return;
        }
        ++m_failedReconnects;
        if (result.error().kind == client::ConnectError::Kind::Unverifiable ||
            m_failedReconnects >= ReconnectsBeforeGone) {
            emit runtimeGone(result.error().message);
            return;
        }
        emit liveChanged(false, result.error().message);
        m_reconnectTimer.start(qMin(5000, 500 << qMin(m_failedReconnects, 4)));
    });
}

void Session::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                      QObject *context, Callback done)
{
    const QByteArray json =
        method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_api->send(method, path, json);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(RequestTimeoutMs);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, guard, done = std::move(done)]() {
        const client::ApiReply result =
            client::ApiClient::replyOf(reply, !timer->isActive(), RequestTimeoutMs);
        reply->deleteLater();
        if (guard && done)
            done(result);
    });
}

} // namespace hearth::ui
