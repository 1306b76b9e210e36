#include "WatcherHandlers.h"

#include "events/ApiJson.h"
#include "events/WatcherEvents.h"
#include "http/Router.h"
#include "model/RunStatus.h"
#include "model/Schedule.h"
#include "services/RunService.h"
#include "services/WatcherService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <limits>

namespace hearth::http {

namespace {

// Watchers as listings show them: without their scripts, which can be large
// (GET /api/v1/watchers/{id} has them).
QJsonArray listed(const QList<WatcherRecord> &watchers)
{
    QJsonArray items;
    for (const WatcherRecord &watcher : watchers) {
        QJsonObject json = events::toApiJson(watcher);
        json.remove(QStringLiteral("script"));
        items.append(json);
    }
    return items;
}

using scheduler::WatcherSpec;

Result<qint64, ApiError> watcherId(const ApiRequest &request)
{
    return resourceId(request, QStringLiteral("watcher"));
}

Result<qint64, ApiError> runId(const ApiRequest &request)
{
    return resourceId(request, QStringLiteral("run"));
}

// ?validate_only=true: checked as it would be stored, storing nothing.
Result<bool, ApiError> validateOnly(const ApiRequest &request)
{
    const QString value = request.query.value(QStringLiteral("validate_only"));
    if (value.isEmpty() || value == u"false")
        return false;
    if (value == u"true")
        return true;
    return fail(ApiError::invalidRequest(QStringLiteral("validate_only"),
                                         QStringLiteral("must be true or false")));
}

ApiResponse validated(const WatcherSpec &spec)
{
    return ApiResponse::json(
        { { QStringLiteral("valid"), true }, { QStringLiteral("watcher"), spec.toJson() } });
}

HandlerResult createWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    auto onlyValidate = validateOnly(request);
    if (!onlyValidate)
        return fail(onlyValidate.error());
    if (onlyValidate.value()) {
        auto spec = context.watchers.validateCreate(body.value());
        if (!spec)
            return fail(ApiError::from(spec.error()));
        return validated(spec.value());
    }
    auto created = context.watchers.create(body.value(), request.actor());
    if (!created)
        return fail(ApiError::from(created.error()));
    return ApiResponse::json(events::toApiJson(created.value()), 201);
}

HandlerResult updateWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto id = watcherId(request);
    if (!id)
        return fail(id.error());
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    auto onlyValidate = validateOnly(request);
    if (!onlyValidate)
        return fail(onlyValidate.error());
    if (onlyValidate.value()) {
        auto spec = context.watchers.validateUpdate(id.value(), body.value(), request.actor());
        if (!spec)
            return fail(ApiError::from(spec.error()));
        return validated(spec.value());
    }
    auto updated = context.watchers.update(id.value(), body.value(), request.actor());
    if (!updated)
        return fail(ApiError::from(updated.error()));
    return ApiResponse::json(events::toApiJson(updated.value()));
}

HandlerResult runWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto id = watcherId(request);
    if (!id)
        return fail(id.error());
    QByteArray event = "{}";
    if (!request.body.trimmed().isEmpty()) {
        auto body = request.jsonObject();
        if (!body)
            return fail(body.error());
        if (auto known = onlyFields(body.value(), { "event" }); !known)
            return fail(known.error());
        if (body->contains(QStringLiteral("event"))) {
            if (!body->value(QStringLiteral("event")).isObject())
                return fail(ApiError::invalidRequest(QStringLiteral("event"),
                                                     QStringLiteral("must be an object")));
            event = QJsonDocument(body->value(QStringLiteral("event")).toObject())
                        .toJson(QJsonDocument::Compact);
        }
    }
    auto run = context.watchers.runNow(id.value(), event, request.actor());
    if (!run)
        return fail(ApiError::from(run.error()));
    return ApiResponse::json(events::toApiJson(run.value()), 201);
}

// Approve and Reject: the watcher, and the revision of it the person saw
// (none: as it is now), from {"revision": "…"}.
struct Decision
{
    qint64 watcherId = 0;
    std::optional<QString> revision;
};

Result<std::optional<QString>, ApiError> revisionOf(const ApiRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return std::optional<QString>();
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "revision" }); !known)
        return fail(known.error());
    const QJsonValue revision = body->value(QStringLiteral("revision"));
    if (revision.isUndefined() || revision.isNull())
        return std::optional<QString>();
    if (!revision.isString() || revision.toString().isEmpty())
        return fail(ApiError::invalidRequest(QStringLiteral("revision"),
                                             QStringLiteral("must be the watcher's revision")));
    return std::optional(revision.toString());
}

Result<Decision, ApiError> decisionOf(const ApiRequest &request)
{
    auto id = watcherId(request);
    if (!id)
        return fail(id.error());
    auto revision = revisionOf(request);
    if (!revision)
        return fail(revision.error());
    return Decision { id.value(), revision.value() };
}

HandlerResult approveWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto decision = decisionOf(request);
    if (!decision)
        return fail(decision.error());
    auto approved =
        context.watchers.approve(decision->watcherId, decision->revision, request.actor());
    if (!approved)
        return fail(ApiError::from(approved.error()));
    return ApiResponse::json(events::toApiJson(approved.value()));
}

HandlerResult rejectWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto decision = decisionOf(request);
    if (!decision)
        return fail(decision.error());
    auto rejected =
        context.watchers.reject(decision->watcherId, decision->revision, request.actor());
    if (!rejected)
        return fail(ApiError::from(rejected.error()));
    const std::optional<WatcherRecord> &restored = rejected.value();
    return ApiResponse::json(
        { { QStringLiteral("deleted"), !restored.has_value() },
          { QStringLiteral("watcher"),
            restored ? QJsonValue(events::toApiJson(*restored)) : QJsonValue(QJsonValue::Null) } });
}

// Pause all and Resume take no body (an empty object is fine too) and
// answer the watchers they changed.
HandlerResult changeAll(const ApiRequest &request,
                        const std::function<Result<QList<WatcherRecord>, Error>()> &change)
{
    if (auto body = noFields(request); !body)
        return fail(body.error());
    auto changed = change();
    if (!changed)
        return fail(ApiError::from(changed.error()));
    return ApiResponse::json({ { QStringLiteral("items"), listed(changed.value()) } });
}

Result<std::optional<qint64>, ApiError> instantParameter(const ApiRequest &request,
                                                         const QString &name)
{
    if (!request.query.contains(name))
        return std::optional<qint64>();
    const QDateTime instant = scheduler::parseRfc3339(request.query.value(name));
    if (!instant.isValid())
        return fail(ApiError::invalidRequest(
            name, QStringLiteral("must be an RFC 3339 date-time with an offset")));
    return std::optional<qint64>(instant.toMSecsSinceEpoch());
}

HandlerResult listWatchers(const WatcherRouteContext &context, const ApiRequest &request)
{
    // A page is as large as a listing allows: most users have fewer
    // watchers than that, and get them all at once.
    auto limit = pageLimit(request, 1000);
    if (!limit)
        return fail(limit.error());
    auto cursor = optionalIdParameter(request, QStringLiteral("cursor"), QStringLiteral("watcher"));
    if (!cursor)
        return fail(cursor.error());
    bool more = false;
    auto page = context.watchers.list(cursor.value(), limit.value(), &more);
    if (!page)
        return fail(ApiError::from(page.error()));
    return ApiResponse::json({ { QStringLiteral("items"), listed(page.value()) },
                               { QStringLiteral("next"),
                                 more ? QJsonValue(QString::number(page->constLast().id))
                                      : QJsonValue(QJsonValue::Null) } });
}

HandlerResult listRuns(const WatcherRouteContext &context, const ApiRequest &request)
{
    RunFilter filter;
    auto limit = pageLimit(request);
    if (!limit)
        return fail(limit.error());
    filter.limit = limit.value();
    auto watcher =
        optionalIdParameter(request, QStringLiteral("watcher"), QStringLiteral("watcher"));
    if (!watcher)
        return fail(watcher.error());
    filter.watcherId = watcher.value();
    auto cursor = optionalIdParameter(request, QStringLiteral("cursor"), QStringLiteral("run"));
    if (!cursor)
        return fail(cursor.error());
    filter.beforeId = cursor.value();
    if (request.query.contains(QStringLiteral("status"))) {
        filter.status = scheduler::runStatusFromName(request.query.value(QStringLiteral("status")));
        if (!filter.status)
            return fail(ApiError::invalidRequest(
                QStringLiteral("status"),
                QStringLiteral("must be one of ") +
                    scheduler::runStatusNames().join(QStringLiteral(", "))));
    }
    auto since = instantParameter(request, QStringLiteral("since"));
    if (!since)
        return fail(since.error());
    filter.since = since.value();
    auto before = instantParameter(request, QStringLiteral("before"));
    if (!before)
        return fail(before.error());
    filter.before = before.value();

    bool more = false;
    auto page = context.runs.list(filter, &more);
    if (!page)
        return fail(ApiError::from(page.error()));
    QJsonArray items;
    for (const RunRecord &run : std::as_const(page.value()))
        items.append(events::toApiJson(run));
    return ApiResponse::json({ { QStringLiteral("items"), items },
                               { QStringLiteral("next"),
                                 more ? QJsonValue(QString::number(page->constLast().id))
                                      : QJsonValue(QJsonValue::Null) } });
}

HandlerResult runLogs(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto id = runId(request);
    if (!id)
        return fail(id.error());
    auto run = context.runs.get(id.value());
    if (!run)
        return fail(ApiError::from(run.error()));
    int after = 0;
    if (request.query.contains(QStringLiteral("after"))) {
        const std::optional<qint64> number =
            wholeNumber(request.query.value(QStringLiteral("after")));
        after = number && *number <= std::numeric_limits<int>::max() ? int(*number) : -1;
        if (after < 0)
            return fail(ApiError::invalidRequest(QStringLiteral("after"),
                                                 QStringLiteral("must be a log line number")));
    }
    auto lines = context.runs.logs(id.value(), after);
    if (!lines)
        return fail(ApiError::from(lines.error()));
    QJsonArray items;
    for (const RunLogRecord &line : std::as_const(lines.value()))
        items.append(events::toApiJson(line));
    return ApiResponse::json(
        { { QStringLiteral("items"), items },
          { QStringLiteral("run_status"), scheduler::runStatusName(run->status) } });
}

} // namespace

void registerWatcherRoutes(Router &router, const WatcherRouteContext &context)
{
    router
        .add("GET", QStringLiteral("/api/v1/watchers"),
             [context](const ApiRequest &request) { return listWatchers(context, request); })
        .withQuery({ "limit", "cursor" });
    router
        .add(
            "POST", QStringLiteral("/api/v1/watchers"),
            [context](const ApiRequest &request) { return createWatcher(context, request); },
            WatcherSpec::MaxTaskBytes * 2)
        .withQuery({ "validate_only" });
    // Before the {id} routes, which would take "pause-all" for an id.
    router.add("POST", QStringLiteral("/api/v1/watchers/pause-all"),
               [context](const ApiRequest &request) {
                   return changeAll(request, [&context, &request]() {
                       return context.watchers.pauseAll(request.actor());
                   });
               });
    router.add("POST", QStringLiteral("/api/v1/watchers/resume-all"),
               [context](const ApiRequest &request) {
                   return changeAll(request, [&context, &request]() {
                       return context.watchers.resumeAll(request.actor());
                   });
               });
    router.add("GET", QStringLiteral("/api/v1/watchers/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = watcherId(request);
                   if (!id)
                       return fail(id.error());
                   auto watcher = context.watchers.get(id.value());
                   if (!watcher)
                       return fail(ApiError::from(watcher.error()));
                   return ApiResponse::json(events::toApiJson(watcher.value()));
               });
    router
        .add(
            "PATCH", QStringLiteral("/api/v1/watchers/([^/]+)"),
            [context](const ApiRequest &request) { return updateWatcher(context, request); },
            WatcherSpec::MaxTaskBytes * 2)
        .withQuery({ "validate_only" });
    router.add("DELETE", QStringLiteral("/api/v1/watchers/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = watcherId(request);
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   if (auto removed = context.watchers.remove(id.value()); !removed)
                       return fail(ApiError::from(removed.error()));
                   return ApiResponse::noContent();
               });
    router.add("POST", QStringLiteral("/api/v1/watchers/([^/]+)/run"),
               [context](const ApiRequest &request) { return runWatcher(context, request); });
    router.add("GET", QStringLiteral("/api/v1/watchers/([^/]+)/review"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = watcherId(request);
                   if (!id)
                       return fail(id.error());
                   auto watcher = context.watchers.get(id.value());
                   if (!watcher)
                       return fail(ApiError::from(watcher.error()));
                   return ApiResponse::json(events::toReviewJson(watcher.value()));
               });
    router.add("POST", QStringLiteral("/api/v1/watchers/([^/]+)/approve"),
               [context](const ApiRequest &request) { return approveWatcher(context, request); });
    router.add("POST", QStringLiteral("/api/v1/watchers/([^/]+)/reject"),
               [context](const ApiRequest &request) { return rejectWatcher(context, request); });
}

void registerRunRoutes(Router &router, const WatcherRouteContext &context)
{
    router
        .add("GET", QStringLiteral("/api/v1/runs"),
             [context](const ApiRequest &request) { return listRuns(context, request); })
        .withQuery({ "watcher", "status", "since", "before", "limit", "cursor" });
    router.add("GET", QStringLiteral("/api/v1/runs/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   auto run = context.runs.get(id.value());
                   if (!run)
                       return fail(ApiError::from(run.error()));
                   QJsonObject json = events::toApiJson(run.value());
                   const std::optional<QString> &output = run->output;
                   json.insert(QStringLiteral("output"),
                               output && !output->isNull() ? QJsonValue(*output) : QJsonValue());
                   return ApiResponse::json(json);
               });
    router
        .add("GET", QStringLiteral("/api/v1/runs/([^/]+)/logs"),
             [context](const ApiRequest &request) { return runLogs(context, request); })
        .withQuery({ "after" });
    router.add("POST", QStringLiteral("/api/v1/runs/([^/]+)/cancel"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto cancelled = context.runs.cancel(id.value());
                   if (!cancelled)
                       return fail(ApiError::from(cancelled.error()));
                   return ApiResponse::json(events::toApiJson(cancelled.value()));
               });
    router.add("POST", QStringLiteral("/api/v1/runs/([^/]+)/retry"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   if (auto body = noFields(request); !body)
                       return fail(body.error());
                   auto retry = context.runs.retry(id.value(), request.actor());
                   if (!retry)
                       return fail(ApiError::from(retry.error()));
                   return ApiResponse::json(events::toApiJson(retry.value()), 201);
               });
}

} // namespace hearth::http
