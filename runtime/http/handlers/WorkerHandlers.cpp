#include "WorkerHandlers.h"

#include "agents/WorkerDispatch.h"
#include "events/ApiJson.h"
#include "http/Router.h"
#include "model/Schedule.h"
#include "services/WorkerService.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace hearth::http {

namespace {

constexpr qsizetype MaxWorkerNameChars = 100;
constexpr int MaxAgentKinds = 20;
constexpr int MaxWaitSeconds = 30;
constexpr int MaxLogLinesPerHeartbeat = 1000;
constexpr qsizetype MaxLogLineChars = 8 * 1024;
// Workers cap what they send at 1 MiB; the server keeps at most this much.
constexpr qsizetype MaxOutputBytes = 1024 * 1024 + 1024;
constexpr qint64 CompletionBodyCap = 4 * 1024 * 1024;
constexpr qint64 HeartbeatSeconds = 5;

// Codes the runtime gives runs itself; a worker may not claim them.
const QStringList ReservedErrorCodes { QStringLiteral("lease_expired"),
                                       QStringLiteral("no_worker"),
                                       QStringLiteral("cancelled"),
                                       QStringLiteral("replaced"),
                                       QStringLiteral("malformed_completion"),
                                       QStringLiteral("schema_mismatch") };

// The worker the request's bearer token names. The token, not any field of
// the body, says who is calling: one local process cannot act as another
// worker by naming its id.
Result<WorkerRecord, ApiError> callingWorker(const WorkerRouteContext &context,
                                             const ApiRequest &request)
{
    const std::optional<QByteArray> token = bearerToken(request);
    if (!token) {
        return fail(
            ApiError::unauthorized("worker_token_required",
                                   QStringLiteral("this endpoint is for device workers: send "
                                                  "Authorization: Bearer <token> (the token "
                                                  "POST /api/v1/workers answered)")));
    }
    auto worker = context.workers.authenticate(*token);
    if (!worker)
        return fail(ApiError::from(worker.error()));
    if (!worker.value()) {
        return fail(ApiError::unauthorized(
            "worker_token_invalid",
            QStringLiteral("unknown worker token: the worker was removed, or registered with "
                           "another data dir; register again")));
    }
    return *worker.value();
}

// A worker's call on one of its resources (/workers/{id}, /workers/runs/{id}).
struct WorkerCall
{
    qint64 resourceId = 0;
    WorkerRecord worker;
};

Result<WorkerCall, ApiError> workerCallOn(const WorkerRouteContext &context,
                                          const ApiRequest &request, const QString &noun)
{
    auto id = resourceId(request, noun);
    if (!id)
        return fail(id.error());
    auto worker = callingWorker(context, request);
    if (!worker)
        return fail(worker.error());
    return WorkerCall { id.value(), worker.value() };
}

Result<QString, ApiError> workerName(const QJsonObject &body)
{
    const QJsonValue value = body.value(QStringLiteral("name"));
    const QString name = value.toString().trimmed();
    if (!value.isString() || name.isEmpty() || name.size() > MaxWorkerNameChars)
        return fail(ApiError::invalidRequest(
            QStringLiteral("name"),
            QStringLiteral("must be a non-empty string of at most %1 characters")
                .arg(MaxWorkerNameChars)));
    if (const auto problem = invisibleCharacterProblem(name))
        return fail(ApiError::invalidRequest(QStringLiteral("name"), *problem));
    return name;
}

Result<QStringList, ApiError> agentKinds(const QJsonObject &body)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"));
    const QJsonValue value = body.value(QStringLiteral("agent_kinds"));
    const QString field = QStringLiteral("agent_kinds");
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxAgentKinds)
        return fail(ApiError::invalidRequest(
            field,
            QStringLiteral("must list 1 to %1 agent kinds (claude, codex, custom profile names)")
                .arg(MaxAgentKinds)));
    QStringList kinds;
    for (const QJsonValue &kind : value.toArray()) {
        if (!kind.isString() || !pattern.match(kind.toString()).hasMatch())
            return fail(ApiError::invalidRequest(
                field,
                QStringLiteral("%1 is not an agent kind name").arg(kind.toVariant().toString())));
        if (!kinds.contains(kind.toString()))
            kinds.append(kind.toString());
    }
    return kinds;
}

// A worker as the API shows it; its active runs too when `withRuns`.
QJsonObject workerJson(const services::WorkerService::WorkerState &state, bool withRuns)
{
    QJsonObject json = events::toApiJson(state.worker);
    json.insert(QStringLiteral("online"), state.online);
    if (withRuns) {
        QJsonArray ids;
        for (qint64 id : state.activeRuns)
            ids.append(QString::number(id));
        json.insert(QStringLiteral("active_runs"), ids);
    }
    return json;
}

HandlerResult registerWorker(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "name", "agent_kinds" }); !known)
        return fail(known.error());
    auto name = workerName(body.value());
    if (!name)
        return fail(name.error());
    auto kinds = agentKinds(body.value());
    if (!kinds)
        return fail(kinds.error());
    auto registered = context.workers.registerWorker(name.value(), kinds.value());
    if (!registered)
        return fail(ApiError::from(registered.error()));
    QJsonObject json = events::toApiJson(registered->worker);
    json.insert(QStringLiteral("token"), QString::fromLatin1(registered->token));
    return ApiResponse::json(json, 201);
}

HandlerResult listWorkers(const WorkerRouteContext &context)
{
    auto workers = context.workers.list();
    if (!workers)
        return fail(ApiError::from(workers.error()));
    QJsonArray items;
    for (const auto &worker : std::as_const(workers.value()))
        items.append(workerJson(worker, true));
    return ApiResponse::json(
        { { QStringLiteral("items"), items }, { QStringLiteral("next"), QJsonValue() } });
}

// PATCH by the worker itself (its token must be the one of {id}): a worker
// that starts again with other profiles updates what it runs.
HandlerResult updateWorker(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto call = workerCallOn(context, request, QStringLiteral("worker"));
    if (!call)
        return fail(call.error());
    const WorkerRecord &caller = call->worker;
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "name", "agent_kinds" }); !known)
        return fail(known.error());
    QString name = caller.name;
    QStringList kinds = caller.agentKinds;
    if (body->contains(QStringLiteral("name"))) {
        auto newName = workerName(body.value());
        if (!newName)
            return fail(newName.error());
        name = newName.value();
    }
    if (body->contains(QStringLiteral("agent_kinds"))) {
        auto newKinds = agentKinds(body.value());
        if (!newKinds)
            return fail(newKinds.error());
        kinds = newKinds.value();
    }
    auto updated = context.workers.update(caller, call->resourceId, name, kinds);
    if (!updated)
        return fail(ApiError::from(updated.error()));
    return ApiResponse::json(workerJson(updated.value(), true));
}

// Removes a worker and cancels its active runs; watchers pinned to it keep
// the pin, and their next runs fail with no_worker until re-pinned.
HandlerResult removeWorker(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto id = resourceId(request, QStringLiteral("worker"));
    if (!id)
        return fail(id.error());
    if (auto body = noFields(request); !body)
        return fail(body.error());
    if (auto removed = context.workers.remove(id.value()); !removed)
        return fail(ApiError::from(removed.error()));
    return ApiResponse::noContent();
}

HandlerResult poll(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto worker = callingWorker(context, request);
    if (!worker)
        return fail(worker.error());
    qint64 waitSeconds = MaxWaitSeconds;
    if (!request.body.trimmed().isEmpty()) {
        auto body = request.jsonObject();
        if (!body)
            return fail(body.error());
        if (auto known = onlyFields(body.value(), { "wait_s" }); !known)
            return fail(known.error());
        auto wait = wholeNumberField(body.value(), QStringLiteral("wait_s"),
                                     QStringLiteral("wait_s"), 0, MaxWaitSeconds, MaxWaitSeconds);
        if (!wait)
            return fail(ApiError::invalidRequest(wait.error().field, wait.error().message));
        waitSeconds = wait.value();
    }
    const auto ticket = context.dispatch.beginPoll(worker->id);
    if (!ticket)
        return fail(ApiError { 503,
                               "too_many_polls",
                               QStringLiteral("%1 polls are already waiting; try again shortly")
                                   .arg(agents::WorkerDispatch::MaxPolls),
                               { { "Retry-After", "1" } } });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(waitSeconds);
    // A worker that stopped (or was killed) while its poll waited must not be
    // handed a run it will never hear of, and its poll slot is freed at once.
    const auto clientGone = [&request]() {
        return request.clientGone();
    };
    if (request.client)
        request.client->onGone([&dispatch = context.dispatch]() { dispatch.wakeWaiters(); });
    for (;;) {
        if (clientGone())
            return ApiResponse::noContent();
        const quint64 seen = context.dispatch.generation();
        auto claimed = context.workers.claimNext(worker.value());
        if (!claimed)
            return fail(ApiError::from(claimed.error()));
        if (claimed.value()) {
            const RunRepository::Claimed &run = claimed.value()->claimed;
            const scheduler::WatcherSpec &spec = run.watcher.spec;
            // Claimed runs are of agent watchers (the claim's SQL says so).
            const scheduler::AgentTask task =
                spec.agent() ? *spec.agent() : scheduler::AgentTask {};
            QJsonObject secrets;
            for (auto it = task.envSecrets.cbegin(); it != task.envSecrets.cend(); ++it)
                secrets.insert(it.key(), it.value());
            QJsonObject watcher {
                { QStringLiteral("id"), QString::number(run.watcher.id) },
                { QStringLiteral("name"), spec.name },
                { QStringLiteral("prompt"), task.prompt },
                { QStringLiteral("agent_kind"), task.agentKind },
                { QStringLiteral("timeout_s"), task.timeoutMs / 1000 },
                { QStringLiteral("workdir"),
                  task.workdir.isEmpty() ? QJsonValue() : QJsonValue(task.workdir) },
                { QStringLiteral("env_secrets"), secrets },
                { QStringLiteral("result_schema"),
                  task.resultSchema.isEmpty() ? QJsonValue() : QJsonValue(task.resultSchema) }
            };
            QJsonValue lastResult;
            if (!run.lastResultJson.isEmpty()) {
                if (auto parsed = parseJsonValue(run.lastResultJson); parsed)
                    lastResult = parsed.value();
            }
            const QJsonObject runJson = events::toApiJson(run.run);
            return ApiResponse::json(
                { { QStringLiteral("run"), runJson },
                  { QStringLiteral("watcher"), watcher },
                  { QStringLiteral("event"), runJson.value(QStringLiteral("event")) },
                  { QStringLiteral("last_result"), lastResult },
                  { QStringLiteral("run_token"), QString::fromLatin1(claimed.value()->runToken) },
                  { QStringLiteral("lease_s"), context.workers.leaseMs() / 1000 },
                  { QStringLiteral("heartbeat_s"),
                    std::min<qint64>(HeartbeatSeconds, context.workers.leaseMs() / 4000 + 1) } });
        }
        if (!context.dispatch.waitForWork(seen, deadline, clientGone))
            return ApiResponse::noContent();
    }
}

} // namespace

Result<QList<lua::LogLine>, ApiError> agentLogLines(const QJsonValue &value)
{
    QList<lua::LogLine> lines;
    if (value.isUndefined() || value.isNull())
        return lines;
    if (!value.isArray() || value.toArray().size() > MaxLogLinesPerHeartbeat)
        return fail(ApiError::invalidRequest(
            QStringLiteral("logs"),
            QStringLiteral("must be a list of at most %1 lines").arg(MaxLogLinesPerHeartbeat)));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject line = entry.toObject();
        // An agent's lines are debug to error (trace is a script's).
        const std::optional<LogLevel> level =
            logLevelFromName(line.value(QStringLiteral("level")).toString(QStringLiteral("info")));
        if (!entry.isObject() || !line.value(QStringLiteral("message")).isString() || !level ||
            *level == LogLevel::Trace)
            return fail(ApiError::invalidRequest(
                QStringLiteral("logs"),
                QStringLiteral("each line is {\"level\": debug|info|warn|error, \"message\": "
                               "text}")));
        lines.append({ *level,
                       line.value(QStringLiteral("message")).toString().left(MaxLogLineChars),
                       {},
                       now });
    }
    return lines;
}

namespace {

HandlerResult heartbeat(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto call = workerCallOn(context, request, QStringLiteral("run"));
    if (!call)
        return fail(call.error());
    QList<lua::LogLine> lines;
    if (!request.body.trimmed().isEmpty()) {
        auto body = request.jsonObject();
        if (!body)
            return fail(body.error());
        if (auto known = onlyFields(body.value(), { "logs" }); !known)
            return fail(known.error());
        auto parsed = agentLogLines(body->value(QStringLiteral("logs")));
        if (!parsed)
            return fail(parsed.error());
        lines = parsed.value();
    }
    auto leaseExpiresAt = context.workers.heartbeat(call->worker, call->resourceId, lines);
    if (!leaseExpiresAt)
        return fail(ApiError::from(leaseExpiresAt.error()));
    return ApiResponse::json(
        { { QStringLiteral("status"), scheduler::runStatusName(scheduler::RunStatus::Running) },
          { QStringLiteral("lease_expires_at"),
            scheduler::rfc3339FromMs(leaseExpiresAt.value()) } });
}

// The body of a completion, checked; errors are 400 (the run then fails).
Result<RunCompletion, ApiError> parseCompletion(const ApiRequest &request, const RunRecord &run,
                                                qint64 nowMs)
{
    auto malformed = [](const QString &message) {
        return ApiError::badRequest("invalid_completion", message);
    };
    auto value = parseJsonValue(request.body);
    if (!value)
        return fail(malformed(value.error().message));
    if (!value->isObject())
        return fail(malformed(QStringLiteral("the body must be a JSON object")));
    const QJsonObject body = value->toObject();
    if (auto known = onlyKnownFields(
            body, {}, { "status", "output", "result", "error", "exit_code", "duration_ms" });
        !known)
        return fail(malformed(known.error().field + QStringLiteral(" ") + known.error().message));
    RunCompletion completion;
    const QString status = body.value(QStringLiteral("status")).toString();
    if (status != u"succeeded" && status != u"failed")
        return fail(malformed(QStringLiteral("status must be \"succeeded\" or \"failed\"")));
    completion.succeeded = status == u"succeeded";

    const QJsonValue output = body.value(QStringLiteral("output"));
    if (!output.isUndefined() && !output.isNull() && !output.isString())
        return fail(malformed(QStringLiteral("output must be text")));
    if (output.isString()) {
        QByteArray bytes = output.toString().toUtf8();
        if (bytes.size() > MaxOutputBytes) {
            const qsizetype dropped = bytes.size() - MaxOutputBytes;
            bytes.truncate(MaxOutputBytes);
            completion.output = QString::fromUtf8(bytes) +
                QStringLiteral("\n[output truncated by hearthd: %1 more bytes]").arg(dropped);
        } else {
            completion.output = output.toString();
        }
    }

    const QJsonValue result = body.value(QStringLiteral("result"));
    completion.resultJson = result.isUndefined()
        ? QByteArray("null")
        : QJsonDocument(QJsonArray { result }).toJson(QJsonDocument::Compact).mid(1).chopped(1);

    const QJsonValue exitCode = body.value(QStringLiteral("exit_code"));
    if (!exitCode.isUndefined() && !exitCode.isNull()) {
        if (!exitCode.isDouble() || exitCode.toDouble() != double(exitCode.toInteger()))
            return fail(malformed(QStringLiteral("exit_code must be a whole number")));
        completion.exitCode = exitCode.toInteger();
    }
    const QJsonValue duration = body.value(QStringLiteral("duration_ms"));
    if (!duration.isUndefined() && !duration.isNull()) {
        if (!duration.isDouble() || duration.toDouble() < 0 ||
            duration.toDouble() != double(duration.toInteger()))
            return fail(malformed(QStringLiteral("duration_ms must be a whole number >= 0")));
        completion.durationMs = duration.toInteger();
    } else {
        completion.durationMs = std::max<qint64>(0, nowMs - run.startedAt.value_or(nowMs));
    }

    const QJsonValue error = body.value(QStringLiteral("error"));
    if (!completion.succeeded) {
        completion.errorCode = QStringLiteral("agent_failed");
        completion.errorMessage = QStringLiteral("the agent failed");
        if (completion.exitCode)
            completion.errorMessage += QStringLiteral(" (exit code %1)").arg(*completion.exitCode);
    }
    if (error.isString()) {
        completion.errorMessage = error.toString();
    } else if (error.isObject()) {
        static const QRegularExpression codePattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
        const QString code = error.toObject().value(QStringLiteral("code")).toString();
        if (!codePattern.match(code).hasMatch() || ReservedErrorCodes.contains(code))
            return fail(malformed(QStringLiteral("error.code must be a snake_case code of the "
                                                 "worker's own (not %1)")
                                      .arg(ReservedErrorCodes.join(QStringLiteral(", ")))));
        completion.errorCode = code;
        completion.errorMessage = error.toObject().value(QStringLiteral("message")).toString();
    } else if (!error.isUndefined() && !error.isNull()) {
        return fail(malformed(QStringLiteral("error must be text or {\"code\", \"message\"}")));
    }
    if (completion.succeeded && (error.isString() || error.isObject()))
        return fail(malformed(QStringLiteral("a succeeded run carries no error")));
    completion.errorMessage = completion.errorMessage.left(MaxLogLineChars);
    return completion;
}

HandlerResult complete(const WorkerRouteContext &context, const ApiRequest &request)
{
    auto call = workerCallOn(context, request, QStringLiteral("run"));
    if (!call)
        return fail(call.error());
    auto held = context.workers.heldRun(call->worker, call->resourceId);
    if (!held)
        return fail(ApiError::from(held.error()));
    auto completion = parseCompletion(request, held.value(), context.workers.nowMs());
    if (!completion) {
        context.workers.failMalformed(call->worker, call->resourceId, completion.error().message);
        return fail(completion.error());
    }
    auto completed = context.workers.complete(call->worker, call->resourceId, completion.value());
    if (!completed)
        return fail(ApiError::from(completed.error()));
    return ApiResponse::json({ { QStringLiteral("idempotent"), completed->idempotent },
                               { QStringLiteral("run"), events::toApiJson(completed->run) } });
}

} // namespace

QJsonArray workersStatus(const WorkerRouteContext &context)
{
    QJsonArray items;
    auto workers = context.workers.list();
    if (!workers)
        return items;
    for (const auto &worker : std::as_const(workers.value()))
        items.append(workerJson(worker, false));
    return items;
}

void registerWorkerRoutes(Router &router, const WorkerRouteContext &context)
{
    router.add("POST", QStringLiteral("/api/v1/workers"),
               [context](const ApiRequest &request) { return registerWorker(context, request); });
    router.add("GET", QStringLiteral("/api/v1/workers"),
               [context](const ApiRequest &) { return listWorkers(context); });
    router.add("POST", QStringLiteral("/api/v1/workers/poll"),
               [context](const ApiRequest &request) { return poll(context, request); });
    router.add("PATCH", QStringLiteral("/api/v1/workers/([^/]+)"),
               [context](const ApiRequest &request) { return updateWorker(context, request); });
    router.add("DELETE", QStringLiteral("/api/v1/workers/([^/]+)"),
               [context](const ApiRequest &request) { return removeWorker(context, request); });
    router.add("POST", QStringLiteral("/api/v1/workers/runs/([^/]+)/heartbeat"),
               [context](const ApiRequest &request) { return heartbeat(context, request); });
    router.add(
        "POST", QStringLiteral("/api/v1/workers/runs/([^/]+)/complete"),
        [context](const ApiRequest &request) { return complete(context, request); },
        CompletionBodyCap);
}

} // namespace hearth::http
