#include "WatcherHandlers.h"

#include "events/EventBus.h"
#include "events/RunEvents.h"
#include "http/Router.h"
#include "scheduler/FirePlanner.h"
#include "scheduler/Schedule.h"
#include "scheduler/Scheduler.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"
#include "store/WorkerRepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

using scheduler::WatcherSpec;

QJsonObject watcherJson(const WatcherRecord &watcher)
{
    QJsonObject json = watcher.spec.toJson();
    json.insert(QStringLiteral("id"), QString::number(watcher.id));
    json.insert(QStringLiteral("next_run_at"), scheduler::rfc3339OrNull(watcher.nextRunAt));
    json.insert(QStringLiteral("last_fired_at"), scheduler::rfc3339OrNull(watcher.lastFiredAt));
    json.insert(QStringLiteral("created_at"), watcher.createdAt);
    json.insert(QStringLiteral("updated_at"), watcher.updatedAt);
    return json;
}

ApiError fromStore(const StoreError &error, const QByteArray &conflictCode)
{
    switch (error.code) {
    case StoreError::NotFound:
        return ApiError::notFound(error.message);
    case StoreError::Conflict:
        return { 409, conflictCode, error.message, {} };
    case StoreError::Storage:
        break;
    }
    return ApiError::internal(error.message);
}

ApiError fromField(const FieldError &error)
{
    return ApiError::invalidRequest(error.field, error.message);
}

Result<WatcherRecord, ApiError> findWatcher(const WatcherRouteContext &context,
                                            const ApiRequest &request)
{
    auto id =
        idParameter(request.pathParams.value(0), QStringLiteral("id"), QStringLiteral("watcher"));
    if (!id)
        return fail(id.error());
    auto watcher = context.watchers.get(id.value());
    if (!watcher)
        return fail(ApiError::internal(watcher.error()));
    if (!watcher.value())
        return fail(ApiError::notFound(QStringLiteral("no watcher %1").arg(id.value())));
    return *watcher.value();
}

Result<qint64, ApiError> runId(const ApiRequest &request)
{
    return idParameter(request.pathParams.value(0), QStringLiteral("id"), QStringLiteral("run"));
}

std::optional<qint64> firstFire(const WatcherSpec &spec, qint64 now)
{
    return spec.enabled ? scheduler::firstFireAfter(spec.schedule, now) : std::nullopt;
}

void publishWatcher(const WatcherRouteContext &context, const QString &action,
                    const QJsonObject &watcher)
{
    context.events.publish(
        "watcher",
        { { QStringLiteral("action"), action }, { QStringLiteral("watcher"), watcher } });
}

// An agent watcher runs on one device worker: the one it names, which must
// exist and run its agent kind, or by default the only worker that does.
Result<void, ApiError> resolvePin(const WatcherRouteContext &context, WatcherSpec &spec)
{
    if (!spec.isAgent())
        return {};
    const QString field = QStringLiteral("device_worker_id");
    auto workers = context.workers.list();
    if (!workers)
        return fail(ApiError::internal(workers.error()));
    QList<WorkerRecord> able;
    for (const WorkerRecord &worker : std::as_const(workers.value())) {
        if (spec.deviceWorkerId && worker.id == *spec.deviceWorkerId) {
            if (!worker.runs(spec.agentKind))
                return fail(ApiError::invalidRequest(
                    field,
                    QStringLiteral("worker %1 (%2) runs %3 agents, not %4")
                        .arg(worker.id)
                        .arg(worker.name, worker.agentKinds.join(QStringLiteral(", ")),
                             spec.agentKind)));
            return {};
        }
        if (worker.runs(spec.agentKind))
            able.append(worker);
    }
    if (spec.deviceWorkerId)
        return fail(ApiError::invalidRequest(
            field, QStringLiteral("there is no worker %1").arg(*spec.deviceWorkerId)));
    if (able.size() == 1) {
        spec.deviceWorkerId = able.constFirst().id;
        return {};
    }
    if (able.isEmpty())
        return fail(ApiError::invalidRequest(
            field,
            QStringLiteral("no registered device worker runs %1 agents; start one (`hearth worker "
                           "--profile %1`) or name one")
                .arg(spec.agentKind)));
    QStringList names;
    for (const WorkerRecord &worker : std::as_const(able))
        names.append(QStringLiteral("%1 (%2)").arg(worker.id).arg(worker.name));
    return fail(
        ApiError::invalidRequest(field,
                                 QStringLiteral("several workers run %1 agents (%2); name one")
                                     .arg(spec.agentKind, names.join(QStringLiteral(", ")))));
}

HandlerResult createWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    auto spec = WatcherSpec::fromJson(body.value(), context.ceilings, context.checkSyntax);
    if (!spec)
        return fail(fromField(spec.error()));
    if (auto pinned = resolvePin(context, spec.value()); !pinned)
        return fail(pinned.error());
    auto created =
        context.watchers.create(spec.value(), firstFire(spec.value(), context.scheduler.nowMs()));
    if (!created)
        return fail(fromStore(created.error(), "name_taken"));
    const QJsonObject json = watcherJson(created.value());
    publishWatcher(context, QStringLiteral("created"), json);
    context.scheduler.wake();
    return ApiResponse::json(json, 201);
}

HandlerResult updateWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto current = findWatcher(context, request);
    if (!current)
        return fail(current.error());
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    auto spec =
        WatcherSpec::patched(current->spec, body.value(), context.ceilings, context.checkSyntax);
    if (!spec)
        return fail(fromField(spec.error()));
    // The pin is checked when it (or what it must run) changes, so that a
    // watcher whose worker was removed can still be edited and re-pinned.
    if (spec->isAgent() &&
        (spec->deviceWorkerId != current->spec.deviceWorkerId ||
         spec->agentKind != current->spec.agentKind || !current->spec.isAgent())) {
        if (auto pinned = resolvePin(context, spec.value()); !pinned)
            return fail(pinned.error());
    }
    // A new schedule, or enabling, starts counting from now; anything else
    // keeps the next fire where it is.
    const bool reschedule = spec->schedule.toJson() != current->spec.schedule.toJson() ||
        spec->enabled != current->spec.enabled;
    auto updated = context.watchers.update(current->id, spec.value(), reschedule,
                                           firstFire(spec.value(), context.scheduler.nowMs()));
    if (!updated)
        return fail(fromStore(updated.error(), "name_taken"));
    const QJsonObject json = watcherJson(updated.value());
    publishWatcher(context, QStringLiteral("updated"), json);
    context.scheduler.wake();
    return ApiResponse::json(json);
}

HandlerResult runWatcher(const WatcherRouteContext &context, const ApiRequest &request)
{
    auto watcher = findWatcher(context, request);
    if (!watcher)
        return fail(watcher.error());
    QByteArray event = "{}";
    if (!request.body.trimmed().isEmpty()) {
        auto body = request.jsonObject();
        if (!body)
            return fail(body.error());
        if (auto known = onlyKnownFields(body.value(), {}, { "event" }); !known)
            return fail(fromField(known.error()));
        if (body->contains(QStringLiteral("event"))) {
            if (!body->value(QStringLiteral("event")).isObject())
                return fail(ApiError::invalidRequest(QStringLiteral("event"),
                                                     QStringLiteral("must be an object")));
            event = QJsonDocument(body->value(QStringLiteral("event")).toObject())
                        .toJson(QJsonDocument::Compact);
        }
    }
    const qint64 now = context.scheduler.nowMs();
    FireRequest fire;
    fire.watcherId = watcher->id;
    fire.concurrency = watcher->spec.concurrency;
    fire.refuseWhileActive = true;
    fire.nowMs = now;
    fire.runs = { NewRun { now, QStringLiteral("manual"), now, event,
                           watcher->spec.isAgent() ? watcher->spec.deviceWorkerId
                                                   : std::nullopt } };
    auto fired = context.runs.fire(fire);
    if (!fired)
        return fail(fromStore(fired.error(), "run_active"));
    context.scheduler.stopExecutions(fired->replacedRunning);
    if (fired->created.isEmpty())
        return fail(ApiError::internal(QStringLiteral("the run was not recorded")));
    const RunRecord &run = fired->created.constFirst();
    events::publishRun(context.events, QStringLiteral("created"), run);
    context.scheduler.wake();
    return ApiResponse::json(run.toJson(), 201);
}

// ?name=<id>, absent allowed.
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

HandlerResult listRuns(const WatcherRouteContext &context, const ApiRequest &request)
{
    static const QStringList Statuses { QStringLiteral("pending"),   QStringLiteral("running"),
                                        QStringLiteral("succeeded"), QStringLiteral("failed"),
                                        QStringLiteral("dead"),      QStringLiteral("cancelled"),
                                        QStringLiteral("skipped") };
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
    filter.status = request.query.value(QStringLiteral("status"));
    if (request.query.contains(QStringLiteral("status")) && !Statuses.contains(filter.status))
        return fail(ApiError::invalidRequest(QStringLiteral("status"),
                                             QStringLiteral("must be one of ") +
                                                 Statuses.join(QStringLiteral(", "))));
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
        return fail(ApiError::internal(page.error()));
    QJsonArray items;
    for (const RunRecord &run : std::as_const(page.value()))
        items.append(run.toJson());
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
        return fail(ApiError::internal(run.error()));
    if (!run.value())
        return fail(ApiError::notFound(QStringLiteral("no run %1").arg(id.value())));
    int after = 0;
    if (request.query.contains(QStringLiteral("after"))) {
        bool ok = false;
        after = request.query.value(QStringLiteral("after")).toInt(&ok);
        if (!ok || after < 0)
            return fail(ApiError::invalidRequest(QStringLiteral("after"),
                                                 QStringLiteral("must be a log line number")));
    }
    auto lines = context.runs.logs(id.value(), after);
    if (!lines)
        return fail(ApiError::internal(lines.error()));
    QJsonArray items;
    for (const RunLogRecord &line : std::as_const(lines.value()))
        items.append(line.toJson());
    return ApiResponse::json({ { QStringLiteral("items"), items },
                               { QStringLiteral("run_status"), run.value()->status } });
}

} // namespace

void registerWatcherRoutes(Router &router, const WatcherRouteContext &context)
{
    router.add("GET", QStringLiteral("/api/v1/watchers"),
               [context](const ApiRequest &) -> HandlerResult {
                   auto all = context.watchers.list();
                   if (!all)
                       return fail(ApiError::internal(all.error()));
                   QJsonArray items;
                   for (const WatcherRecord &watcher : std::as_const(all.value())) {
                       // Scripts can be large; GET /api/v1/watchers/{id} has them.
                       QJsonObject json = watcherJson(watcher);
                       json.remove(QStringLiteral("script"));
                       items.append(json);
                   }
                   return ApiResponse::json({ { QStringLiteral("items"), items } });
               });
    router.add(
        "POST", QStringLiteral("/api/v1/watchers"),
        [context](const ApiRequest &request) { return createWatcher(context, request); },
        WatcherSpec::MaxScriptBytes * 2);
    router.add("GET", QStringLiteral("/api/v1/watchers/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto watcher = findWatcher(context, request);
                   if (!watcher)
                       return fail(watcher.error());
                   return ApiResponse::json(watcherJson(watcher.value()));
               });
    router.add(
        "PATCH", QStringLiteral("/api/v1/watchers/([^/]+)"),
        [context](const ApiRequest &request) { return updateWatcher(context, request); },
        WatcherSpec::MaxScriptBytes * 2);
    router.add("DELETE", QStringLiteral("/api/v1/watchers/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto watcher = findWatcher(context, request);
                   if (!watcher)
                       return fail(watcher.error());
                   auto removed = context.watchers.remove(watcher->id);
                   if (!removed)
                       return fail(fromStore(removed.error(), "conflict"));
                   context.scheduler.stopExecutions(removed.value());
                   publishWatcher(context, QStringLiteral("deleted"),
                                  { { QStringLiteral("id"), QString::number(watcher->id) } });
                   context.scheduler.wake();
                   return ApiResponse::noContent();
               });
    router.add("POST", QStringLiteral("/api/v1/watchers/([^/]+)/run"),
               [context](const ApiRequest &request) { return runWatcher(context, request); });
}

void registerRunRoutes(Router &router, const WatcherRouteContext &context)
{
    router.add("GET", QStringLiteral("/api/v1/runs"),
               [context](const ApiRequest &request) { return listRuns(context, request); });
    router.add("GET", QStringLiteral("/api/v1/runs/([^/]+)"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   auto run = context.runs.get(id.value());
                   if (!run)
                       return fail(ApiError::internal(run.error()));
                   if (!run.value())
                       return fail(ApiError::notFound(QStringLiteral("no run %1").arg(id.value())));
                   QJsonObject json = run.value()->toJson();
                   const std::optional<QString> &output = run.value()->output;
                   json.insert(QStringLiteral("output"),
                               output && !output->isNull() ? QJsonValue(*output) : QJsonValue());
                   return ApiResponse::json(json);
               });
    router.add("GET", QStringLiteral("/api/v1/runs/([^/]+)/logs"),
               [context](const ApiRequest &request) { return runLogs(context, request); });
    router.add("POST", QStringLiteral("/api/v1/runs/([^/]+)/cancel"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   auto cancelled = context.runs.cancel(id.value(), context.scheduler.nowMs());
                   if (!cancelled)
                       return fail(fromStore(cancelled.error(), "run_finished"));
                   if (cancelled->wasRunning)
                       context.scheduler.stopExecutions({ id.value() });
                   events::publishRun(context.events, QStringLiteral("finished"), cancelled->run);
                   context.scheduler.wake();
                   return ApiResponse::json(cancelled->run.toJson());
               });
    router.add("POST", QStringLiteral("/api/v1/runs/([^/]+)/retry"),
               [context](const ApiRequest &request) -> HandlerResult {
                   auto id = runId(request);
                   if (!id)
                       return fail(id.error());
                   auto retry = context.runs.redrive(id.value(), context.scheduler.nowMs());
                   if (!retry)
                       return fail(fromStore(retry.error(), "not_retryable"));
                   events::publishRun(context.events, QStringLiteral("created"), retry.value());
                   context.scheduler.wake();
                   return ApiResponse::json(retry->toJson(), 201);
               });
}

} // namespace hearth::http
