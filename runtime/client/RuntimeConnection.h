#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

namespace hearth::client {

// Why a client could not (or would not) talk to a runtime.
struct ConnectError
{
    enum class Kind {
        NotRunning, // no runtime.json, or nothing answers on its port
        Unverifiable, // something answers but cannot prove it is our hearthd
        Invalid, // runtime.json or --url unusable
    };
    Kind kind = Kind::NotRunning;
    QString message;
};

// runtime.json, as hearthd writes it.
struct RuntimeInfo
{
    QString host;
    quint16 port = 0;
    qint64 pid = 0;
    QString instanceId;
    QByteArray proofKey; // raw bytes

    QUrl baseUrl() const;
};

Result<RuntimeInfo, ConnectError> readRuntimeFile(const QString &dataDir);

// What a runtime that proved itself says of itself.
struct ProvenRuntime
{
    QString version; // hearthd's, as `hearthd --version` and GET /version say it
};

// One HTTP exchange's outcome. `status` is 0 when no HTTP answer arrived.
struct ApiReply
{
    int status = 0;
    QByteArray body;
    QString transportError;
    bool connectionRefused = false;
    // Set when a 2xx answer is not what the request answers (HearthApi).
    QString unexpectedAnswer;

    bool isSuccess() const { return status >= 200 && status < 300 && unexpectedAnswer.isEmpty(); }
    // The envelope's code and message, or a description of what came back.
    QString errorCode() const;
    QString errorMessage() const;
};

// The JSON API client shared by the CLI, the tray and the worker: loopback only,
// no proxies, the X-Hearth-Client header on every request.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QUrl baseUrl, QByteArray clientName, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    // What X-Hearth-Client says from now on (Actor::clientHeader): hearthd
    // records it as who created or changed a watcher or started a run.
    void setClientName(QByteArray clientName) { m_clientName = std::move(clientName); }

    // Asynchronous: the caller owns the reply. `path` may carry a query.
    class QNetworkReply *send(const QByteArray &method, const QString &pathAndQuery,
                              const QByteArray &jsonBody = {},
                              const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // Asynchronous with a timeout, for the tray: `done` runs on `context`
    // once the answer (or the timeout) is in, and not at all if `context` is
    // gone by then.
    // The reply may be aborted (its answer is then a transport error).
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    class QNetworkReply *request(const QByteArray &method, const QString &pathAndQuery,
                                 const QByteArray &jsonBody, QObject *context,
                                 std::function<void(const ApiReply &)> done, int timeoutMs = 30000,
                                 const Headers &headers = {});
    // Synchronous, for the CLI: runs a local event loop until the reply or
    // the timeout.
    ApiReply call(const QByteArray &method, const QString &pathAndQuery,
                  const QByteArray &jsonBody = {}, int timeoutMs = 30000,
                  const Headers &headers = {});

    // SECURITY.md's identity proof: sends a fresh nonce and checks the HMAC
    // (and, when runtime.json names them, the pid and instance id) before
    // anything else is sent.
    Result<ProvenRuntime, ConnectError> verifyIdentity(const RuntimeInfo &expectedRuntime);
    // The same check without a nested event loop, for the tray: `done` runs
    // on `context`'s thread once the answer (or the timeout) is in.
    void verifyIdentityAsync(const RuntimeInfo &expectedRuntime, QObject *context,
                             std::function<void(Result<ProvenRuntime, ConnectError>)> done,
                             int timeoutMs = 10000);

    // A finished reply's outcome (`timedOut`: our timer aborted it).
    static ApiReply replyOf(class QNetworkReply *reply, bool timedOut, int timeoutMs);

private:
    Result<ProvenRuntime, ConnectError> checkProof(const ApiReply &reply, const QByteArray &nonce,
                                                   const RuntimeInfo &expectedRuntime) const;

    QUrl m_baseUrl;
    QByteArray m_clientName;
    QNetworkAccessManager m_network;
};

// Percent-encodes all but unreserved characters, for a path segment (a KV key,
// which may contain "/") or a query value.
QString percentEncoded(const QString &segment);

} // namespace hearth::client
