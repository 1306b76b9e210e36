#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::client {

// An agent run's own MCP server (`hearth mcp --run ID`) as agents know it:
// its name in the configuration the worker hands them, and its tools — all
// it offers, and what a profile allows an agent that must be told which
// tools it may call without asking (claude -p).
QString runScopedServerName();
QStringList runScopedToolNames();

// How to run one kind of local CLI agent: the program, its arguments (an
// argument "{prompt}" or containing it gets the prompt; with none, the
// prompt goes to the agent's stdin), extra environment and a default working
// directory. The built-in profiles are `claude` and `codex`; custom ones are
// stored in the worker's settings.
struct AgentProfile
{
    enum class OutputFormat {
        Text, // stdout is the agent's answer
        ClaudeJson, // `claude -p --output-format json`: {"result": text, "is_error": …}
    };

    QString name;
    QString program;
    QStringList args;
    QMap<QString, QString> env;
    QString workdir;
    OutputFormat outputFormat = OutputFormat::Text;
    // Added to the arguments when a run's watcher has a result_schema:
    // "{schema}" becomes the schema as compact JSON, "{schema_file}" the
    // path of a file holding it. None: the prompt describes the schema.
    QStringList schemaArgs;
    // Added to the arguments when the run has its own MCP server (`hearth
    // mcp --run ID`): "{mcp_config}" becomes the path of a file holding its
    // configuration ({"mcpServers": {"hearth": {command, args, env}}}, the
    // form claude, Claude Desktop and most agents read). None: the agent
    // runs without it.
    QStringList mcpArgs;

    static QList<AgentProfile> builtIns();
    static std::optional<AgentProfile> builtIn(const QString &name);
    // A custom profile: {"name", "program", "args", "env", "workdir",
    // "output_format", "schema_args", "mcp_args"}.
    static Result<AgentProfile> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    bool promptOnStdin() const;
    QStringList argumentsFor(const QString &prompt) const;
    // schemaArgs with the schema's text and its file's path put in.
    QStringList schemaArgumentsFor(const QByteArray &schemaJson, const QString &schemaFile) const;
    bool takesSchemaFile() const;
    // mcpArgs with the configuration file's path put in.
    QStringList mcpArgumentsFor(const QString &mcpConfigFile) const;
    // The program's absolute path (searched on PATH when it has no
    // directory), or an error that says it is missing: agent_not_found.
    Result<QString> resolvedProgram() const;
};

} // namespace hearth::client
