#pragma once

#include "ApiError.h"
#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hearth::http {

// What a handler sees of a request: decoded, already past the guard.
struct ApiRequest
{
    QByteArray method;
    QString path;
    QStringList pathParams; // capture groups of the route pattern, decoded
    QHash<QString, QString> query;
    QByteArray body;

    // Parses the body as one JSON object; 400 invalid_json or 422.
    Result<QJsonObject, ApiError> jsonObject() const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200)
    {
        return {
            status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", {}
        };
    }
    static ApiResponse noContent() { return { 204, {}, {}, {} }; }
    static ApiResponse text(QByteArray body)
    {
        return { 200, std::move(body), "text/plain; charset=utf-8", {} };
    }
};

using HandlerResult = Result<ApiResponse, ApiError>;

// Parses exactly one JSON value of any type (Qt 6.4's QJsonDocument alone only
// takes objects and arrays at the top level). Error messages name the offset.
Result<QJsonValue, ApiError> parseJsonValue(const QByteArray &text);

// The ?limit= of a list endpoint: 50 when absent, 1 to 1000 (else 422).
Result<int, ApiError> pageLimit(const ApiRequest &request);

// JSON string literal (with quotes) for embedding in hand-assembled bodies.
QByteArray jsonString(const QString &text);

} // namespace hearth::http
