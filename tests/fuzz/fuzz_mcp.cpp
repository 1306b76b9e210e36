// libFuzzer: any bytes as the lines an MCP client sends `hearth mcp`. Every
// line must be answered with a JSON-RPC 2.0 response (or, for a notification
// or a client's response, nothing), whatever it holds: framing, lifecycle,
// method dispatch, tool argument checks against each input schema, resource
// URIs. The runtime is not there (its URL has a scheme nothing serves), so
// tool calls that pass their checks end in a tool error, as they would if
// hearthd went away. Each input goes to both servers: `hearth mcp` and an
// agent run's own (`hearth mcp --run`), whose tools and methods differ.
#include "McpServer.h"
#include "client/HearthApi.h"
#include "client/RuntimeConnection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <cstdlib>
#include <memory>

namespace {
struct Fixture
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<hearth::client::ApiClient> client;
    QCommandLineParser parser;
    std::unique_ptr<hearth::cli::CommandContext> context;
    QList<hearth::cli::McpTool> tools;
    QList<hearth::cli::McpTool> runTools;
    hearth::client::RunScope run { QStringLiteral("7"), QStringLiteral("3"),
                                   QStringLiteral("fuzzed") };
};
Fixture *fixture = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fixture = new Fixture;
    fixture->app = std::make_unique<QCoreApplication>(*argc, *argv);
    // A scheme nothing serves: every request fails at once, without a socket.
    fixture->client = std::make_unique<hearth::client::ApiClient>(
        QUrl(QStringLiteral("hearth-fuzz://absent")), QByteArrayLiteral("fuzz-mcp"));
    fixture->context.reset(
        new hearth::cli::CommandContext { *fixture->client,
                                          hearth::client::HearthApi(*fixture->client),
                                          fixture->parser,
                                          {},
                                          QStringLiteral("/nonexistent"),
                                          false });
    fixture->tools = hearth::cli::mcpTools();
    fixture->runTools = hearth::cli::runScopedMcpTools(QByteArrayLiteral("hr_fuzz"));
    return 0;
}

namespace {

void serve(hearth::cli::McpServer &server, const QByteArray &bytes)
{
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const std::optional<QJsonObject> answer = server.handle(line);
        if (!answer)
            continue;
        if (answer->value(QStringLiteral("jsonrpc")).toString() != u"2.0" ||
            (answer->contains(QStringLiteral("result")) ==
             answer->contains(QStringLiteral("error"))))
            std::abort(); // not a JSON-RPC response
        (void)QJsonDocument(*answer).toJson(QJsonDocument::Compact);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // A fresh server per input: each input is one session from its start.
    hearth::cli::McpServer server(*fixture->context, fixture->tools);
    serve(server, bytes);
    hearth::cli::McpServer runServer(*fixture->context, fixture->runTools, fixture->run);
    serve(runServer, bytes);
    // What the requests left for the event loop to delete (their replies),
    // which a fuzzer never returns to.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
