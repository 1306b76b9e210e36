#include "Escalation.h"

#include "ResultSchema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::scheduler {

namespace {

const QString AgentKindKey = QStringLiteral("agent_kind");
const QString PromptKey = QStringLiteral("prompt");
const QString TimeoutKey = QStringLiteral("timeout_s");
const QString SchemaKey = QStringLiteral("result_schema");

} // namespace

Result<EscalationTask, FieldError> EscalationTask::fromRequest(const QJsonObject &json)
{
    if (auto known = onlyKnownFields(json, QString(),
                                     { "profile", "prompt", "data", "schema", "timeout_s" });
        !known)
        return fail(known.error());
    EscalationTask task;
    const QJsonValue profile = json.value(QStringLiteral("profile"));
    if (!profile.isString() || !isAgentProfileName(profile.toString()))
        return fail(FieldError { QStringLiteral("profile"),
                                 QStringLiteral("must name an agent profile (claude, codex or a "
                                                "custom profile's name)") });
    task.agentKind = profile.toString();
    auto prompt = agentPrompt(json.value(QStringLiteral("prompt")));
    if (!prompt)
        return fail(prompt.error());
    task.prompt = prompt.value();
    const QJsonValue schema = json.value(QStringLiteral("schema"));
    // Lua's empty table encodes as []: `schema = {}` is no schema, as {} is.
    const bool empty = schema.isArray() && schema.toArray().isEmpty();
    if (!schema.isUndefined() && !schema.isNull() && !empty) {
        if (!schema.isObject())
            return fail(FieldError { QStringLiteral("schema"),
                                     QStringLiteral("must be a JSON Schema (a table)") });
        if (auto parsed = ResultSchema::parse(schema.toObject()); !parsed)
            return fail(FieldError { QStringLiteral("schema"), parsed.error() });
        task.resultSchema = schema.toObject();
    }
    auto timeout = wholeNumberField(json, TimeoutKey, TimeoutKey, 1, AgentTask::MaxTimeoutSeconds,
                                    DefaultTimeoutSeconds);
    if (!timeout)
        return fail(timeout.error());
    task.timeoutMs = timeout.value() * 1000;
    return task;
}

QJsonObject EscalationTask::toJson() const
{
    QJsonObject json { { AgentKindKey, agentKind },
                       { PromptKey, prompt },
                       { TimeoutKey, timeoutMs / 1000 },
                       { SchemaKey,
                         resultSchema.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(resultSchema) } };
    return json;
}

QByteArray EscalationTask::toStored() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<EscalationTask> EscalationTask::fromStored(const QByteArray &json)
{
    return fromJson(QJsonDocument::fromJson(json).object());
}

std::optional<EscalationTask> EscalationTask::fromJson(const QJsonObject &object)
{
    if (!object.value(AgentKindKey).isString() || !object.value(PromptKey).isString())
        return std::nullopt;
    EscalationTask task;
    task.agentKind = object.value(AgentKindKey).toString();
    task.prompt = object.value(PromptKey).toString();
    task.timeoutMs = object.value(TimeoutKey).toInteger(DefaultTimeoutSeconds) * 1000;
    task.resultSchema = object.value(SchemaKey).toObject();
    return task;
}

QJsonObject EscalationTask::verdictSchema() const
{
    return resultSchema.isEmpty() ? defaultVerdictSchema() : resultSchema;
}

AgentTask EscalationTask::agentTask(const QByteArray &dataJson) const
{
    AgentTask task;
    task.agentKind = agentKind;
    task.timeoutMs = timeoutMs;
    task.resultSchema = verdictSchema();
    task.prompt = prompt;
    const QByteArray data = dataJson.trimmed();
    if (!data.isEmpty() && data != "null")
        task.prompt += QStringLiteral("\n\nThe data (JSON):\n") + QString::fromUtf8(data);
    return task;
}

QJsonObject defaultVerdictSchema()
{
    const auto text = [](const char *description) {
        return QJsonObject { { QStringLiteral("type"), QStringLiteral("string") },
                             { QStringLiteral("description"), QLatin1String(description) } };
    };
    const QJsonObject properties {
        { QStringLiteral("notify"),
          QJsonObject { { QStringLiteral("type"), QStringLiteral("boolean") },
                        { QStringLiteral("description"),
                          QStringLiteral("whether the user should be told") } } },
        { QStringLiteral("title"), text("the notification's title") },
        { QStringLiteral("body"), text("the notification's text") },
        { QStringLiteral("level"),
          QJsonObject { { QStringLiteral("enum"),
                          QJsonArray { QStringLiteral("info"), QStringLiteral("warning"),
                                       QStringLiteral("error") } } } },
    };
    return { { QStringLiteral("type"), QStringLiteral("object") },
             { QStringLiteral("required"), QJsonArray { QStringLiteral("notify") } },
             { QStringLiteral("properties"), properties } };
}

} // namespace hearth::scheduler
