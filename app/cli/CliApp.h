#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace hearth::client {
class ApiClient;
struct ApiReply;
} // namespace hearth::client

namespace hearth::cli {

// Exit codes every command shares.
enum ExitCode { ExitOk = 0, ExitApiError = 1, ExitUsage = 2, ExitNotRunning = 3 };

// `hearth`, the command-line client: parses a command, connects to the data
// dir's verified hearthd, runs the command, prints table or JSON output.
class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    explicit CliApp(QStringList arguments);
    int run();

private:
    struct Command;
    int runStatus(client::ApiClient &api);
    int runKvList(client::ApiClient &api);
    int runKvGet(client::ApiClient &api);
    int runKvSet(client::ApiClient &api);
    int runKvRemove(client::ApiClient &api);

    int reportFailure(const client::ApiReply &reply);
    bool jsonOutput() const;

    QStringList m_arguments;
    QStringList m_positional;
    QString m_output;
    QString m_prefix;
};

} // namespace hearth::cli
