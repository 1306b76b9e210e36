#include "AgentProfile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>

namespace hearth::client {

namespace {
const QString PromptPlaceholder = QStringLiteral("{prompt}");
const QString SchemaPlaceholder = QStringLiteral("{schema}");
const QString SchemaFilePlaceholder = QStringLiteral("{schema_file}");
const QString McpConfigPlaceholder = QStringLiteral("{mcp_config}");

// A list of arguments (`field`) of the profile's JSON; none when absent.
Result<QStringList> argumentList(const QJsonObject &json, const QString &field,
                                 const QString &profileName)
{
    const QJsonValue value = json.value(field);
    if (!value.isUndefined() && !value.isArray())
        return fail(QStringLiteral("profile %1: \"%2\" must be a list").arg(profileName, field));
    QStringList arguments;
    for (const QJsonValue &arg : value.toArray()) {
        if (!arg.isString())
            return fail(QStringLiteral("profile %1: every item of \"%2\" must be text")
                            .arg(profileName, field));
        arguments.append(arg.toString());
    }
    return arguments;
}
} // namespace

QString runScopedServerName()
{
    return QStringLiteral("hearth");
}

QStringList runScopedToolNames()
{
    return { QStringLiteral("kv_get"),    QStringLiteral("kv_list"), QStringLiteral("kv_set"),
             QStringLiteral("kv_delete"), QStringLiteral("notify"),  QStringLiteral("log") };
}

QList<AgentProfile> AgentProfile::builtIns()
{
    AgentProfile claude;
    claude.name = QStringLiteral("claude");
    claude.program = QStringLiteral("claude");
    // Structured output: the answer, and whether the agent itself failed.
    claude.args = { QStringLiteral("-p"), PromptPlaceholder, QStringLiteral("--output-format"),
                    QStringLiteral("json") };
    claude.outputFormat = OutputFormat::ClaudeJson;
    // Its answer is then checked by claude and given as structured_output.
    claude.schemaArgs = { QStringLiteral("--json-schema"), SchemaPlaceholder };
    // Its tools then include the run's own MCP server's, allowed by name: in
    // -p mode claude cannot ask whether it may call them, and refuses.
    QStringList allowed;
    for (const QString &tool : runScopedToolNames())
        allowed.append(QStringLiteral("mcp__") + runScopedServerName() + QStringLiteral("__") +
                       tool);
    claude.mcpArgs = { QStringLiteral("--mcp-config"), McpConfigPlaceholder,
                       QStringLiteral("--allowedTools"), allowed.join(u',') };
    AgentProfile codex;
    codex.name = QStringLiteral("codex");
    codex.program = QStringLiteral("codex");
    codex.args = { QStringLiteral("exec"), PromptPlaceholder };
    // Its final message then follows the schema.
    codex.schemaArgs = { QStringLiteral("--output-schema"), SchemaFilePlaceholder };
    return { claude, codex };
}

std::optional<AgentProfile> AgentProfile::builtIn(const QString &name)
{
    for (const AgentProfile &profile : builtIns()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

Result<AgentProfile> AgentProfile::fromJson(const QJsonObject &json)
{
    static const QRegularExpression namePattern(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"));
    for (auto it = json.begin(); it != json.end(); ++it) {
        static const QStringList Known {
            QStringLiteral("name"),        QStringLiteral("program"),
            QStringLiteral("args"),        QStringLiteral("env"),
            QStringLiteral("workdir"),     QStringLiteral("output_format"),
            QStringLiteral("schema_args"), QStringLiteral("mcp_args")
        };
        if (!Known.contains(it.key()))
            return fail(QStringLiteral("profile field %1 is not one of %2")
                            .arg(it.key(), Known.join(QStringLiteral(", "))));
    }
    AgentProfile profile;
    profile.name = json.value(QStringLiteral("name")).toString();
    if (!namePattern.match(profile.name).hasMatch())
        return fail(QStringLiteral("a profile needs a \"name\" of letters, digits, _ . - (at "
                                   "most 40)"));
    profile.program = json.value(QStringLiteral("program")).toString();
    if (profile.program.isEmpty())
        return fail(QStringLiteral("profile %1 needs a \"program\"").arg(profile.name));
    for (const auto &[field, arguments] :
         { std::pair { QStringLiteral("args"), &profile.args },
           std::pair { QStringLiteral("schema_args"), &profile.schemaArgs },
           std::pair { QStringLiteral("mcp_args"), &profile.mcpArgs } }) {
        auto listed = argumentList(json, field, profile.name);
        if (!listed)
            return fail(listed.error());
        *arguments = listed.value();
    }
    const QJsonObject env = json.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        profile.env.insert(it.key(), it.value().toString());
    profile.workdir = json.value(QStringLiteral("workdir")).toString();
    if (!profile.workdir.isEmpty() && !QDir::isAbsolutePath(profile.workdir))
        return fail(
            QStringLiteral("profile %1: \"workdir\" must be an absolute path").arg(profile.name));
    const QString format = json.value(QStringLiteral("output_format")).toString();
    if (format == u"claude-json")
        profile.outputFormat = OutputFormat::ClaudeJson;
    else if (!format.isEmpty() && format != u"text")
        return fail(QStringLiteral("profile %1: \"output_format\" is text or claude-json")
                        .arg(profile.name));
    return profile;
}

QJsonObject AgentProfile::toJson() const
{
    QJsonObject envJson;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        envJson.insert(it.key(), it.value());
    QJsonObject json { { QStringLiteral("name"), name },
                       { QStringLiteral("program"), program },
                       { QStringLiteral("args"), QJsonArray::fromStringList(args) },
                       { QStringLiteral("schema_args"), QJsonArray::fromStringList(schemaArgs) },
                       { QStringLiteral("mcp_args"), QJsonArray::fromStringList(mcpArgs) },
                       { QStringLiteral("env"), envJson },
                       { QStringLiteral("output_format"),
                         outputFormat == OutputFormat::ClaudeJson ? QStringLiteral("claude-json")
                                                                  : QStringLiteral("text") } };
    if (!workdir.isEmpty())
        json.insert(QStringLiteral("workdir"), workdir);
    return json;
}

bool AgentProfile::promptOnStdin() const
{
    for (const QString &arg : args) {
        if (arg.contains(PromptPlaceholder))
            return false;
    }
    return true;
}

QStringList AgentProfile::argumentsFor(const QString &prompt) const
{
    QStringList result;
    for (QString arg : args)
        result.append(arg.replace(PromptPlaceholder, prompt));
    return result;
}

QStringList AgentProfile::schemaArgumentsFor(const QByteArray &schemaJson,
                                             const QString &schemaFile) const
{
    QStringList result;
    for (QString arg : schemaArgs)
        result.append(arg.replace(SchemaFilePlaceholder, schemaFile)
                          .replace(SchemaPlaceholder, QString::fromUtf8(schemaJson)));
    return result;
}

QStringList AgentProfile::mcpArgumentsFor(const QString &mcpConfigFile) const
{
    QStringList result;
    for (QString arg : mcpArgs)
        result.append(arg.replace(McpConfigPlaceholder, mcpConfigFile));
    return result;
}

bool AgentProfile::takesSchemaFile() const
{
    return std::any_of(schemaArgs.cbegin(), schemaArgs.cend(),
                       [](const QString &arg) { return arg.contains(SchemaFilePlaceholder); });
}

Result<QString> AgentProfile::resolvedProgram() const
{
    if (program.contains(u'/') || QDir::isAbsolutePath(program)) {
        const QFileInfo file(program);
        if (file.isFile() && file.isExecutable())
            return file.absoluteFilePath();
        return fail(QStringLiteral("agent_not_found: %1 (profile %2) is not an executable file")
                        .arg(program, name));
    }
    const QString found = QStandardPaths::findExecutable(program);
    if (found.isEmpty())
        return fail(QStringLiteral("agent_not_found: %1 (profile %2) is not on PATH; install it "
                                   "or give the profile a full path")
                        .arg(program, name));
    return found;
}

} // namespace hearth::client
