#include "RequestGuard.h"

#include <QHostAddress>

namespace hearth::http {

namespace {

struct HeaderValues
{
    QList<QByteArray> values;
    bool present() const { return !values.isEmpty(); }
};

HeaderValues headerValues(const GuardedRequest &request, QByteArrayView name)
{
    HeaderValues found;
    for (const auto &[key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            found.values.append(value.trimmed());
    }
    return found;
}

ApiError forbidden(QByteArray code, QString message)
{
    return { 403, std::move(code), std::move(message), {} };
}

bool isAllDigits(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

RequestGuard::RequestGuard(quint16 boundPort)
    : m_port(boundPort)
{
}

bool RequestGuard::isLoopbackAddress(const QByteArray &address)
{
    QHostAddress host;
    if (!host.setAddress(QString::fromLatin1(address)))
        return false;
    if (host.protocol() == QAbstractSocket::IPv4Protocol)
        return (host.toIPv4Address() >> 24) == 127; // 127.0.0.0/8
    bool isMappedV4 = false;
    const quint32 mapped = host.toIPv4Address(&isMappedV4);
    if (isMappedV4)
        return (mapped >> 24) == 127; // ::ffff:127.0.0.0/104
    return host == QHostAddress(QHostAddress::LocalHostIPv6);
}

bool RequestGuard::isAllowedHost(const QByteArray &hostHeader) const
{
    // Exact names only: any other name (including "localhost." and rebinding
    // names that resolve to 127.0.0.1) is what DNS rebinding relies on.
    const QByteArray port = ':' + QByteArray::number(m_port);
    for (const char *name : { "127.0.0.1", "localhost", "[::1]" }) {
        const QByteArray allowed = QByteArray(name) + port;
        if (hostHeader.compare(allowed, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool RequestGuard::isStateChanging(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::optional<ApiError> RequestGuard::check(const GuardedRequest &request) const
{
    // 1. Peer.
    if (!isLoopbackAddress(request.remoteAddress)) {
        return forbidden("peer_not_loopback",
                         QStringLiteral("requests are accepted from this computer only"));
    }

    // 2. Host allowlist. Exactly one Host header: two could disagree between
    // us and a proxy in front of us.
    const HeaderValues host = headerValues(request, "Host");
    if (host.values.size() != 1 || !isAllowedHost(host.values.constFirst())) {
        return forbidden("host_not_allowed",
                         QStringLiteral("the Host header must be 127.0.0.1:%1, localhost:%1 or "
                                        "[::1]:%1")
                             .arg(m_port));
    }

    // 3. Methods. OPTIONS is refused, which also refuses every CORS preflight.
    static const QList<QByteArray> allowedMethods {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"
    };
    if (!allowedMethods.contains(request.method)) {
        return ApiError {
            405,
            "method_not_allowed",
            QStringLiteral("method %1 is not supported").arg(QString::fromLatin1(request.method)),
            {}
        };
    }

    // 4. State-changing requests must prove they do not come from a browser
    // page on another origin.
    if (isStateChanging(request.method)) {
        const HeaderValues client = headerValues(request, "X-Hearth-Client");
        if (!client.present() || client.values.constFirst().isEmpty()) {
            return forbidden("client_header_required",
                             QStringLiteral("state-changing requests need an X-Hearth-Client "
                                            "header"));
        }
        const HeaderValues contentType = headerValues(request, "Content-Type");
        const QByteArray mediaType = contentType.values.size() == 1
            ? contentType.values.constFirst().split(';').constFirst().trimmed()
            : QByteArray();
        if (mediaType.compare("application/json", Qt::CaseInsensitive) != 0) {
            return ApiError { 415,
                              "json_required",
                              QStringLiteral("state-changing requests must be sent with "
                                             "Content-Type: application/json"),
                              {} };
        }
        const HeaderValues origin = headerValues(request, "Origin");
        if (origin.present()) {
            const QByteArray value = origin.values.constFirst();
            if (origin.values.size() != 1 || !value.startsWith("http://") ||
                !isAllowedHost(value.mid(7))) {
                return forbidden("cross_origin",
                                 QStringLiteral("requests from other origins are refused"));
            }
        }
        const HeaderValues fetchSite = headerValues(request, "Sec-Fetch-Site");
        if (fetchSite.present()) {
            const QByteArray value = fetchSite.values.constFirst().toLower();
            if (fetchSite.values.size() != 1 || (value != "same-origin" && value != "none")) {
                return forbidden("cross_site", QStringLiteral("cross-site requests are refused"));
            }
        }
    }

    return checkBody(request);
}

std::optional<ApiError> RequestGuard::checkBody(const GuardedRequest &request)
{
    // 5. Bodies: only a declared length, within the route's cap, so that the
    // cap holds before a single body byte is read.
    if (headerValues(request, "Transfer-Encoding").present()) {
        return ApiError { 411,
                          "length_required",
                          QStringLiteral("chunked or encoded uploads are not accepted; send "
                                         "Content-Length"),
                          {} };
    }
    // Bodies are read as sent: a compressed one would be inflated past the
    // cap the guard just checked, so none is taken (identity is no encoding).
    const HeaderValues contentEncoding = headerValues(request, "Content-Encoding");
    for (const QByteArray &value : contentEncoding.values) {
        if (value.compare("identity", Qt::CaseInsensitive) != 0) {
            return ApiError { 415,
                              "encoding_not_accepted",
                              QStringLiteral("compressed request bodies are not accepted; send "
                                             "the body without Content-Encoding"),
                              {} };
        }
    }
    const HeaderValues contentLength = headerValues(request, "Content-Length");
    if (contentLength.present()) {
        const QByteArray value = contentLength.values.constFirst();
        bool valid = isAllDigits(value) && value.size() <= 18;
        for (const QByteArray &other : contentLength.values)
            valid = valid && other == value;
        if (!valid) {
            return ApiError::badRequest("invalid_content_length",
                                        QStringLiteral("the Content-Length header is malformed"));
        }
        const qint64 length = value.toLongLong();
        if (length > request.bodyCap) {
            return ApiError::payloadTooLarge(
                QStringLiteral("the body is %1 bytes; this endpoint accepts at most %2")
                    .arg(length)
                    .arg(request.bodyCap));
        }
    }
    return std::nullopt;
}

} // namespace hearth::http
