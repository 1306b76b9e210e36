#include "ChannelHandlers.h"

#include "events/ApiJson.h"
#include "http/Router.h"
#include "services/ChannelService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

HandlerResult listChannels(const services::ChannelService &channels)
{
    auto listed = channels.list();
    if (!listed)
        return fail(ApiError::from(listed.error()));
    QJsonArray items;
    for (const ChannelRecord &channel : std::as_const(listed.value()))
        items.append(events::toApiJson(channel));
    return ApiResponse::json({ { QStringLiteral("items"), items } });
}

Result<std::optional<DeliveryStatus>, ApiError> statusParameter(const ApiRequest &request)
{
    const auto given = request.query.constFind(QStringLiteral("status"));
    if (given == request.query.constEnd())
        return std::optional<DeliveryStatus>();
    const auto status = deliveryStatusFromName(*given);
    if (!status)
        return fail(
            ApiError::invalidRequest(QStringLiteral("status"),
                                     QStringLiteral("must be pending, sending, batched, delivered, "
                                                    "failed, dead, suppressed or digested")));
    return std::optional<DeliveryStatus>(status);
}

HandlerResult listDeliveries(const services::ChannelService &channels, const ApiRequest &request)
{
    auto limit = pageLimit(request);
    if (!limit)
        return fail(limit.error());
    DeliveryFilter filter;
    filter.limit = limit.value();
    auto status = statusParameter(request);
    if (!status)
        return fail(status.error());
    filter.status = status.value();
    auto channel =
        optionalIdParameter(request, QStringLiteral("channel"), QStringLiteral("channel"));
    if (!channel)
        return fail(channel.error());
    filter.channelId = channel.value();
    auto notification = optionalIdParameter(request, QStringLiteral("notification"),
                                            QStringLiteral("notification"));
    if (!notification)
        return fail(notification.error());
    filter.notificationId = notification.value();
    auto cursor =
        optionalIdParameter(request, QStringLiteral("cursor"), QStringLiteral("delivery"));
    if (!cursor)
        return fail(cursor.error());
    filter.beforeId = cursor.value();
    bool more = false;
    auto page = channels.deliveries(filter, &more);
    if (!page)
        return fail(ApiError::from(page.error()));
    QJsonArray items;
    for (const DeliveryRecord &delivery : std::as_const(page.value()))
        items.append(events::toApiJson(delivery));
    return ApiResponse::json({ { QStringLiteral("items"), items },
                               { QStringLiteral("next"),
                                 more ? QJsonValue(QString::number(page->constLast().id))
                                      : QJsonValue(QJsonValue::Null) } });
}

HandlerResult redriveAll(const services::ChannelService &channels, const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "status", "channel_id" }); !known)
        return fail(known.error());
    const QJsonValue statusValue = body->value(QStringLiteral("status"));
    const auto status = deliveryStatusFromName(statusValue.toString());
    if (!statusValue.isString() || !status || !isRedrivable(*status))
        return fail(ApiError::invalidRequest(QStringLiteral("status"),
                                             QStringLiteral("must be failed, dead or suppressed")));
    std::optional<qint64> channelId;
    const QJsonValue channel = body->value(QStringLiteral("channel_id"));
    if (!channel.isUndefined() && !channel.isNull()) {
        auto id = idParameter(channel.toString(), QStringLiteral("channel_id"),
                              QStringLiteral("channel"));
        if (!channel.isString() || !id)
            return fail(ApiError::invalidRequest(QStringLiteral("channel_id"),
                                                 QStringLiteral("must be a channel's id")));
        channelId = id.value();
    }
    auto redriven = channels.redriveAll(*status, channelId);
    if (!redriven)
        return fail(ApiError::from(redriven.error()));
    return ApiResponse::json({ { QStringLiteral("redriven"), redriven.value() } });
}

} // namespace

void registerChannelRoutes(Router &router, const services::ChannelService &channels)
{
    router.add("GET", QStringLiteral("/api/v1/channels"),
               [&channels](const ApiRequest &) { return listChannels(channels); });
    router.add("POST", QStringLiteral("/api/v1/channels"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto body = request.jsonObject();
                   if (!body)
                       return fail(body.error());
                   auto created = channels.create(body.value());
                   if (!created)
                       return fail(ApiError::from(created.error()));
                   return ApiResponse::json(events::toApiJson(created.value()), 201);
               });
    router.add("GET", QStringLiteral("/api/v1/channels/([^/]+)"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("channel"));
                   if (!id)
                       return fail(id.error());
                   auto channel = channels.get(id.value());
                   if (!channel)
                       return fail(ApiError::from(channel.error()));
                   return ApiResponse::json(events::toApiJson(channel.value()));
               });
    router.add("PATCH", QStringLiteral("/api/v1/channels/([^/]+)"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("channel"));
                   if (!id)
                       return fail(id.error());
                   auto body = request.jsonObject();
                   if (!body)
                       return fail(body.error());
                   auto updated = channels.update(id.value(), body.value());
                   if (!updated)
                       return fail(ApiError::from(updated.error()));
                   return ApiResponse::json(events::toApiJson(updated.value()));
               });
    router.add("DELETE", QStringLiteral("/api/v1/channels/([^/]+)"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("channel"));
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   if (auto removed = channels.remove(id.value()); !removed)
                       return fail(ApiError::from(removed.error()));
                   return ApiResponse::noContent();
               });
    router.add("POST", QStringLiteral("/api/v1/channels/([^/]+)/test"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("channel"));
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto queued = channels.sendTest(id.value());
                   if (!queued)
                       return fail(ApiError::from(queued.error()));
                   return ApiResponse::json(events::toApiJson(queued.value()), 202);
               });

    router
        .add("GET", QStringLiteral("/api/v1/deliveries"),
             [&channels](const ApiRequest &request) { return listDeliveries(channels, request); })
        .withQuery({ "status", "channel", "notification", "limit", "cursor" });
    // Before the {id} routes, which would take "redrive" for an id.
    router.add("POST", QStringLiteral("/api/v1/deliveries/redrive"),
               [&channels](const ApiRequest &request) { return redriveAll(channels, request); });
    router.add("GET", QStringLiteral("/api/v1/deliveries/([^/]+)"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("delivery"));
                   if (!id)
                       return fail(id.error());
                   auto delivery = channels.delivery(id.value());
                   if (!delivery)
                       return fail(ApiError::from(delivery.error()));
                   return ApiResponse::json(events::toApiJson(delivery.value()));
               });
    router.add("POST", QStringLiteral("/api/v1/deliveries/([^/]+)/redrive"),
               [&channels](const ApiRequest &request) -> HandlerResult {
                   auto id = resourceId(request, QStringLiteral("delivery"));
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto redriven = channels.redrive(id.value());
                   if (!redriven)
                       return fail(ApiError::from(redriven.error()));
                   return ApiResponse::json(events::toApiJson(redriven.value()));
               });
}

} // namespace hearth::http
