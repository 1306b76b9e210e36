#pragma once

#include "ApiError.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <optional>

namespace hearth::http {

// What the guard needs to know about a request: only what arrives before the
// body (SECURITY.md, "The request guard"). Header names are compared
// case-insensitively.
struct GuardedRequest
{
    QByteArray method;
    QByteArray remoteAddress; // numeric, as the socket reports it
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 bodyCap = 0; // the matched route's cap on Content-Length
};

// The request guard of SECURITY.md, rules 1-5, in that order (plus: no
// Content-Encoding on bodies). Pure: the HTTP server asks it once the header
// block is in and before any body byte is read; unit tests feed it tables.
class RequestGuard
{
public:
    explicit RequestGuard(quint16 boundPort);

    // The first rule the request breaks, or nothing when it may proceed.
    std::optional<ApiError> check(const GuardedRequest &request) const;

    // Rule 5 alone (a declared length within the route's cap, no encoded
    // bodies): what any server of ours asks of a body before reading it.
    static std::optional<ApiError> checkBody(const GuardedRequest &request);

    static bool isLoopbackAddress(const QByteArray &address);
    bool isAllowedHost(const QByteArray &hostHeader) const;
    static bool isStateChanging(const QByteArray &method);

private:
    quint16 m_port;
};

} // namespace hearth::http
