#include "ScriptHandlers.h"

#include "core/Validation.h"
#include "http/Router.h"
#include "sandbox/SandboxPool.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

// Reads one limit: absent keeps the default; outside minimum..ceiling is a
// 422 naming the field, the value and the bound.
Result<qint64, ApiError> limitField(const QJsonObject &limits, const QString &name, qint64 fallback,
                                    qint64 ceiling, qint64 minimum)
{
    auto value = wholeNumberField(limits, name, QStringLiteral("limits.") + name, minimum, ceiling,
                                  fallback);
    if (!value)
        return fail(ApiError::invalidRequest(value.error().field, value.error().message));
    return value.value();
}

QJsonValue parsedOrNull(const QByteArray &json)
{
    auto value = parseJsonValue(json);
    return value ? value.value() : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonArray draftNotificationsJson(const QList<lua::DraftNotification> &drafts)
{
    QJsonArray array;
    for (const lua::DraftNotification &draft : drafts) {
        array.append(QJsonObject { { QStringLiteral("level"), notificationLevelName(draft.level) },
                                   { QStringLiteral("title"), draft.title },
                                   { QStringLiteral("body"), draft.body } });
    }
    return array;
}

QByteArray scriptRunAnswer(const lua::ExecutionResult &result, const QJsonObject &extra)
{
    QJsonArray logs;
    for (const lua::LogLine &line : result.logs) {
        QJsonObject entry { { QStringLiteral("ts"), line.time },
                            { QStringLiteral("level"), logLevelName(line.level) },
                            { QStringLiteral("message"), line.message } };
        if (!line.dataJson.isEmpty())
            entry.insert(QStringLiteral("data"), parsedOrNull(line.dataJson));
        logs.append(entry);
    }
    const bool succeeded = result.outcome == lua::Outcome::Succeeded;
    QJsonObject response = extra;
    response.insert(QStringLiteral("status"),
                    succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed"));
    response.insert(QStringLiteral("logs"), logs);
    response.insert(QStringLiteral("duration_ms"), result.durationMs);
    response.insert(QStringLiteral("instructions"), result.instructions);
    response.insert(QStringLiteral("peak_memory"), result.peakMemoryBytes);
    response.insert(QStringLiteral("error"), QJsonValue(QJsonValue::Null));
    if (!succeeded) {
        QJsonObject error { { QStringLiteral("code"), lua::outcomeName(result.outcome) },
                            { QStringLiteral("message"), result.errorMessage } };
        if (!result.traceback.isEmpty())
            error.insert(QStringLiteral("traceback"), result.traceback);
        response.insert(QStringLiteral("error"), error);
    }
    // The result is embedded verbatim to keep integers exact.
    QByteArray json = QJsonDocument(response).toJson(QJsonDocument::Compact);
    json.chop(1);
    json += ",\"result\":" + result.resultJson + '}';
    return json;
}

void registerScriptRoutes(Router &router, sandbox::SandboxPool &sandboxes, lua::Limits defaults,
                          lua::Limits ceilings)
{
    router.add(
        "POST", QStringLiteral("/api/v1/scripts/run"),
        [&sandboxes, defaults, ceilings](const ApiRequest &request) -> HandlerResult {
            auto body = request.jsonObject();
            if (!body)
                return fail(body.error());
            if (auto known = onlyFields(body.value(), { "source", "event", "limits", "preview" });
                !known)
                return fail(known.error());
            const QJsonValue preview = body->value(QStringLiteral("preview"));
            if (!preview.isUndefined() && !preview.isBool())
                return fail(ApiError::invalidRequest(QStringLiteral("preview"),
                                                     QStringLiteral("must be true or false")));
            const QJsonValue source = body->value(QStringLiteral("source"));
            if (!source.isString())
                return fail(ApiError::invalidRequest(QStringLiteral("source"),
                                                     QStringLiteral("must be a string")));
            lua::ScriptContext context;
            if (body->contains(QStringLiteral("event"))) {
                const QJsonValue event = body->value(QStringLiteral("event"));
                if (!event.isObject())
                    return fail(ApiError::invalidRequest(QStringLiteral("event"),
                                                         QStringLiteral("must be an object")));
                context.eventJson = QJsonDocument(event.toObject()).toJson(QJsonDocument::Compact);
            }
            const QJsonValue limitsValue = body->value(QStringLiteral("limits"));
            if (!limitsValue.isUndefined() && !limitsValue.isObject())
                return fail(ApiError::invalidRequest(QStringLiteral("limits"),
                                                     QStringLiteral("must be an object")));
            const QJsonObject limitsJson = limitsValue.toObject();
            if (auto known =
                    onlyFields(limitsJson, { "instructions", "memory_bytes", "timeout_ms" },
                               QStringLiteral("limits."));
                !known)
                return fail(known.error());
            lua::Limits limits;
            auto instructions = limitField(limitsJson, QStringLiteral("instructions"),
                                           defaults.instructions, ceilings.instructions, 1000);
            if (!instructions)
                return fail(instructions.error());
            auto memory = limitField(limitsJson, QStringLiteral("memory_bytes"),
                                     defaults.memoryBytes, ceilings.memoryBytes, 1024 * 1024);
            if (!memory)
                return fail(memory.error());
            auto timeout = limitField(limitsJson, QStringLiteral("timeout_ms"), defaults.timeoutMs,
                                      ceilings.timeoutMs, 1);
            if (!timeout)
                return fail(timeout.error());
            limits.instructions = instructions.value();
            limits.memoryBytes = memory.value();
            limits.timeoutMs = timeout.value();

            // A preview sends nothing: its notifications come back as drafts.
            context.preview = preview.toBool();
            const lua::ExecutionResult result =
                sandboxes.run(source.toString().toUtf8(), context, limits);
            QJsonObject extra;
            if (context.preview)
                extra.insert(QStringLiteral("notifications"),
                             draftNotificationsJson(result.draftNotifications));
            const QByteArray json = scriptRunAnswer(result, extra);
            return ApiResponse { 200, json, "application/json", {}, {} };
        });
}

} // namespace hearth::http
