#pragma once

#include "ApiTypes.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <functional>
#include <initializer_list>
#include <optional>

namespace hearth::http {

// Maps method + path to handlers, knows each route's body cap (so the guard
// can enforce it before the body is read), and is the single place where a
// handler's ApiError becomes the JSON envelope.
class Router
{
public:
    using Handler = std::function<HandlerResult(const ApiRequest &)>;
    static constexpr qint64 DefaultBodyCap = 1024 * 1024;

    // `pattern` is a regular expression for the whole decoded path; its
    // capture groups become ApiRequest::pathParams. A route takes no query
    // parameters unless it names them with withQuery().
    Router &add(QByteArray method, const QString &pattern, Handler handler,
                qint64 bodyCap = DefaultBodyCap);
    // The query parameters the route just added understands; any other is
    // refused with 422 before its handler runs (a misspelt `?limt=` must not
    // silently mean the default).
    Router &withQuery(std::initializer_list<const char *> names);

    // The cap for a request, before its body is read: the matching route's,
    // or the default for paths that will be answered 404/405 anyway.
    qint64 bodyCapFor(const QByteArray &method, const QString &path) const;
    // The largest cap of any route, the server's last line of defence.
    qint64 largestBodyCap() const;

    // Runs the matching handler: 404 for an unknown path, 405 with Allow for a
    // known path with another method; a handler that throws is a logged 500.
    ApiResponse dispatch(ApiRequest request) const;

    static ApiResponse toResponse(const ApiError &error);

    // Where the database lives, named by answers that say its disk is full
    // or it cannot be written.
    void setStorageLocation(const QString &dataDir);

private:
    struct Route
    {
        QByteArray method;
        QRegularExpression pattern;
        Handler handler;
        qint64 bodyCap;
        QStringList query;
    };
    // The first query parameter of the request the route does not take.
    static std::optional<QString> unknownQueryParameter(const Route &route,
                                                        const ApiRequest &request);
    // Logs a 5xx error with a reference number; an internal error's message
    // becomes one that names the reference instead of the details, or, when
    // the database's storage was full, read-only or busy, one that says so.
    ApiError withDetailsLogged(const ApiRequest &request, ApiError error) const;
    // HEAD is served by GET routes.
    static QByteArray routingMethod(const QByteArray &method);

    QList<Route> m_routes;
    QString m_storageLocation;
};

} // namespace hearth::http
