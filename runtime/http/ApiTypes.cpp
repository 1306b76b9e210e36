#include "ApiTypes.h"

#include "core/Validation.h"
#include "store/JsonRule.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QRegularExpression>

namespace hearth::http {

ApiError ApiError::from(const Error &error)
{
    switch (error.code) {
    case ErrorCode::InvalidInput:
        return invalidRequest(error.field, error.message);
    case ErrorCode::NotFound:
        return notFound(error.message);
    case ErrorCode::NameTaken:
        return { 409, "name_taken", error.message, {} };
    case ErrorCode::RunActive:
        return { 409, "run_active", error.message, {} };
    case ErrorCode::RunFinished:
        return { 409, "run_finished", error.message, {} };
    case ErrorCode::NotRetryable:
        return { 409, "not_retryable", error.message, {} };
    case ErrorCode::NotThisWorker:
        return { 403, "not_this_worker", error.message, {} };
    case ErrorCode::NotClaimer:
        return { 403, "not_claimer", error.message, {} };
    case ErrorCode::LeaseExpired:
        return { 409, "lease_expired", error.message, {} };
    case ErrorCode::RunNotRunning:
        return { 409, "run_not_running", error.message, {} };
    case ErrorCode::AwaitingApproval:
        return { 409, "awaiting_approval", error.message, {} };
    case ErrorCode::Forbidden:
        return { 403, "forbidden", error.message, {} };
    case ErrorCode::Conflict:
        return { 409, "conflict", error.message, {} };
    case ErrorCode::SecretsUnavailable:
        return { 503, "secrets_unavailable", error.message, {} };
    case ErrorCode::Internal:
        break;
    }
    return internal(error.message);
}

Result<void, ApiError> onlyFields(const QJsonObject &object,
                                  std::initializer_list<const char *> known, const QString &prefix)
{
    if (auto checked = onlyKnownFields(object, prefix, known); !checked)
        return fail(ApiError::invalidRequest(checked.error().field, checked.error().message));
    return {};
}

Result<void, ApiError> noFields(const ApiRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return {};
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    return onlyFields(body.value(), {});
}

QByteArray errorEnvelope(const QByteArray &code, const QString &message, quint64 reference)
{
    QJsonObject error { { QStringLiteral("code"), QString::fromLatin1(code) },
                        { QStringLiteral("message"), message } };
    if (reference != 0)
        error.insert(QStringLiteral("ref"), qint64(reference));
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), error } })
        .toJson(QJsonDocument::Compact);
}

Result<QJsonValue, ApiError> parseJsonValue(const QByteArray &text)
{
    // Wrapping in [ ] lets QJsonDocument parse any value; the offset is
    // shifted back by one so that messages point into the caller's text.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError) {
        const int offset = qMax(0, error.offset - 1);
        return fail(ApiError::invalidJson(
            QStringLiteral("malformed JSON at byte %1: %2").arg(offset).arg(error.errorString())));
    }
    const QJsonArray wrapper = document.array();
    if (wrapper.size() != 1) {
        return fail(ApiError::invalidJson(
            wrapper.isEmpty()
                ? QStringLiteral("the body is empty; expected JSON")
                : QStringLiteral("expected one JSON value, found %1").arg(wrapper.size())));
    }
    // Qt also reads what RFC 8259 does not allow (raw control characters in
    // strings, ".5", "1."): the store's rule decides, so that every body is
    // held to the one rule the database applies.
    if (!isStrictJson(text)) {
        return fail(ApiError::invalidJson(
            QStringLiteral("not strict JSON (RFC 8259): raw control characters in strings and "
                           "numbers such as .5 or 1. are not accepted")));
    }
    return wrapper.at(0);
}

Actor ApiRequest::actor() const
{
    return Actor::fromClientHeader(headers.value(QStringLiteral("x-hearth-client")));
}

Result<QJsonObject, ApiError> ApiRequest::jsonObject() const
{
    auto value = parseJsonValue(body);
    if (!value)
        return fail(value.error());
    if (!value.value().isObject())
        return fail(ApiError::invalidRequest(QStringLiteral("body"),
                                             QStringLiteral("expected a JSON object")));
    return value.value().toObject();
}

std::optional<qint64> wholeNumber(const QString &text)
{
    // QString::toLongLong also takes " 1", "+1" and "1 ": an id in a path
    // must be exactly one spelling, or "%201" would name watcher 1.
    static const QRegularExpression digits(QStringLiteral("^(0|[1-9][0-9]{0,17})$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    return text.toLongLong();
}

Result<qint64, ApiError> idParameter(const QString &text, const QString &field, const QString &noun)
{
    const std::optional<qint64> id = wholeNumber(text);
    if (!id || *id <= 0)
        return fail(ApiError::invalidRequest(field, QStringLiteral("must be a %1 id").arg(noun)));
    return *id;
}

std::optional<QByteArray> bearerToken(const ApiRequest &request)
{
    const QString header = request.headers.value(QStringLiteral("authorization"));
    if (!header.startsWith(QStringLiteral("Bearer "), Qt::CaseInsensitive))
        return std::nullopt;
    return header.mid(7).trimmed().toLatin1();
}

Result<qint64, ApiError> resourceId(const ApiRequest &request, const QString &noun, int capture)
{
    const QString text = request.pathParams.value(capture);
    const std::optional<qint64> id = wholeNumber(text);
    if (!id || *id <= 0)
        return fail(ApiError::notFound(QStringLiteral("no %1 %2").arg(noun, text)));
    return *id;
}

Result<std::optional<qint64>, ApiError>
optionalIdParameter(const ApiRequest &request, const QString &name, const QString &noun)
{
    if (!request.query.contains(name))
        return std::optional<qint64>();
    auto id = idParameter(request.query.value(name), name, noun);
    if (!id)
        return fail(id.error());
    return std::optional<qint64>(id.value());
}

Result<int, ApiError> pageLimit(const ApiRequest &request, int defaultSize)
{
    constexpr int MaxPageSize = 1000;
    if (!request.query.contains(QStringLiteral("limit")))
        return defaultSize;
    const std::optional<qint64> limit = wholeNumber(request.query.value(QStringLiteral("limit")));
    if (!limit || *limit < 1 || *limit > MaxPageSize) {
        return fail(ApiError::invalidRequest(
            QStringLiteral("limit"),
            QStringLiteral("must be an integer from 1 to %1").arg(MaxPageSize)));
    }
    return int(*limit);
}

QByteArray jsonString(const QString &text)
{
    // QJsonDocument escapes correctly; strip the surrounding [ ].
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace hearth::http
