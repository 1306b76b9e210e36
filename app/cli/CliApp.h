#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QJsonArray>
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
// Commands live in *Commands.cpp, one file per resource.
class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    explicit CliApp(QStringList arguments);
    int run();

private:
    struct Command
    {
        QStringList words;
        QString arguments; // usage syntax of the positional arguments
        QString summary;
        int argumentCount;
        QList<QCommandLineOption> options;
        int (CliApp::*handler)(client::ApiClient &);
    };
    QList<Command> commands() const;

    int runStatus(client::ApiClient &api);
    int runKvList(client::ApiClient &api);
    int runKvGet(client::ApiClient &api);
    int runKvSet(client::ApiClient &api);
    int runKvRemove(client::ApiClient &api);
    int runSecretsList(client::ApiClient &api);
    int runSecretsSet(client::ApiClient &api);
    int runSecretsGet(client::ApiClient &api);
    int runSecretsRemove(client::ApiClient &api);
    int runSecretsRotateKey(client::ApiClient &api);
    int runSecretsReset(client::ApiClient &api);
    int runScript(client::ApiClient &api);
    int runScheduleNext(client::ApiClient &api);

    int reportFailure(const client::ApiReply &reply);
    // GETs a list endpoint page after page (following "next"), collecting
    // every item; ExitOk or the failure's exit code.
    int fetchAllPages(client::ApiClient &api, const QString &pathAndQuery, QJsonArray &items);
    // After a PUT: the server's answer as JSON, or "created/updated NAME".
    int printWriteResult(const client::ApiReply &reply, const QString &name);
    // Prints list items as {"items":[…]} or as a table of the given fields.
    int printItems(const QJsonArray &items, const QStringList &headers, const QStringList &fields);
    bool jsonOutput() const { return m_output == u"json"; }

    QStringList m_arguments;
    QStringList m_positional;
    QString m_output;
    QString m_prefix;
    bool m_yes = false;
    QString m_event;
    QString m_timeZone;
    QString m_from;
    QString m_count;

    const QCommandLineOption m_prefixOption;
    const QCommandLineOption m_yesOption;
    const QCommandLineOption m_eventOption;
    const QCommandLineOption m_timeZoneOption;
    const QCommandLineOption m_fromOption;
    const QCommandLineOption m_countOption;
};

} // namespace hearth::cli
