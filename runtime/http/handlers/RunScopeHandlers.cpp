#include "RunScopeHandlers.h"

#include "KvHandlers.h"
#include "WorkerHandlers.h"
#include "events/ApiJson.h"
#include "http/Router.h"
#include "model/Schedule.h"
#include "services/RunScopeService.h"

#include <QJsonObject>
#include <algorithm>

namespace hearth::http {

namespace {

using services::RunScopeService;

// The scope the request's run token opens.
Result<RunScopeService::Scope, ApiError> callingRun(const RunScopeRouteContext &context,
                                                    const ApiRequest &request)
{
    const std::optional<QByteArray> token = bearerToken(request);
    if (!token) {
        return fail(ApiError::unauthorized(
            "run_token_required",
            QStringLiteral("this endpoint is for an agent run's own MCP server: send "
                           "Authorization: Bearer <run token> (the run_token its worker's "
                           "poll answered)")));
    }
    auto scope = context.scopes.authenticate(*token);
    if (!scope)
        return fail(ApiError::from(scope.error()));
    if (!scope.value()) {
        return fail(ApiError::unauthorized(
            "run_token_invalid",
            QStringLiteral("the token is no running run's: its run has ended (a run token "
                           "lives as long as its run), or it is no run token")));
    }
    return *scope.value();
}

HandlerResult describeScope(const RunScopeRouteContext &context, const ApiRequest &request)
{
    auto scope = callingRun(context, request);
    if (!scope)
        return fail(scope.error());
    return ApiResponse::json({ { QStringLiteral("run_id"), QString::number(scope->runId) },
                               { QStringLiteral("watcher_id"), QString::number(scope->watcherId) },
                               { QStringLiteral("watcher_name"), scope->watcherName } });
}

// {"title", "body"?, "level"?}; the service checks the texts' lengths.
Result<scheduler::NotificationText, ApiError> notificationText(const QJsonObject &body)
{
    if (auto known = onlyFields(body, { "title", "body", "level" }); !known)
        return fail(known.error());
    const QJsonValue title = body.value(QStringLiteral("title"));
    const QJsonValue message = body.value(QStringLiteral("body"));
    const QJsonValue level = body.value(QStringLiteral("level"));
    if (!title.isString())
        return fail(ApiError::invalidRequest(QStringLiteral("title"),
                                             QStringLiteral("must be a non-empty string")));
    if (!message.isUndefined() && !message.isString())
        return fail(
            ApiError::invalidRequest(QStringLiteral("body"), QStringLiteral("must be a string")));
    const std::optional<NotificationLevel> parsedLevel = level.isUndefined()
        ? std::optional(NotificationLevel::Info)
        : notificationLevelFromName(level.toString());
    if (!parsedLevel || (!level.isUndefined() && !level.isString()))
        return fail(ApiError::invalidRequest(QStringLiteral("level"),
                                             QStringLiteral("must be info, warning or error")));
    return scheduler::NotificationText { *parsedLevel, title.toString(), message.toString() };
}

// 429: which limit held the notification back, and until when.
ApiError heldBack(const RunScopeService::Notified &notified)
{
    ApiError error { 429, "notification_held_back", {}, {} };
    if (notified.decision == scheduler::NotifyDecision::SuppressedByCooldown)
        error.message = QStringLiteral(
            "held back by the watcher's notification cooldown (notify.min_interval_s)");
    else if (notified.nextAllowedAt > 0)
        error.message = QStringLiteral("held back: the watcher's notifications per day "
                                       "(notify.daily_budget) are used up");
    else
        error.message = QStringLiteral("held back: the watcher's notify.daily_budget is 0");
    if (notified.nextAllowedAt > 0) {
        error.message += QStringLiteral("; the next may go out at %1")
                             .arg(scheduler::rfc3339FromMs(notified.nextAllowedAt));
        error.headers.append(
            { "Retry-After",
              QByteArray::number(std::max<qint64>(1, (notified.waitMs + 999) / 1000)) });
    }
    return error;
}

HandlerResult notify(const RunScopeRouteContext &context, const ApiRequest &request)
{
    auto scope = callingRun(context, request);
    if (!scope)
        return fail(scope.error());
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    auto text = notificationText(body.value());
    if (!text)
        return fail(text.error());
    auto notified = context.scopes.notify(scope.value(), text.value());
    if (!notified)
        return fail(ApiError::from(notified.error()));
    if (!notified->notification)
        return fail(heldBack(notified.value()));
    return ApiResponse::json(
        { { QStringLiteral("notification"), events::toApiJson(*notified->notification) } }, 201);
}

HandlerResult appendLog(const RunScopeRouteContext &context, const ApiRequest &request)
{
    auto scope = callingRun(context, request);
    if (!scope)
        return fail(scope.error());
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "logs" }); !known)
        return fail(known.error());
    if (!body->value(QStringLiteral("logs")).isArray())
        return fail(ApiError::invalidRequest(QStringLiteral("logs"),
                                             QStringLiteral("is required: a list of lines")));
    auto lines = agentLogLines(body->value(QStringLiteral("logs")));
    if (!lines)
        return fail(lines.error());
    if (auto logged = context.scopes.log(scope.value(), lines.value()); !logged)
        return fail(ApiError::from(logged.error()));
    return ApiResponse::noContent();
}

} // namespace

void registerRunScopeRoutes(Router &router, const RunScopeRouteContext &context)
{
    router.add("GET", QStringLiteral("/api/v1/run-scope"),
               [context](const ApiRequest &request) { return describeScope(context, request); });
    registerKvRoutes(router, context.kv, QStringLiteral("/api/v1/run-scope/kv"),
                     [context](const ApiRequest &request) -> Result<QString, ApiError> {
                         auto scope = callingRun(context, request);
                         if (!scope)
                             return fail(scope.error());
                         return scope->kvNamespace;
                     });
    router.add("POST", QStringLiteral("/api/v1/run-scope/notify"),
               [context](const ApiRequest &request) { return notify(context, request); });
    router.add("POST", QStringLiteral("/api/v1/run-scope/log"),
               [context](const ApiRequest &request) { return appendLog(context, request); });
}

} // namespace hearth::http
