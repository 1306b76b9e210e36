// hearth mcp: the protocol (JSON-RPC 2.0 over stdio lines) and resources.
#include "McpServer.h"

#include "CliOutput.h"
#include "Commands.h"
#include "core/Version.h"
#include "model/Actor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <cmath>
#include <iostream>
#include <string>

namespace hearth::cli {

namespace {

// JSON-RPC 2.0's error codes.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;
constexpr int InvalidParams = -32602;

// Protocol versions this server speaks, newest first.
const QStringList SupportedProtocols { QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                                       QStringLiteral("2025-03-26") };

const QString SdkReferenceUri = QStringLiteral("hearth://docs/lua-sdk");
const QRegularExpression ScriptUri(QStringLiteral("^hearth://watchers/([^/]+)/script$"));
const QRegularExpression LogsUri(QStringLiteral("^hearth://runs/([1-9][0-9]*)/logs$"));

QJsonObject rpcError(int code, const QString &message)
{
    return { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
}

QJsonObject response(const QJsonValue &id, const QJsonObject &result)
{
    return { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
             { QStringLiteral("id"), id },
             { QStringLiteral("result"), result } };
}

QJsonObject errorResponse(const QJsonValue &id, const QJsonObject &error)
{
    return { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
             { QStringLiteral("id"), id.isUndefined() ? QJsonValue(QJsonValue::Null) : id },
             { QStringLiteral("error"), error } };
}

QString jsonTypeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"integer") {
        // Only whole numbers a double holds exactly: a larger one lost digits
        // when it was parsed (and converting it to an integer is undefined).
        constexpr double MaxExactInteger = 9007199254740992.0; // 2^53
        const double number = value.toDouble();
        return value.isDouble() && std::abs(number) <= MaxExactInteger &&
            std::trunc(number) == number;
    }
    return jsonTypeOf(value) == type;
}

} // namespace

QString checkArguments(const QJsonObject &schema, const QJsonObject &arguments)
{
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray()) {
        if (!arguments.contains(name.toString()))
            return McpServer::tr("%1: is required").arg(name.toString());
    }
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (!properties.contains(it.key())) {
            QStringList known = properties.keys();
            return McpServer::tr("%1: is not an argument of this tool (it takes %2)")
                .arg(it.key(),
                     known.isEmpty() ? McpServer::tr("none") : known.join(QStringLiteral(", ")));
        }
        const QJsonObject property = properties.value(it.key()).toObject();
        const QString type = property.value(QStringLiteral("type")).toString();
        if (!type.isEmpty() && !hasType(it.value(), type))
            return McpServer::tr("%1: must be %2")
                .arg(it.key(),
                     type == u"integer" ? McpServer::tr("an integer")
                                        : McpServer::tr("of type %1").arg(type));
        const QJsonArray choices = property.value(QStringLiteral("enum")).toArray();
        if (!choices.isEmpty() && !choices.contains(it.value())) {
            QStringList names;
            for (const QJsonValue &choice : choices)
                names.append(choice.toString());
            return McpServer::tr("%1: must be one of %2")
                .arg(it.key(), names.join(QStringLiteral(", ")));
        }
    }
    return {};
}

QJsonObject McpTool::describe() const
{
    return { { QStringLiteral("name"), name },
             { QStringLiteral("title"), title },
             { QStringLiteral("description"), description },
             { QStringLiteral("inputSchema"), inputSchema },
             { QStringLiteral("outputSchema"), outputSchema },
             { QStringLiteral("annotations"),
               QJsonObject { { QStringLiteral("title"), title },
                             { QStringLiteral("readOnlyHint"), readOnly },
                             { QStringLiteral("destructiveHint"), destructive },
                             { QStringLiteral("idempotentHint"), idempotent },
                             // Only this machine's hearthd.
                             { QStringLiteral("openWorldHint"), false } } } };
}

McpServer::McpServer(const CommandContext &context, QList<McpTool> tools,
                     std::optional<client::RunScope> run)
    : m_context(context)
    , m_tools(std::move(tools))
    , m_run(std::move(run))
{
}

int McpServer::serve(std::istream &in, std::ostream &out)
{
    std::string line;
    while (std::getline(in, line)) {
        const QByteArray message = QByteArray::fromStdString(line).trimmed();
        if (message.isEmpty())
            continue;
        if (const std::optional<QJsonObject> answer = handle(message)) {
            // Each answer goes out at once: the client waits for it.
            out << QJsonDocument(*answer).toJson(QJsonDocument::Compact).toStdString() << '\n'
                << std::flush;
        }
    }
    return ExitOk;
}

std::optional<QJsonObject> McpServer::handle(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorResponse({},
                             rpcError(ParseError,
                                      tr("not JSON: %1 at offset %2")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset)));
    if (!document.isObject())
        return errorResponse(
            {}, rpcError(InvalidRequest, tr("a message is one JSON object (no batches)")));
    const QJsonObject message = document.object();
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString method = message.value(QStringLiteral("method")).toString();
    const bool notification = !message.contains(QStringLiteral("id"));
    if (message.value(QStringLiteral("jsonrpc")).toString() != u"2.0" || method.isEmpty()) {
        // A response from the client (we send no requests) or a malformed
        // message: answered only when it is a request.
        if (notification || message.contains(QStringLiteral("result")) ||
            message.contains(QStringLiteral("error")))
            return std::nullopt;
        return errorResponse(
            id, rpcError(InvalidRequest, tr("a request needs \"jsonrpc\": \"2.0\" and a method")));
    }
    if (!id.isUndefined() && !id.isString() && !hasType(id, QStringLiteral("integer")))
        return errorResponse({}, rpcError(InvalidRequest, tr("id must be a string or an integer")));
    const QJsonValue paramsValue = message.value(QStringLiteral("params"));
    if (!paramsValue.isUndefined() && !paramsValue.isObject())
        return notification ? std::nullopt
                            : std::optional(errorResponse(
                                  id, rpcError(InvalidParams, tr("params must be an object"))));
    const QJsonObject params = paramsValue.toObject();

    if (notification) {
        if (method == u"notifications/initialized")
            m_initialized = true;
        // Others (cancelled, progress…) need nothing from a server whose
        // calls answer before the next is read.
        return std::nullopt;
    }
    if (method == u"initialize")
        return response(id, initialize(params));
    if (method == u"ping")
        return response(id, {});
    if (!m_initialized)
        return errorResponse(id,
                             rpcError(InvalidRequest,
                                      tr("not initialized: send initialize, then "
                                         "notifications/initialized")));
    QJsonObject protocolError;
    QJsonObject result;
    if (method == u"tools/list") {
        QJsonArray tools;
        for (const McpTool &tool : std::as_const(m_tools))
            tools.append(tool.describe());
        result = { { QStringLiteral("tools"), tools } };
    } else if (method == u"tools/call") {
        result = callTool(params, protocolError);
    } else if (m_run) {
        // A run's own server has its tools and nothing else.
        return errorResponse(id, rpcError(MethodNotFound, tr("no method %1").arg(method)));
    } else if (method == u"resources/list") {
        result = listResources();
    } else if (method == u"resources/templates/list") {
        result = {
            { QStringLiteral("resourceTemplates"),
              QJsonArray {
                  QJsonObject { { QStringLiteral("uriTemplate"),
                                  QStringLiteral("hearth://watchers/{watcher}/script") },
                                { QStringLiteral("name"), QStringLiteral("watcher-script") },
                                { QStringLiteral("title"), tr("A watcher's script") },
                                { QStringLiteral("description"),
                                  tr("The Lua script (or agent prompt) of a watcher, by "
                                     "id or name") },
                                { QStringLiteral("mimeType"), QStringLiteral("text/plain") } },
                  QJsonObject {
                      { QStringLiteral("uriTemplate"), QStringLiteral("hearth://runs/{run}/logs") },
                      { QStringLiteral("name"), QStringLiteral("run-logs") },
                      { QStringLiteral("title"), tr("A run's logs") },
                      { QStringLiteral("description"),
                        tr("Every log line of a run, one per line") },
                      { QStringLiteral("mimeType"), QStringLiteral("text/plain") } } } }
        };
    } else if (method == u"resources/read") {
        result = readResource(params, protocolError);
    } else {
        return errorResponse(id, rpcError(MethodNotFound, tr("no method %1").arg(method)));
    }
    if (!protocolError.isEmpty())
        return errorResponse(id, protocolError);
    return response(id, result);
}

QJsonObject McpServer::initialize(const QJsonObject &params)
{
    const QString asked = params.value(QStringLiteral("protocolVersion")).toString();
    const QString clientName = params.value(QStringLiteral("clientInfo"))
                                   .toObject()
                                   .value(QStringLiteral("name"))
                                   .toString();
    printErr(tr("MCP client %1 asks for protocol %2")
                 .arg(clientName.isEmpty() ? tr("(unnamed)") : clientName, asked));
    // What the client changes is recorded as its own (mcp:<name>).
    m_context.connection.setClientName(Actor::clientHeader(Actor::Kind::Mcp, clientName));
    QJsonObject capabilities { { QStringLiteral("tools"),
                                 QJsonObject { { QStringLiteral("listChanged"), false } } } };
    if (!m_run)
        capabilities.insert(QStringLiteral("resources"),
                            QJsonObject { { QStringLiteral("listChanged"), false },
                                          { QStringLiteral("subscribe"), false } });
    const QString instructions = m_run
        ? tr("You are run %1 of the Hearth watcher \"%2\". These tools act for this run only, "
             "while it runs: kv_* on the watcher's own key-value store (kept between runs; an "
             "escalation shares it with the script that asked), notify to tell the user "
             "(within the watcher's cooldown and notifications per day) and log to write to "
             "this run's log.")
              .arg(m_run->runId, m_run->watcherName)
        : tr("Hearth runs watchers on this machine: Lua scripts (the SDK is the resource "
             "hearth://docs/lua-sdk) or agent prompts, on a schedule or by hand. Try a draft "
             "with script_test and check a watcher with validate_only before you save it.");
    return {
        { QStringLiteral("protocolVersion"),
          SupportedProtocols.contains(asked) ? asked : QString::fromLatin1(LatestProtocol) },
        { QStringLiteral("capabilities"), capabilities },
        { QStringLiteral("serverInfo"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("hearth") },
                        { QStringLiteral("title"), QStringLiteral("Hearth") },
                        { QStringLiteral("version"), QStringLiteral(HEARTH_VERSION) } } },
        { QStringLiteral("instructions"), instructions },
    };
}

QJsonObject McpServer::callTool(const QJsonObject &params, QJsonObject &protocolError)
{
    const QString name = params.value(QStringLiteral("name")).toString();
    const auto tool =
        std::find_if(m_tools.cbegin(), m_tools.cend(),
                     [&name](const McpTool &candidate) { return candidate.name == name; });
    if (tool == m_tools.cend()) {
        protocolError = rpcError(InvalidParams, tr("no tool %1").arg(name));
        return {};
    }
    const QJsonValue argumentsValue = params.value(QStringLiteral("arguments"));
    McpToolResult result;
    if (!argumentsValue.isUndefined() && !argumentsValue.isObject())
        result.error = tr("arguments must be an object");
    else
        result.error = checkArguments(tool->inputSchema, argumentsValue.toObject());
    if (result.error.isEmpty())
        result = tool->call(m_context, argumentsValue.toObject());
    if (!result.error.isEmpty()) {
        return { { QStringLiteral("content"),
                   QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                              { QStringLiteral("text"), result.error } } } },
                 { QStringLiteral("isError"), true } };
    }
    // The structured result, and the same as text for clients that read
    // only content.
    const QString text =
        QString::fromUtf8(QJsonDocument(result.structured).toJson(QJsonDocument::Compact));
    return { { QStringLiteral("content"),
               QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                          { QStringLiteral("text"), text } } } },
             { QStringLiteral("structuredContent"), result.structured },
             { QStringLiteral("isError"), false } };
}

QJsonObject McpServer::listResources() const
{
    return { { QStringLiteral("resources"),
               QJsonArray { QJsonObject {
                   { QStringLiteral("uri"), SdkReferenceUri },
                   { QStringLiteral("name"), QStringLiteral("lua-sdk") },
                   { QStringLiteral("title"), tr("Hearth's Lua SDK reference") },
                   { QStringLiteral("description"),
                     tr("What a watcher's script can call: http, html, feed, diff, jq, kv, "
                        "secrets, notify, snapshot, and its limits") },
                   { QStringLiteral("mimeType"), QStringLiteral("text/markdown") } } } } };
}

QJsonObject McpServer::readResource(const QJsonObject &params, QJsonObject &protocolError) const
{
    const QString uri = params.value(QStringLiteral("uri")).toString();
    const auto contents = [&uri](const QString &text, const QString &mimeType) {
        return QJsonObject { { QStringLiteral("contents"),
                               QJsonArray { QJsonObject { { QStringLiteral("uri"), uri },
                                                          { QStringLiteral("mimeType"), mimeType },
                                                          { QStringLiteral("text"), text } } } } };
    };
    // -32002: the resource is not there (MCP's own code).
    const auto notFound = [&protocolError, &uri](const QString &why) {
        protocolError = rpcError(-32002, tr("%1: %2").arg(uri, why));
        protocolError.insert(QStringLiteral("data"),
                             QJsonObject { { QStringLiteral("uri"), uri } });
        return QJsonObject();
    };
    if (uri == SdkReferenceUri) {
        QFile reference(QStringLiteral(":/docs/lua-sdk.md"));
        if (!reference.open(QIODevice::ReadOnly))
            return notFound(tr("not built in"));
        return contents(QString::fromUtf8(reference.readAll()), QStringLiteral("text/markdown"));
    }
    if (const auto match = ScriptUri.match(uri); match.hasMatch()) {
        const McpToolResult watcher =
            findWatcher(m_context, QUrl::fromPercentEncoding(match.captured(1).toUtf8()));
        if (!watcher.error.isEmpty())
            return notFound(watcher.error);
        const QJsonObject json = watcher.structured;
        const QString text = json.contains(QStringLiteral("script"))
            ? json.value(QStringLiteral("script")).toString()
            : json.value(QStringLiteral("prompt")).toString();
        return contents(text, QStringLiteral("text/plain"));
    }
    if (const auto match = LogsUri.match(uri); match.hasMatch()) {
        const auto log = m_context.api.call(client::api::runLog(match.captured(1), 0));
        if (!log.ok())
            return notFound(log.reply.errorMessage());
        QStringList lines;
        for (const client::LogLine &line : log.value->lines)
            lines.append(line.time.text() + u' ' + logLevelName(line.level).toUpper() + u' ' +
                         line.message);
        return contents(lines.join(u'\n'), QStringLiteral("text/plain"));
    }
    protocolError = rpcError(InvalidParams, tr("no resource %1").arg(uri));
    return {};
}

McpCommand::McpCommand()
    : Command({ QStringLiteral("mcp") }, {},
              tr("Serve the Model Context Protocol on stdin and stdout for a local agent "
                 "(tools over this data dir's hearthd; logs on stderr)."),
              0, { cliOptions().runScope })
{
}

int McpCommand::execute(const CommandContext &c) const
{
    if (!c.isSet(cliOptions().runScope)) {
        McpServer server(c, mcpTools());
        return server.serve(std::cin, std::cout);
    }
    // The token comes in the environment (the worker's MCP configuration
    // sets it), never on the command line, where other users' ps sees it.
    const QString runId = c.value(cliOptions().runScope);
    const QByteArray token = qgetenv("HEARTH_RUN_TOKEN");
    if (token.isEmpty()) {
        printErr(tr("--run needs the run's token in HEARTH_RUN_TOKEN (the worker running the "
                    "agent sets it)"));
        return ExitUsage;
    }
    const auto scope = c.api.call(client::withToken(client::api::runScope(), token));
    if (!scope.ok()) {
        printErr(tr("run %1: %2").arg(runId, failureText(scope.reply)));
        return scope.reply.status == 0 ? ExitNotRunning : ExitApiError;
    }
    if (scope.value->runId != runId) {
        printErr(tr("the run token is run %1's, not run %2's").arg(scope.value->runId, runId));
        return ExitUsage;
    }
    McpServer server(c, runScopedMcpTools(token), scope.value);
    return server.serve(std::cin, std::cout);
}

} // namespace hearth::cli
