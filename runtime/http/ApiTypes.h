#pragma once

#include "ApiError.h"
#include "ClientPresence.h"
#include "core/Result.h"
#include "model/Actor.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>

namespace hearth::http {

// What a handler sees of a request: decoded, already past the guard.
struct ApiRequest
{
    QByteArray method;
    QString path;
    QStringList pathParams; // capture groups of the route pattern, decoded
    QHash<QString, QString> query;
    QHash<QString, QString> headers; // names in lower case
    QByteArray body;
    QByteArray remoteAddress; // numeric, as the socket reports it
    // Whether the client is still connected (a long poll must not claim work
    // for a caller that is gone). Null outside a real connection.
    std::shared_ptr<ClientPresence> client;

    bool clientGone() const { return client && client->gone(); }
    // Who sent it, by its X-Hearth-Client header (which every
    // state-changing request carries: the guard refuses those without).
    Actor actor() const;

    // Parses the body as one JSON object; 400 invalid_json or 422.
    Result<QJsonObject, ApiError> jsonObject() const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    // A streamed body (Server-Sent Events): called once on the connection's
    // thread; it writes pieces through `write` (false once the client is
    // gone or too slow) until it returns.
    using Writer = std::function<bool(const QByteArray &)>;
    std::function<void(const Writer &write)> stream;

    static ApiResponse json(const QJsonObject &object, int status = 200)
    {
        return {
            status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", {}, {}
        };
    }
    static ApiResponse noContent() { return { 204, {}, {}, {}, {} }; }
    static ApiResponse text(QByteArray body)
    {
        return { 200, std::move(body), "text/plain; charset=utf-8", {}, {} };
    }
};

using HandlerResult = Result<ApiResponse, ApiError>;

// Parses exactly one JSON value of any type (Qt 6.4's QJsonDocument alone only
// takes objects and arrays at the top level), held to the store's JSON rule
// (store/JsonRule.h). Error messages name the offset where Qt finds one.
Result<QJsonValue, ApiError> parseJsonValue(const QByteArray &text);

// A whole number written plainly ("12": no sign, spaces or leading zeros).
std::optional<qint64> wholeNumber(const QString &text);

// A numeric id from the query ("12"); 422 naming the parameter otherwise.
Result<qint64, ApiError> idParameter(const QString &text, const QString &field,
                                     const QString &noun);

// The token of an "Authorization: Bearer <token>" header; none without one.
std::optional<QByteArray> bearerToken(const ApiRequest &request);

// The numeric id of the resource a path names (its capture `capture`, the
// first by default): an id has one spelling, and anything else (" 1", "+1",
// "01", "abc") names no resource: 404.
Result<qint64, ApiError> resourceId(const ApiRequest &request, const QString &noun,
                                    int capture = 0);

// ?name=<id>, absent allowed; 422 naming the parameter otherwise.
Result<std::optional<qint64>, ApiError>
optionalIdParameter(const ApiRequest &request, const QString &name, const QString &noun);

// The ?limit= of a list endpoint: defaultSize when absent, 1 to 1000 (else 422).
Result<int, ApiError> pageLimit(const ApiRequest &request, int defaultSize = 50);

// Every member of a request object must be one of `known`: 422 naming the
// first that is not ("limits.cpu: is not a field"; `prefix` is "limits.").
Result<void, ApiError> onlyFields(const QJsonObject &object,
                                  std::initializer_list<const char *> known,
                                  const QString &prefix = {});

// Endpoints that take no fields: an empty body or {} (anything else is a
// 422 naming the first field, or 400 for what is not a JSON object).
Result<void, ApiError> noFields(const ApiRequest &request);

// JSON string literal (with quotes) for embedding in hand-assembled bodies.
QByteArray jsonString(const QString &text);

} // namespace hearth::http
