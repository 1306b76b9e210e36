#include "KvHandlers.h"

#include "http/Router.h"
#include "services/KvService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

// Cursors are opaque to clients: base64url of the last key of a page.
QString encodeCursor(const QString &key)
{
    return QString::fromLatin1(
        key.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString, ApiError> decodeCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty() || validateKvKey(decoded.decoded))
        return fail(ApiError::invalidRequest(QStringLiteral("cursor"),
                                             QStringLiteral("not a cursor from a previous page")));
    return QString::fromUtf8(decoded.decoded);
}

Result<QString, ApiError> keyFrom(const ApiRequest &request)
{
    const QString key = request.pathParams.value(0);
    if (const auto problem = validateKvKey(key.toUtf8()))
        return fail(ApiError::invalidRequest(QStringLiteral("key"), *problem));
    return key;
}

// {"key":…,"value":<stored JSON verbatim>,…}: assembled by hand so that the
// value keeps its exact text (large integers, number formatting).
QByteArray entryJson(const KvEntry &entry)
{
    return "{\"key\":" + jsonString(entry.key) + ",\"value\":" + entry.valueJson +
        ",\"created_at\":" + jsonString(entry.createdAt) +
        ",\"updated_at\":" + jsonString(entry.updatedAt) + '}';
}

// The namespace and the key a …/{key} request acts on.
struct KeyTarget
{
    QString ns;
    QString key;
};

Result<KeyTarget, ApiError> keyTarget(const KvNamespaceOf &namespaceOf, const ApiRequest &request)
{
    auto ns = namespaceOf(request);
    if (!ns)
        return fail(ns.error());
    auto key = keyFrom(request);
    if (!key)
        return fail(key.error());
    return KeyTarget { ns.value(), key.value() };
}

} // namespace

void registerKvRoutes(Router &router, const services::KvService &kv, const QString &base,
                      KvNamespaceOf namespaceOf)
{
    router
        .add("GET", base,
             [&kv, namespaceOf](const ApiRequest &request) -> HandlerResult {
                 auto ns = namespaceOf(request);
                 if (!ns)
                     return fail(ns.error());
                 auto limit = pageLimit(request);
                 if (!limit)
                     return fail(limit.error());
                 std::optional<QString> after;
                 if (request.query.contains(QStringLiteral("cursor"))) {
                     auto decoded = decodeCursor(request.query.value(QStringLiteral("cursor")));
                     if (!decoded)
                         return fail(decoded.error());
                     after = decoded.value();
                 }
                 auto page = kv.list(ns.value(), request.query.value(QStringLiteral("prefix")),
                                     after, limit.value());
                 if (!page)
                     return fail(ApiError::from(page.error()));
                 QJsonArray items;
                 for (const KvEntry &entry : std::as_const(page->entries)) {
                     items.append(
                         QJsonObject { { QStringLiteral("key"), entry.key },
                                       { QStringLiteral("created_at"), entry.createdAt },
                                       { QStringLiteral("updated_at"), entry.updatedAt } });
                 }
                 return ApiResponse::json(
                     { { QStringLiteral("items"), items },
                       { QStringLiteral("next"),
                         page->nextAfterKey ? QJsonValue(encodeCursor(*page->nextAfterKey))
                                            : QJsonValue(QJsonValue::Null) } });
             })
        .withQuery({ "prefix", "limit", "cursor" });

    const QString keyPattern = base + QStringLiteral("/(.+)");
    router.add("GET", keyPattern, [&kv, namespaceOf](const ApiRequest &request) -> HandlerResult {
        auto target = keyTarget(namespaceOf, request);
        if (!target)
            return fail(target.error());
        auto entry = kv.get(target->ns, target->key);
        if (!entry)
            return fail(ApiError::from(entry.error()));
        if (!entry.value())
            return fail(ApiError::notFound(QStringLiteral("no key %1").arg(target->key)));
        return ApiResponse { 200, entryJson(*entry.value()), "application/json", {}, {} };
    });

    router.add(
        "PUT", keyPattern,
        [&kv, namespaceOf](const ApiRequest &request) -> HandlerResult {
            auto target = keyTarget(namespaceOf, request);
            if (!target)
                return fail(target.error());
            if (request.body.size() > KvRepository::MaxValueBytes) {
                return fail(
                    ApiError::payloadTooLarge(QStringLiteral("values are limited to %1 bytes")
                                                  .arg(KvRepository::MaxValueBytes)));
            }
            if (auto parsed = parseJsonValue(request.body); !parsed)
                return fail(parsed.error());
            auto stored = kv.put(target->ns, target->key, request.body);
            if (!stored) {
                // Text that Qt's reader took but JSON (and SQLite) does not.
                if (stored.error().field == u"value")
                    return fail(ApiError::invalidJson(QStringLiteral("the value ") +
                                                      stored.error().message));
                return fail(ApiError::from(stored.error()));
            }
            return ApiResponse {
                stored->created ? 201 : 200, entryJson(stored->entry), "application/json", {}, {}
            };
        },
        KvRepository::MaxValueBytes);

    router.add("DELETE", keyPattern,
               [&kv, namespaceOf](const ApiRequest &request) -> HandlerResult {
                   auto target = keyTarget(namespaceOf, request);
                   if (!target)
                       return fail(target.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   if (auto removed = kv.remove(target->ns, target->key); !removed)
                       return fail(ApiError::from(removed.error()));
                   return ApiResponse::noContent();
               });
}

} // namespace hearth::http
