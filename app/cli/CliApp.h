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

// "every 90s", "5m", "2h", "1d", "30": seconds, or -1 (shared by `schedule
// next` and `watchers add --every`).
qint64 parseEvery(const QString &text);

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
    // From the shutdown signal thread: a running worker stops gracefully;
    // anything else (or a second interrupt) exits at once with 130.
    static void interrupt();

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
    int runWatchersList(client::ApiClient &api);
    int runWatchersShow(client::ApiClient &api);
    int runWatchersAdd(client::ApiClient &api);
    int runWatchersEdit(client::ApiClient &api);
    int runWatchersRemove(client::ApiClient &api);
    int runWatchersEnable(client::ApiClient &api);
    int runWatchersDisable(client::ApiClient &api);
    int runWatchersRun(client::ApiClient &api);
    int runPause(client::ApiClient &api);
    int runResume(client::ApiClient &api);
    int runRunsList(client::ApiClient &api);
    int runRunsShow(client::ApiClient &api);
    int runRunsCancel(client::ApiClient &api);
    int runRunsRetry(client::ApiClient &api);
    int runLogs(client::ApiClient &api);
    int runEvents(client::ApiClient &api);
    int runNotificationsList(client::ApiClient &api);
    int runNotificationsRead(client::ApiClient &api);
    int runNotificationsReadAll(client::ApiClient &api);
    int runWorker(client::ApiClient &api);
    int runWorkersList(client::ApiClient &api);
    int runWorkersRemove(client::ApiClient &api);

    // The watcher fields given as options (--name, --cron, …, --file), as
    // the JSON the API takes; ExitOk or a usage error already printed.
    int watcherFieldsFromOptions(QJsonObject &fields, bool creating);
    // WATCHER as an id: numbers are ids, anything else a name to look up.
    int resolveWatcher(client::ApiClient &api, const QString &reference, QString &id);
    int setWatcherEnabled(client::ApiClient &api, bool enabled);
    // Pause all or Resume: the watchers it changed, or that nothing did.
    int changeAllWatchers(client::ApiClient &api, bool pause);
    int printRunResult(const client::ApiReply &reply);
    // After a successful write: the server's answer as JSON, or `line`.
    int printReplyOr(const client::ApiReply &reply, const QString &line);

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
    QString m_name;
    QString m_cron;
    QString m_every;
    QString m_at;
    QString m_scriptFile;
    QString m_specFile;
    QString m_watcher;
    QString m_status;
    QString m_limit;
    bool m_follow = false;
    bool m_unread = false;
    QString m_agentKind;
    QString m_prompt;
    QString m_promptFile;
    QString m_deviceWorker;
    QStringList m_profiles;
    bool m_once = false;
    QString m_dataDir;

    const QCommandLineOption m_prefixOption;
    const QCommandLineOption m_yesOption;
    const QCommandLineOption m_eventOption;
    const QCommandLineOption m_timeZoneOption;
    const QCommandLineOption m_fromOption;
    const QCommandLineOption m_countOption;
    const QCommandLineOption m_nameOption;
    const QCommandLineOption m_cronOption;
    const QCommandLineOption m_everyOption;
    const QCommandLineOption m_atOption;
    const QCommandLineOption m_scriptOption;
    const QCommandLineOption m_fileOption;
    const QCommandLineOption m_watcherOption;
    const QCommandLineOption m_statusOption;
    const QCommandLineOption m_limitOption;
    const QCommandLineOption m_followOption;
    const QCommandLineOption m_unreadOption;
    const QCommandLineOption m_agentOption;
    const QCommandLineOption m_promptOption;
    const QCommandLineOption m_promptFileOption;
    const QCommandLineOption m_deviceWorkerOption;
    const QCommandLineOption m_profileOption;
    const QCommandLineOption m_onceOption;
};

} // namespace hearth::cli
