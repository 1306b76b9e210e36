#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace hearth::http {

// A typed API error. The server turns it into the JSON envelope
// {"error":{"code":…,"message":…}} in exactly one place (Router::toResponse).
struct ApiError
{
    int status = 500;
    QByteArray code;
    QString message;
    QList<QPair<QByteArray, QByteArray>> headers; // e.g. Allow for 405
    // A 5xx's correlation id: its details are in hearthd's log under it
    // (0: none).
    quint64 reference = 0;

    static ApiError badRequest(QByteArray code, QString message)
    {
        return { 400, std::move(code), std::move(message), {} };
    }
    static ApiError invalidJson(QString message)
    {
        return { 400, "invalid_json", std::move(message), {} };
    }
    // A valid JSON body (or parameter) of the wrong shape; names the field.
    static ApiError invalidRequest(const QString &field, const QString &problem)
    {
        return { 422, "invalid_request", field + QStringLiteral(": ") + problem, {} };
    }
    static ApiError notFound(QString message)
    {
        return { 404, "not_found", std::move(message), {} };
    }
    static ApiError payloadTooLarge(QString message)
    {
        return { 413, "body_too_large", std::move(message), {} };
    }
    // A bearer token missing or not (or no longer) valid.
    static ApiError unauthorized(QByteArray code, QString message)
    {
        return { 401, std::move(code), std::move(message), { { "WWW-Authenticate", "Bearer" } } };
    }
    static ApiError internal(QString message)
    {
        return { 500, "internal_error", std::move(message), {} };
    }
    // A use case's error as the API says it: the one mapping from
    // hearth::Error to statuses and codes.
    static ApiError from(const Error &error);
};

// The envelope's bytes; "ref" only when there is a reference.
QByteArray errorEnvelope(const QByteArray &code, const QString &message, quint64 reference = 0);

} // namespace hearth::http
