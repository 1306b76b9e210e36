#pragma once

#include "client/HearthApi.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace hearth::cli {

// Exit codes every command shares.
enum ExitCode { ExitOk = 0, ExitApiError = 1, ExitUsage = 2, ExitNotRunning = 3 };

// The options commands share, defined once (a command lists the ones it
// takes; the parser then accepts only those).
struct CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CliOptions();
    // Every command takes these.
    const QCommandLineOption dataDir;
    const QCommandLineOption url;
    const QCommandLineOption output;
    const QCommandLineOption help;
    const QCommandLineOption version;

    const QCommandLineOption prefix;
    const QCommandLineOption yes;
    const QCommandLineOption event;
    const QCommandLineOption timeZone;
    const QCommandLineOption from;
    const QCommandLineOption count;
    const QCommandLineOption name;
    const QCommandLineOption cron;
    const QCommandLineOption every;
    const QCommandLineOption at;
    const QCommandLineOption after;
    const QCommandLineOption when;
    const QCommandLineOption folder;
    const QCommandLineOption recursive;
    const QCommandLineOption glob;
    const QCommandLineOption settleMs;
    const QCommandLineOption webhook;
    const QCommandLineOption script;
    const QCommandLineOption file;
    const QCommandLineOption watcher;
    const QCommandLineOption status;
    const QCommandLineOption limit;
    const QCommandLineOption follow;
    const QCommandLineOption unread;
    const QCommandLineOption agent;
    const QCommandLineOption prompt;
    const QCommandLineOption promptFile;
    const QCommandLineOption resultSchema;
    const QCommandLineOption deviceWorker;
    const QCommandLineOption keepRuns;
    const QCommandLineOption keepDays;
    const QCommandLineOption profile;
    const QCommandLineOption once;
    const QCommandLineOption words;
    const QCommandLineOption selector;
    const QCommandLineOption jq;
    const QCommandLineOption feed;
    const QCommandLineOption channel;
    const QCommandLineOption deliveryStatus;
    const QCommandLineOption revision;
    const QCommandLineOption runScope;

    QList<QCommandLineOption> global() const;
    // What `watchers add` and `watchers edit` take.
    QList<QCommandLineOption> watcherFields() const;
};
const CliOptions &cliOptions();

// A failed reply in one line: "lost the runtime: …" or "code: message".
QString failureText(const client::ApiReply &reply);

// WATCHER as an id: numbers are ids, anything else a name to look up. When
// none is found, `problem` says why in one line (and `failure` is the reply
// that failed, if one did).
struct WatcherLookup
{
    QString id;
    QString problem;
    std::optional<client::ApiReply> failure;
};
WatcherLookup lookUpWatcher(const client::HearthApi &api, const QString &reference);

// A file's contents, or stdin's for "-"; `error` says why not.
bool readFileOrStdin(const QString &path, QByteArray &contents, QString &error);

// What a command runs with: the verified connection and the API over it,
// its options and arguments as parsed, the data dir, the output format, and
// the ways every command prints results and failures.
class CommandContext
{
    Q_DECLARE_TR_FUNCTIONS(CommandContext)
public:
    client::ApiClient &connection; // for the event stream and the worker
    const client::HearthApi api;
    const QCommandLineParser &parser;
    const QStringList arguments; // the command's positional arguments
    const QString dataDir;
    const bool json; // --output json

    QString value(const QCommandLineOption &option) const { return parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return parser.values(option); }
    bool isSet(const QCommandLineOption &option) const { return parser.isSet(option); }

    // One line on stderr; the exit code for the failure.
    int reportFailure(const client::ApiReply &reply) const;
    // After a PUT: the server's answer as JSON, or "created/updated NAME".
    int printWriteResult(const client::Answer<client::Written> &answer, const QString &name) const;
    // A run as the API answered it: JSON, or one line.
    int printRunResult(const client::Answer<client::Run> &answer) const;
    // After a successful request: the server's answer as JSON, or `line`.
    int printReplyOr(const client::ApiReply &reply, const QString &line) const;
    // `json` as it is with --output json, else the table.
    int printJsonOrTable(const QByteArray &json, const QStringList &header,
                         const QList<QStringList> &rows) const;
    // WATCHER as an id: numbers are ids, anything else a name to look up.
    int resolveWatcher(const QString &reference, QString &id) const;
    // --event as a JSON object: given inline, as @file, or - for stdin;
    // {} when not given. ExitOk, or one line printed and ExitUsage.
    int eventOption(QJsonObject &event) const;
};

// One `hearth` command (KeePassXC's shape): its words, arguments, summary
// and the options it takes, and what it does.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(Command)
public:
    virtual ~Command() = default;

    const QStringList &words() const { return m_words; }
    const QString &arguments() const { return m_arguments; } // usage syntax
    const QString &summary() const { return m_summary; }
    int argumentCount() const { return m_argumentCount; }
    // Whether `count` positional arguments are right (argumentCount, unless
    // a command takes optional ones).
    virtual bool acceptsArguments(qsizetype count) const { return count == m_argumentCount; }
    const QList<QCommandLineOption> &options() const { return m_options; }

    virtual int execute(const CommandContext &context) const = 0;
    // Most commands talk to hearthd; one that does not runs without a
    // runtime, and its context's connection is never opened.
    virtual bool needsRuntime() const { return true; }

protected:
    Command(QStringList words, QString arguments, QString summary, int argumentCount,
            QList<QCommandLineOption> options);

private:
    QStringList m_words;
    QString m_arguments;
    QString m_summary;
    int m_argumentCount;
    QList<QCommandLineOption> m_options;
};

} // namespace hearth::cli
