#include "SecretHandlers.h"

#include "http/Router.h"
#include "model/SecretName.h"
#include "secrets/SecretStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

using secrets::SecretError;

ApiError toApiError(const SecretError &error)
{
    switch (error.code) {
    case SecretError::Code::Unavailable:
        return { 503, "secrets_unavailable", error.message, {} };
    case SecretError::Code::KeyMismatch:
        return { 409, "master_key_mismatch", error.message, {} };
    case SecretError::Code::NotFound:
        return ApiError::notFound(error.message);
    case SecretError::Code::InvalidName:
        return ApiError::invalidRequest(QStringLiteral("name"), error.message);
    case SecretError::Code::TooLarge:
        return { 413, "value_too_large", error.message, {} };
    case SecretError::Code::RotationUnsupported:
        return { 409, "rotation_unsupported", error.message, {} };
    case SecretError::Code::Interrupted:
    case SecretError::Code::Internal:
        break;
    }
    return ApiError::internal(error.message);
}

QJsonObject infoJson(const secrets::SecretInfo &info)
{
    return { { QStringLiteral("name"), info.name },
             { QStringLiteral("created_at"), info.createdAt },
             { QStringLiteral("updated_at"), info.updatedAt } };
}

Result<QString, ApiError> nameFrom(const ApiRequest &request)
{
    const QString name = request.pathParams.value(0);
    if (!secrets::isValidSecretName(name)) {
        return fail(ApiError::invalidRequest(
            QStringLiteral("name"), QStringLiteral("must match [A-Za-z_][A-Za-z0-9_.-]{0,127}")));
    }
    return name;
}

} // namespace

void registerSecretRoutes(Router &router, secrets::SecretStore &store, qint64 maxValueBytes)
{
    router
        .add("GET", QStringLiteral("/api/v1/secrets"),
             [&store](const ApiRequest &request) -> HandlerResult {
                 auto limit = pageLimit(request);
                 if (!limit)
                     return fail(limit.error());
                 std::optional<QString> after;
                 if (request.query.contains(QStringLiteral("cursor"))) {
                     after = request.query.value(QStringLiteral("cursor"));
                     if (!secrets::isValidSecretName(*after)) {
                         return fail(ApiError::invalidRequest(
                             QStringLiteral("cursor"),
                             QStringLiteral("not a cursor from a previous page")));
                     }
                 }
                 bool more = false;
                 auto infos = store.list(after, limit.value(), &more);
                 if (!infos)
                     return fail(toApiError(infos.error()));
                 QJsonArray items;
                 for (const auto &info : std::as_const(infos.value()))
                     items.append(infoJson(info));
                 // Names are cursors as they are: they sort and are URL-safe.
                 return ApiResponse::json({ { QStringLiteral("items"), items },
                                            { QStringLiteral("next"),
                                              more ? QJsonValue(infos->constLast().name)
                                                   : QJsonValue(QJsonValue::Null) } });
             })
        .withQuery({ "limit", "cursor" });

    // A JSON string may escape every byte as \uXXXX: six bytes each.
    const qint64 putCap = maxValueBytes * 6 + 1024;
    router.add(
        "PUT", QStringLiteral("/api/v1/secrets/(.+)"),
        [&store](const ApiRequest &request) -> HandlerResult {
            auto name = nameFrom(request);
            if (!name)
                return fail(name.error());
            auto body = request.jsonObject();
            if (!body)
                return fail(body.error());
            if (auto known = onlyFields(body.value(), { "value" }); !known)
                return fail(known.error());
            const QJsonValue value = body->value(QStringLiteral("value"));
            if (!value.isString()) {
                return fail(ApiError::invalidRequest(QStringLiteral("value"),
                                                     QStringLiteral("must be a string")));
            }
            bool created = false;
            auto info = store.put(name.value(), value.toString().toUtf8(), &created);
            if (!info)
                return fail(toApiError(info.error()));
            return ApiResponse::json(infoJson(info.value()), created ? 201 : 200);
        },
        putCap);

    router.add("DELETE", QStringLiteral("/api/v1/secrets/(.+)"),
               [&store](const ApiRequest &request) -> HandlerResult {
                   auto name = nameFrom(request);
                   if (!name)
                       return fail(name.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   if (auto removed = store.remove(name.value()); !removed)
                       return fail(toApiError(removed.error()));
                   return ApiResponse::noContent();
               });

    router.add("POST", QStringLiteral("/api/v1/secrets/(.+)/reveal"),
               [&store](const ApiRequest &request) -> HandlerResult {
                   auto name = nameFrom(request);
                   if (!name)
                       return fail(name.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto value = store.reveal(name.value());
                   if (!value)
                       return fail(toApiError(value.error()));
                   return ApiResponse::json(
                       { { QStringLiteral("name"), name.value() },
                         { QStringLiteral("value"), QString::fromUtf8(value.value()) } });
               });

    router.add("POST", QStringLiteral("/api/v1/secrets/rotate-key"),
               [&store](const ApiRequest &request) -> HandlerResult {
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto status = store.rotateKey();
                   if (!status)
                       return fail(toApiError(status.error()));
                   return ApiResponse::json(
                       { { QStringLiteral("key_version"), status->keyVersion },
                         { QStringLiteral("fingerprint"), status->fingerprint },
                         { QStringLiteral("source"),
                           status->source ? secrets::sourceName(*status->source) : QString() } });
               });

    router.add("POST", QStringLiteral("/api/v1/secrets/reset"),
               [&store](const ApiRequest &request) -> HandlerResult {
                   auto body = request.jsonObject();
                   if (!body)
                       return fail(body.error());
                   if (auto known = onlyFields(body.value(), { "confirm" }); !known)
                       return fail(known.error());
                   if (body->value(QStringLiteral("confirm")) != QJsonValue(true)) {
                       return fail(ApiError::invalidRequest(
                           QStringLiteral("confirm"),
                           QStringLiteral("must be true: reset deletes every secret")));
                   }
                   auto deleted = store.reset();
                   if (!deleted)
                       return fail(toApiError(deleted.error()));
                   return ApiResponse::json({ { QStringLiteral("deleted"), deleted.value() } });
               });
}

} // namespace hearth::http
