#include "RuntimeConnection.h"

#include "core/Crypto.h"
#include "core/Paths.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace hearth::client {

QUrl RuntimeInfo::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    return url;
}

Result<RuntimeInfo, ConnectError> readRuntimeFile(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QString::fromUtf16(datadir::RuntimeFile));
    QFile file(path);
    if (!file.exists()) {
        return fail(ConnectError { ConnectError::Kind::NotRunning,
                                   QStringLiteral("Hearth is not running for %1 (no %2); start "
                                                  "it with hearthd")
                                       .arg(dataDir, QString::fromUtf16(datadir::RuntimeFile)) });
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            ConnectError { ConnectError::Kind::Invalid,
                           QStringLiteral("cannot read %1: %2").arg(path, file.errorString()) });
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    RuntimeInfo info;
    info.host = json.value(QStringLiteral("host")).toString(QStringLiteral("127.0.0.1"));
    const int port = json.value(QStringLiteral("port")).toInt(-1);
    info.pid = json.value(QStringLiteral("pid")).toInteger();
    info.instanceId = json.value(QStringLiteral("instance_id")).toString();
    info.proofKey =
        QByteArray::fromHex(json.value(QStringLiteral("proof_key")).toString().toLatin1());
    if (port <= 0 || port > 65535 || info.proofKey.size() != 32) {
        return fail(ConnectError {
            ConnectError::Kind::Invalid,
            QStringLiteral("%1 is damaged (no valid port or proof key)").arg(path) });
    }
    info.port = quint16(port);
    return info;
}

QString ApiReply::errorCode() const
{
    if (!unexpectedAnswer.isEmpty())
        return QStringLiteral("unexpected_answer");
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    return error.value(QStringLiteral("code")).toString();
}

QString ApiReply::errorMessage() const
{
    if (status == 0)
        return transportError;
    if (!unexpectedAnswer.isEmpty())
        return unexpectedAnswer;
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    return QStringLiteral("HTTP %1").arg(status);
}

ApiClient::ApiClient(QUrl baseUrl, QByteArray clientName, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_clientName(std::move(clientName))
{
    // Loopback traffic must never go through an http_proxy from the environment.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

QNetworkReply *ApiClient::send(const QByteArray &method, const QString &pathAndQuery,
                               const QByteArray &jsonBody,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrl url = m_baseUrl;
    const qsizetype queryStart = pathAndQuery.indexOf(u'?');
    url.setPath(pathAndQuery.left(queryStart), QUrl::TolerantMode);
    if (queryStart >= 0)
        url.setQuery(pathAndQuery.mid(queryStart + 1), QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setRawHeader("X-Hearth-Client", m_clientName);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    const bool writes = method != "GET" && method != "HEAD";
    if (writes)
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (writes)
        return m_network.sendCustomRequest(request, method, jsonBody);
    return m_network.sendCustomRequest(request, method);
}

ApiReply ApiClient::call(const QByteArray &method, const QString &pathAndQuery,
                         const QByteArray &jsonBody, int timeoutMs, const Headers &headers)
{
    QNetworkReply *reply = send(method, pathAndQuery, jsonBody, headers);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    const ApiReply result = replyOf(reply, !timer.isActive(), timeoutMs);
    reply->deleteLater();
    return result;
}

QNetworkReply *ApiClient::request(const QByteArray &method, const QString &pathAndQuery,
                                  const QByteArray &jsonBody, QObject *context,
                                  std::function<void(const ApiReply &)> done, int timeoutMs,
                                  const Headers &headers)
{
    QNetworkReply *reply = send(method, pathAndQuery, jsonBody, headers);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(timeoutMs);
    QPointer<QObject> guard(context);
    QObject::connect(reply, &QNetworkReply::finished, this,
                     [reply, timer, guard, timeoutMs, done = std::move(done)]() {
                         const ApiReply result = replyOf(reply, !timer->isActive(), timeoutMs);
                         reply->deleteLater();
                         if (guard && done)
                             done(result);
                     });
    return reply;
}

ApiReply ApiClient::replyOf(QNetworkReply *reply, bool timedOut, int timeoutMs)
{
    ApiReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply (a timeout, or the worker stopping its long poll) is
    // closed: there is nothing to read.
    if (reply->isOpen())
        result.body = reply->readAll();
    if (result.status == 0) {
        result.connectionRefused = reply->error() == QNetworkReply::ConnectionRefusedError;
        result.transportError = timedOut
            ? QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000)
            : reply->errorString();
    }
    return result;
}

static QString instancePath(const QByteArray &nonce)
{
    return QStringLiteral("/api/v1/instance?nonce=") + QString::fromLatin1(nonce);
}

Result<ProvenRuntime, ConnectError> ApiClient::verifyIdentity(const RuntimeInfo &expectedRuntime)
{
    const QByteArray nonce = crypto::randomBytes(32).toHex();
    return checkProof(call("GET", instancePath(nonce), {}, 10000), nonce, expectedRuntime);
}

void ApiClient::verifyIdentityAsync(const RuntimeInfo &expectedRuntime, QObject *context,
                                    std::function<void(Result<ProvenRuntime, ConnectError>)> done,
                                    int timeoutMs)
{
    const QByteArray nonce = crypto::randomBytes(32).toHex();
    QNetworkReply *reply = send("GET", instancePath(nonce));
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(timeoutMs);
    QObject::connect(
        reply, &QNetworkReply::finished, context,
        [this, reply, timer, nonce, expectedRuntime, timeoutMs, done = std::move(done)]() {
            const ApiReply result = replyOf(reply, !timer->isActive(), timeoutMs);
            reply->deleteLater();
            done(checkProof(result, nonce, expectedRuntime));
        });
}

Result<ProvenRuntime, ConnectError> ApiClient::checkProof(const ApiReply &reply,
                                                          const QByteArray &nonce,
                                                          const RuntimeInfo &expectedRuntime) const
{
    const QString where = m_baseUrl.toString(QUrl::RemovePath);
    if (reply.status == 0) {
        const auto kind = reply.connectionRefused ? ConnectError::Kind::NotRunning
                                                  : ConnectError::Kind::Unverifiable;
        return fail(ConnectError {
            kind,
            reply.connectionRefused
                ? QStringLiteral(
                      "Hearth is not running: nothing answers at %1 (stale runtime.json)")
                      .arg(where)
                : QStringLiteral("cannot reach %1: %2").arg(where, reply.transportError) });
    }
    const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
    const QByteArray proof = json.value(QStringLiteral("proof")).toString().toLatin1();
    const QByteArray expected = crypto::hmacSha256(expectedRuntime.proofKey, nonce).toHex();
    const bool pidMatches = expectedRuntime.pid <= 0 ||
        json.value(QStringLiteral("pid")).toInteger() == expectedRuntime.pid;
    const bool instanceMatches = expectedRuntime.instanceId.isEmpty() ||
        json.value(QStringLiteral("instance_id")).toString() == expectedRuntime.instanceId;
    if (reply.status != 200 || !crypto::constantTimeEquals(proof, expected) || !pidMatches ||
        !instanceMatches) {
        return fail(ConnectError { ConnectError::Kind::Unverifiable,
                                   QStringLiteral("the server at %1 could not prove it is this "
                                                  "data dir's hearthd; nothing was sent to it")
                                       .arg(where) });
    }
    return ProvenRuntime { json.value(QStringLiteral("version")).toString() };
}

QString percentEncoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace hearth::client
