#include "NotificationHandlers.h"

#include "events/ApiJson.h"
#include "http/Router.h"
#include "services/NotificationService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

void registerNotificationRoutes(Router &router, const services::NotificationService &notifications)
{
    router
        .add("GET", QStringLiteral("/api/v1/notifications"),
             [&notifications](const ApiRequest &request) -> HandlerResult {
                 auto limit = pageLimit(request);
                 if (!limit)
                     return fail(limit.error());
                 std::optional<qint64> before;
                 if (request.query.contains(QStringLiteral("cursor"))) {
                     auto id =
                         idParameter(request.query.value(QStringLiteral("cursor")),
                                     QStringLiteral("cursor"), QStringLiteral("notification"));
                     if (!id)
                         return fail(id.error());
                     before = id.value();
                 }
                 const QString unread = request.query.value(QStringLiteral("unread"));
                 if (!unread.isEmpty() && unread != u"true" && unread != u"false") {
                     return fail(ApiError::invalidRequest(QStringLiteral("unread"),
                                                          QStringLiteral("must be true or false")));
                 }
                 bool more = false;
                 auto page = notifications.list(unread == u"true", before, limit.value(), &more);
                 if (!page)
                     return fail(ApiError::from(page.error()));
                 QJsonArray items;
                 for (const Notification &n : std::as_const(page.value()))
                     items.append(events::toApiJson(n));
                 return ApiResponse::json(
                     { { QStringLiteral("items"), items },
                       { QStringLiteral("next"),
                         more ? QJsonValue(QString::number(page->constLast().id))
                              : QJsonValue(QJsonValue::Null) } });
             })
        .withQuery({ "unread", "limit", "cursor" });

    router.add("POST", QStringLiteral("/api/v1/notifications/([^/]+)/read"),
               [&notifications](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("notification"));
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto marked = notifications.markRead(id.value());
                   if (!marked)
                       return fail(ApiError::from(marked.error()));
                   return ApiResponse::json(events::toApiJson(marked.value()));
               });

    router.add("POST", QStringLiteral("/api/v1/notifications/read-all"),
               [&notifications](const ApiRequest &request) -> HandlerResult {
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto marked = notifications.markAllRead();
                   if (!marked)
                       return fail(ApiError::from(marked.error()));
                   return ApiResponse::json({ { QStringLiteral("marked"), marked.value() } });
               });
}

} // namespace hearth::http
