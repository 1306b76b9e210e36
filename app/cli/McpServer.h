#pragma once

#include "Command.h"

#include <QJsonObject>
#include <QList>
#include <functional>
#include <iosfwd>
#include <optional>

namespace hearth::cli {

// What a tool call answers: its structured result, or the problem (a tool
// error the model can read and correct: isError, not a protocol error).
struct McpToolResult
{
    QJsonObject structured;
    QString error;
};

// One tool: what tools/list says of it, and what a call does.
struct McpTool
{
    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema; // additionalProperties: false
    QJsonObject outputSchema;
    bool readOnly = true;
    bool destructive = false;
    bool idempotent = true;
    std::function<McpToolResult(const CommandContext &context, const QJsonObject &arguments)> call;

    QJsonObject describe() const;
};

// `hearth mcp`: a Model Context Protocol server on stdio (JSON-RPC 2.0, one
// message per line; nothing but protocol on stdout, logs on stderr) over a
// verified connection to hearthd, like every other command. Its tools are
// the API's use cases (McpTools.cpp); its resources are the Lua SDK's
// reference, a watcher's script and a run's logs. `hearth mcp --run ID`, an
// agent run's own server, offers only the run-scoped tools and no
// resources.
class McpServer
{
    Q_DECLARE_TR_FUNCTIONS(McpServer)
public:
    static constexpr const char *LatestProtocol = "2025-11-25";

    // `run`: the scope of the run token the tools were made with.
    McpServer(const CommandContext &context, QList<McpTool> tools,
              std::optional<client::RunScope> run = std::nullopt);

    // Answers messages from `in` until it ends; 0.
    int serve(std::istream &in, std::ostream &out);
    // One message (a line): the answer to write, if any.
    std::optional<QJsonObject> handle(const QByteArray &line);

    const QList<McpTool> &tools() const { return m_tools; }

private:
    QJsonObject initialize(const QJsonObject &params);
    QJsonObject callTool(const QJsonObject &params, QJsonObject &protocolError);
    QJsonObject listResources() const;
    QJsonObject readResource(const QJsonObject &params, QJsonObject &protocolError) const;

    const CommandContext &m_context;
    const QList<McpTool> m_tools;
    const std::optional<client::RunScope> m_run;
    bool m_initialized = false;
};

// The tools `hearth mcp` offers (McpTools.cpp).
QList<McpTool> mcpTools();
// The tools `hearth mcp --run` offers, with the run's token: kv_get, kv_list,
// kv_set and kv_delete on the run's watcher's store, notify and log.
QList<McpTool> runScopedMcpTools(const QByteArray &runToken);
// A watcher by id or name, as the API answers it (script included).
McpToolResult findWatcher(const CommandContext &context, const QString &reference);

// Checks `arguments` against a tool's input schema (required, no other
// properties, each property's type, enum); the first problem, naming the
// argument, or empty.
QString checkArguments(const QJsonObject &schema, const QJsonObject &arguments);

} // namespace hearth::cli
