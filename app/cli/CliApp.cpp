#include "CliApp.h"

#include "client/RuntimeConnection.h"
#include "core/Paths.h"
#include "core/Version.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <cstdio>
#include <memory>

namespace hearth::cli {

namespace {

void writeTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void printOut(const QString &line)
{
    writeTo(stdout, line + u'\n');
}
void printErr(const QString &line)
{
    writeTo(stderr, QStringLiteral("hearth: ") + line + u'\n');
}

void printRawJson(const QByteArray &json)
{
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Left-aligned columns, two spaces apart.
void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &cell : header)
        widths.append(cell.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], row[i].size());
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 < cells.size())
                text += cells[i].leftJustified(widths[i] + 2);
            else
                text += cells[i];
        }
        printOut(text);
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return value.toVariant().toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("-");
    return QString::fromUtf8(value.isObject()
                                 ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
}

} // namespace

struct CliApp::Command
{
    QStringList words;
    QString arguments; // usage syntax of the positional arguments
    QString summary;
    int argumentCount;
    bool takesPrefix;
    int (CliApp::*handler)(client::ApiClient &);
};

CliApp::CliApp(QStringList arguments)
    : m_arguments(std::move(arguments))
{
}

bool CliApp::jsonOutput() const
{
    return m_output == u"json";
}

int CliApp::run()
{
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        tr("Data dir of the runtime to talk to (env HEARTH_DATA_DIR; default %1).")
            .arg(defaultDataDir()),
        tr("path"));
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        tr("Talk to this URL instead of discovering the runtime (skips the identity proof)."),
        tr("url"));
    const QCommandLineOption outputOption({ QStringLiteral("o"), QStringLiteral("output") },
                                          tr("Output format: table or json (default table)."),
                                          tr("format"), QStringLiteral("table"));
    const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") },
                                        tr("Show help for hearth or for a command."));
    const QCommandLineOption versionOption(QStringLiteral("version"), tr("Show the version."));
    const QCommandLineOption prefixOption(QStringLiteral("prefix"),
                                          tr("Only keys that start with this text."), tr("prefix"));

    const QList<Command> commands {
        { { QStringLiteral("status") },
          QString(),
          tr("Show the runtime's state and counts."),
          0,
          false,
          &CliApp::runStatus },
        { { QStringLiteral("kv"), QStringLiteral("ls") },
          QString(),
          tr("List keys."),
          0,
          true,
          &CliApp::runKvList },
        { { QStringLiteral("kv"), QStringLiteral("get") },
          QStringLiteral("KEY"),
          tr("Print a key's JSON value."),
          1,
          false,
          &CliApp::runKvGet },
        { { QStringLiteral("kv"), QStringLiteral("set") },
          QStringLiteral("KEY JSON|@FILE|@-"),
          tr("Store a JSON value (inline, from a file, or from stdin)."),
          2,
          false,
          &CliApp::runKvSet },
        { { QStringLiteral("kv"), QStringLiteral("rm") },
          QStringLiteral("KEY"),
          tr("Remove a key (succeeds if it is already gone)."),
          1,
          false,
          &CliApp::runKvRemove },
    };
    const QList<QCommandLineOption> globalOptions { dataDirOption, urlOption, outputOption,
                                                    helpOption, versionOption };

    auto commandList = [&](const QString &group) {
        QString text = tr("Commands:") + u'\n';
        for (const Command &command : commands) {
            if (!group.isEmpty() && command.words.constFirst() != group)
                continue;
            const QString usage =
                QString(command.words.join(u' ') + u' ' + command.arguments).trimmed();
            text += QStringLiteral("  ") + usage.leftJustified(28) + u' ' + command.summary + u'\n';
        }
        return text;
    };
    auto generalHelp = [&](const QString &group) {
        QCommandLineParser parser;
        parser.addOptions(globalOptions);
        QString help = parser.helpText();
        help.replace(QStringLiteral("[options]"),
                     QStringLiteral("[options] <command> [arguments]"));
        help += u'\n' + commandList(group);
        help += u'\n' +
            tr("Exit codes: 0 ok, 1 API error, 2 usage error, 3 runtime not running or not "
               "verifiable.") +
            u'\n';
        return help;
    };

    // Pass 1: find the positional words, knowing every option that takes a value.
    QCommandLineParser scan;
    scan.addOptions(globalOptions);
    scan.addOption(prefixOption);
    if (!scan.parse(m_arguments)) {
        printErr(scan.errorText() + tr(" (see hearth --help)"));
        return ExitUsage;
    }
    const QStringList words = scan.positionalArguments();
    if (scan.isSet(versionOption) && words.isEmpty()) {
        printOut(QStringLiteral("hearth %1").arg(QString::fromLatin1(ProductVersion)));
        return ExitOk;
    }

    const Command *command = nullptr;
    for (const Command &candidate : commands) {
        if (words.mid(0, candidate.words.size()) == candidate.words)
            command = &candidate;
    }
    if (!command) {
        const bool isGroup = !words.isEmpty() && words.constFirst() == u"kv" && words.size() == 1;
        if (scan.isSet(helpOption) || words.isEmpty()) {
            writeTo(words.isEmpty() && !scan.isSet(helpOption) ? stderr : stdout,
                    generalHelp(isGroup ? words.constFirst() : QString()));
            return scan.isSet(helpOption) ? ExitOk : ExitUsage;
        }
        printErr(isGroup ? tr("kv needs a subcommand: ls, get, set or rm")
                         : tr("unknown command \"%1\" (see hearth --help)").arg(words.join(u' ')));
        return ExitUsage;
    }

    // Pass 2: only the options this command accepts.
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.addOptions(globalOptions);
    if (command->takesPrefix)
        parser.addOption(prefixOption);
    parser.addPositionalArgument(
        command->words.join(u' '), command->summary,
        QString(command->words.join(u' ') + u' ' + command->arguments).trimmed());
    if (!parser.parse(m_arguments)) {
        printErr(parser.errorText() + tr(" (see hearth %1 --help)").arg(command->words.join(u' ')));
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        printOut(parser.helpText());
        return ExitOk;
    }
    m_positional = parser.positionalArguments().mid(command->words.size());
    if (m_positional.size() != command->argumentCount) {
        printErr(tr("%1 expects %2 (see hearth %1 --help)")
                     .arg(command->words.join(u' '),
                          command->arguments.isEmpty() ? tr("no arguments") : command->arguments));
        return ExitUsage;
    }
    m_output = parser.value(outputOption);
    if (m_output != u"table" && m_output != u"json") {
        printErr(tr("--output must be table or json, not \"%1\"").arg(m_output));
        return ExitUsage;
    }
    m_prefix = command->takesPrefix ? parser.value(prefixOption) : QString();

    // Connect: verified through runtime.json unless --url overrides.
    std::unique_ptr<client::ApiClient> api;
    if (parser.isSet(urlOption)) {
        const QUrl url(parser.value(urlOption), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
            printErr(tr("--url must look like http://127.0.0.1:PORT"));
            return ExitUsage;
        }
        printErr(tr("warning: --url given, so the server's identity is not verified"));
        api = std::make_unique<client::ApiClient>(url, QByteArrayLiteral("hearth-cli"));
    } else {
        const QString dataDir = parser.isSet(dataDirOption)
            ? parser.value(dataDirOption)
            : QProcessEnvironment::systemEnvironment().value(QStringLiteral("HEARTH_DATA_DIR"),
                                                             defaultDataDir());
        auto info = client::readRuntimeFile(QDir(dataDir).absolutePath());
        if (!info) {
            printErr(info.error().message);
            return ExitNotRunning;
        }
        api = std::make_unique<client::ApiClient>(info->baseUrl(), QByteArrayLiteral("hearth-cli"));
        if (auto verified = api->verifyIdentity(info->proofKey, info->pid); !verified) {
            printErr(verified.error().message);
            return ExitNotRunning;
        }
    }
    return (this->*(command->handler))(*api);
}

int CliApp::reportFailure(const client::ApiReply &reply)
{
    if (reply.status == 0) {
        printErr(tr("lost the runtime: %1").arg(reply.transportError));
        return ExitNotRunning;
    }
    const QString code = reply.errorCode();
    printErr(code.isEmpty() ? reply.errorMessage()
                            : code + QStringLiteral(": ") + reply.errorMessage());
    return ExitApiError;
}

int CliApp::runStatus(client::ApiClient &api)
{
    const client::ApiReply reply = api.call("GET", QStringLiteral("/api/v1/status"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRawJson(reply.body);
        return ExitOk;
    }
    const QJsonObject status = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject database = status.value(QStringLiteral("database")).toObject();
    const QJsonObject counts = status.value(QStringLiteral("counts")).toObject();
    printTable({ tr("FIELD"), tr("VALUE") },
               {
                   { tr("version"), scalarText(status.value(QStringLiteral("version"))) },
                   { tr("pid"), scalarText(status.value(QStringLiteral("pid"))) },
                   { tr("started"), scalarText(status.value(QStringLiteral("started_at"))) },
                   { tr("uptime (s)"), scalarText(status.value(QStringLiteral("uptime_s"))) },
                   { tr("mode"), tr("no-auth, loopback only") },
                   { tr("data dir"), scalarText(status.value(QStringLiteral("data_dir"))) },
                   { tr("database"), scalarText(database.value(QStringLiteral("path"))) },
                   { tr("database size (bytes)"),
                     scalarText(database.value(QStringLiteral("size_bytes"))) },
                   { tr("schema"), scalarText(database.value(QStringLiteral("schema"))) },
                   { tr("kv keys"), scalarText(counts.value(QStringLiteral("kv_keys"))) },
               });
    return ExitOk;
}

int CliApp::runKvList(client::ApiClient &api)
{
    // Follows the cursor to the end: the CLI shows every matching key.
    QJsonArray all;
    QString cursor;
    do {
        QString query = QStringLiteral("/api/v1/kv?limit=1000");
        if (!m_prefix.isEmpty())
            query += QStringLiteral("&prefix=") + client::percentEncoded(m_prefix);
        if (!cursor.isEmpty())
            query += QStringLiteral("&cursor=") + client::percentEncoded(cursor);
        const client::ApiReply reply = api.call("GET", query);
        if (!reply.isSuccess())
            return reportFailure(reply);
        const QJsonObject page = QJsonDocument::fromJson(reply.body).object();
        for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray())
            all.append(item);
        cursor = page.value(QStringLiteral("next")).toString();
    } while (!cursor.isEmpty());

    if (jsonOutput()) {
        printRawJson(QJsonDocument(QJsonObject { { QStringLiteral("items"), all } })
                         .toJson(QJsonDocument::Compact));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &item : std::as_const(all)) {
        const QJsonObject entry = item.toObject();
        rows.append({ entry.value(QStringLiteral("key")).toString(),
                      entry.value(QStringLiteral("updated_at")).toString() });
    }
    printTable({ tr("KEY"), tr("UPDATED") }, rows);
    return ExitOk;
}

int CliApp::runKvGet(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("GET", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRawJson(reply.body);
        return ExitOk;
    }
    // The value's own text, exactly as stored: take it from the body rather
    // than re-serialising (which could round large integers).
    const QByteArray body = reply.body;
    const qsizetype start = body.indexOf("\"value\":") + 8;
    const qsizetype end = body.lastIndexOf(",\"created_at\":");
    printRawJson(start >= 8 && end > start ? body.mid(start, end - start) : body);
    return ExitOk;
}

int CliApp::runKvSet(client::ApiClient &api)
{
    const QString source = m_positional.at(1);
    QByteArray value;
    if (source == u"@-") {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            printErr(tr("cannot read the value from stdin"));
            return ExitUsage;
        }
        value = in.readAll();
    } else if (source.startsWith(u'@')) {
        QFile file(source.mid(1));
        if (!file.open(QIODevice::ReadOnly)) {
            printErr(tr("cannot read %1: %2").arg(source.mid(1), file.errorString()));
            return ExitUsage;
        }
        value = file.readAll();
    } else {
        value = source.toUtf8();
    }
    const client::ApiReply reply = api.call(
        "PUT", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)), value);
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput())
        printRawJson(reply.body);
    else
        printOut(
            (reply.status == 201 ? tr("created %1") : tr("updated %1")).arg(m_positional.at(0)));
    return ExitOk;
}

int CliApp::runKvRemove(client::ApiClient &api)
{
    const client::ApiReply reply = api.call(
        "DELETE", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRawJson(QJsonDocument(QJsonObject { { QStringLiteral("key"), m_positional.at(0) },
                                                 { QStringLiteral("removed"), true } })
                         .toJson(QJsonDocument::Compact));
    } else {
        printOut(tr("removed %1").arg(m_positional.at(0)));
    }
    return ExitOk;
}

} // namespace hearth::cli
