// hearth runs ls|show|cancel|retry, hearth logs, hearth events,
// hearth notifications ls|read|read-all
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "client/EventStream.h"
#include "client/RawJson.h"
#include "client/RuntimeConnection.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

namespace {

QString logLineText(const QJsonObject &line)
{
    QString text = line.value(QStringLiteral("ts")).toString() + u' ' +
        line.value(QStringLiteral("level")).toString().toUpper().leftJustified(6) +
        line.value(QStringLiteral("message")).toString();
    if (line.contains(QStringLiteral("data")))
        text += u' ' +
            QString::fromUtf8(
                    QJsonDocument::fromVariant(line.value(QStringLiteral("data")).toVariant())
                        .toJson(QJsonDocument::Compact));
    return text;
}

bool isFinished(const QString &status)
{
    return status != u"pending" && status != u"running";
}

} // namespace

RunsListCommand::RunsListCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("ls") }, {}, tr("List runs, newest first."),
              0, { cliOptions().watcher, cliOptions().status, cliOptions().limit })
{
}

int RunsListCommand::execute(const CommandContext &c) const
{
    QString query = QStringLiteral("/api/v1/runs?limit=") +
        client::percentEncoded(c.value(cliOptions().limit).isEmpty() ? QStringLiteral("50")
                                                                     : c.value(cliOptions().limit));
    if (!c.value(cliOptions().watcher).isEmpty()) {
        QString id;
        if (const int resolved = c.resolveWatcher(c.value(cliOptions().watcher), id);
            resolved != ExitOk)
            return resolved;
        query += QStringLiteral("&watcher=") + id;
    }
    if (!c.value(cliOptions().status).isEmpty())
        query += QStringLiteral("&status=") + client::percentEncoded(c.value(cliOptions().status));
    const client::ApiReply reply = c.api.call("GET", query);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    QJsonArray rows;
    for (const QJsonValue &value : items) {
        QJsonObject run = value.toObject();
        run.insert(QStringLiteral("error_code"),
                   run.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")));
        rows.append(run);
    }
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    return c.printItems(rows,
                        { tr("ID"), tr("WATCHER"), tr("STATUS"), tr("ATTEMPT"), tr("TRIGGER"),
                          tr("SCHEDULED FOR"), tr("DURATION (ms)"), tr("ERROR") },
                        { QStringLiteral("id"), QStringLiteral("watcher_id"),
                          QStringLiteral("status"), QStringLiteral("attempt"),
                          QStringLiteral("trigger"), QStringLiteral("scheduled_for"),
                          QStringLiteral("duration_ms"), QStringLiteral("error_code") });
}

RunsShowCommand::RunsShowCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("show") }, QStringLiteral("RUN"),
              tr("Show a run: status, timing, result, error."), 1, {})
{
}

int RunsShowCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call(
        "GET", QStringLiteral("/api/v1/runs/") + client::percentEncoded(c.arguments.at(0)));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
    QList<QStringList> rows =
        fieldRows(run,
                  { QStringLiteral("id"), QStringLiteral("watcher_id"), QStringLiteral("status"),
                    QStringLiteral("attempt"), QStringLiteral("trigger"),
                    QStringLiteral("scheduled_for"), QStringLiteral("started_at"),
                    QStringLiteral("finished_at"), QStringLiteral("duration_ms"),
                    QStringLiteral("instructions"), QStringLiteral("peak_memory") });
    const QJsonObject error = run.value(QStringLiteral("error")).toObject();
    if (!error.isEmpty()) {
        rows.append({ QStringLiteral("error"),
                      error.value(QStringLiteral("code")).toString() + QStringLiteral(": ") +
                          error.value(QStringLiteral("message")).toString() });
    }
    rows.append({ QStringLiteral("result"),
                  QString::fromUtf8(client::rawJsonMember(reply.body, "result")) });
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    return ExitOk;
}

RunsCancelCommand::RunsCancelCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("cancel") }, QStringLiteral("RUN"),
              tr("Cancel a pending or running run."), 1, {})
{
}

int RunsCancelCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST",
                   QStringLiteral("/api/v1/runs/") + client::percentEncoded(c.arguments.at(0)) +
                       QStringLiteral("/cancel"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printRunResult(reply);
}

RunsRetryCommand::RunsRetryCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("retry") }, QStringLiteral("RUN"),
              tr("Run a failed or dead run again as a new attempt."), 1, {})
{
}

int RunsRetryCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST",
                   QStringLiteral("/api/v1/runs/") + client::percentEncoded(c.arguments.at(0)) +
                       QStringLiteral("/retry"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printRunResult(reply);
}

LogsCommand::LogsCommand()
    : Command({ QStringLiteral("logs") }, QStringLiteral("RUN"), tr("Print a run's log lines."), 1,
              { cliOptions().follow })
{
}

int LogsCommand::execute(const CommandContext &c) const
{
    const QString base =
        QStringLiteral("/api/v1/runs/") + client::percentEncoded(c.arguments.at(0));
    int lastSeq = 0;
    QString status;
    // Prints the lines after lastSeq; false after printing a failure.
    auto printNewLines = [&]() -> int {
        const client::ApiReply reply =
            c.api.call("GET", base + QStringLiteral("/logs?after=") + QString::number(lastSeq));
        if (!reply.isSuccess())
            return c.reportFailure(reply);
        const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
        status = json.value(QStringLiteral("run_status")).toString();
        for (const QJsonValue &value : json.value(QStringLiteral("items")).toArray()) {
            const QJsonObject line = value.toObject();
            lastSeq = line.value(QStringLiteral("seq")).toInt();
            if (c.json)
                printRaw(QJsonDocument(line).toJson(QJsonDocument::Compact));
            else
                printOut(logLineText(line));
        }
        return ExitOk;
    };

    client::EventStream stream(c.api);
    QEventLoop loop;
    int exitCode = ExitOk;
    if (c.isSet(cliOptions().follow)) {
        // Subscribed before the first read, so nothing falls in between.
        QObject::connect(&stream, &client::EventStream::opened, &loop, &QEventLoop::quit);
        QObject::connect(&stream, &client::EventStream::ended, &loop, [&](const QString &error) {
            printErr(tr("the event stream ended: %1").arg(error));
            exitCode = ExitNotRunning;
            loop.quit();
        });
        stream.open();
        loop.exec();
        if (exitCode != ExitOk)
            return exitCode;
    }
    if (const int printed = printNewLines(); printed != ExitOk)
        return printed;
    if (!c.isSet(cliOptions().follow) || isFinished(status))
        return ExitOk;

    const QString runId = c.arguments.at(0);
    QObject::connect(&stream, &client::EventStream::received, &loop,
                     [&](qint64, const QByteArray &type, const QByteArray &data) {
                         const QJsonObject event = QJsonDocument::fromJson(data).object();
                         const bool ours = type == "log"
                             ? event.value(QStringLiteral("run_id")).toString() == runId
                             : type == "run" &&
                                 event.value(QStringLiteral("run"))
                                         .toObject()
                                         .value(QStringLiteral("id"))
                                         .toString() == runId;
                         if (!ours && type != "reset")
                             return;
                         exitCode = printNewLines();
                         if (exitCode != ExitOk || isFinished(status))
                             loop.quit();
                     });
    loop.exec();
    return exitCode;
}

EventsCommand::EventsCommand()
    : Command({ QStringLiteral("events") }, {},
              tr("Print the runtime's live events (runs, logs, notifications, watchers)."), 0, {})
{
}

int EventsCommand::execute(const CommandContext &c) const
{
    client::EventStream stream(c.api);
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(
        &stream, &client::EventStream::received, &loop,
        [&c](qint64 id, const QByteArray &type, const QByteArray &data) {
            if (c.json) {
                printRaw(
                    QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                                { QStringLiteral("type"), QString::fromUtf8(type) },
                                                { QStringLiteral("data"),
                                                  QJsonDocument::fromJson(data).object() } })
                        .toJson(QJsonDocument::Compact));
            } else {
                printOut(QString::number(id) + u' ' + QString::fromUtf8(type) + u' ' +
                         QString::fromUtf8(data));
            }
        });
    QObject::connect(&stream, &client::EventStream::ended, &loop, [&](const QString &error) {
        if (!error.isEmpty())
            printErr(tr("the event stream ended: %1").arg(error));
        exitCode = error.isEmpty() ? ExitOk : ExitNotRunning;
        loop.quit();
    });
    stream.open();
    loop.exec();
    return exitCode;
}

NotificationsListCommand::NotificationsListCommand()
    : Command({ QStringLiteral("notifications"), QStringLiteral("ls") }, {},
              tr("List notifications, newest first."), 0,
              { cliOptions().unread, cliOptions().limit })
{
}

int NotificationsListCommand::execute(const CommandContext &c) const
{
    QString query = QStringLiteral("/api/v1/notifications?limit=") +
        client::percentEncoded(c.value(cliOptions().limit).isEmpty() ? QStringLiteral("50")
                                                                     : c.value(cliOptions().limit));
    if (c.isSet(cliOptions().unread))
        query += QStringLiteral("&unread=true");
    const client::ApiReply reply = c.api.call("GET", query);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    return c.printItems(
        items, { tr("ID"), tr("LEVEL"), tr("TITLE"), tr("RUN"), tr("CREATED"), tr("READ") },
        { QStringLiteral("id"), QStringLiteral("level"), QStringLiteral("title"),
          QStringLiteral("run_id"), QStringLiteral("created_at"), QStringLiteral("read_at") });
}

NotificationsReadCommand::NotificationsReadCommand()
    : Command({ QStringLiteral("notifications"), QStringLiteral("read") }, QStringLiteral("ID"),
              tr("Mark a notification read."), 1, {})
{
}

int NotificationsReadCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST",
                   QStringLiteral("/api/v1/notifications/") +
                       client::percentEncoded(c.arguments.at(0)) + QStringLiteral("/read"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printReplyOr(reply, tr("marked notification %1 read").arg(c.arguments.at(0)));
}

NotificationsReadAllCommand::NotificationsReadAllCommand()
    : Command({ QStringLiteral("notifications"), QStringLiteral("read-all") }, {},
              tr("Mark every notification read."), 0, {})
{
}

int NotificationsReadAllCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/notifications/read-all"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    const qint64 marked =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("marked")).toInteger();
    return c.printReplyOr(reply, tr("marked %1 notifications read").arg(marked));
}

} // namespace hearth::cli
