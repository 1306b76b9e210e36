// hearth runs ls|show|cancel|retry, hearth logs, hearth events,
// hearth notifications ls|read|read-all
#include "CliApp.h"
#include "CliOutput.h"
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

int CliApp::printRunResult(const client::ApiReply &reply)
{
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
    printOut(tr("run %1 of watcher %2: %3 (attempt %4, %5)")
                 .arg(run.value(QStringLiteral("id")).toString(),
                      run.value(QStringLiteral("watcher_id")).toString(),
                      run.value(QStringLiteral("status")).toString())
                 .arg(run.value(QStringLiteral("attempt")).toInt())
                 .arg(run.value(QStringLiteral("trigger")).toString()));
    return ExitOk;
}

int CliApp::printReplyOr(const client::ApiReply &reply, const QString &line)
{
    if (jsonOutput())
        printRaw(reply.body);
    else
        printOut(line);
    return ExitOk;
}

int CliApp::runRunsList(client::ApiClient &api)
{
    QString query = QStringLiteral("/api/v1/runs?limit=") +
        client::percentEncoded(m_limit.isEmpty() ? QStringLiteral("50") : m_limit);
    if (!m_watcher.isEmpty()) {
        QString id;
        if (const int resolved = resolveWatcher(api, m_watcher, id); resolved != ExitOk)
            return resolved;
        query += QStringLiteral("&watcher=") + id;
    }
    if (!m_status.isEmpty())
        query += QStringLiteral("&status=") + client::percentEncoded(m_status);
    const client::ApiReply reply = api.call("GET", query);
    if (!reply.isSuccess())
        return reportFailure(reply);
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    QJsonArray rows;
    for (const QJsonValue &value : items) {
        QJsonObject run = value.toObject();
        run.insert(QStringLiteral("error_code"),
                   run.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")));
        rows.append(run);
    }
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    return printItems(rows,
                      { tr("ID"), tr("WATCHER"), tr("STATUS"), tr("ATTEMPT"), tr("TRIGGER"),
                        tr("SCHEDULED FOR"), tr("DURATION (ms)"), tr("ERROR") },
                      { QStringLiteral("id"), QStringLiteral("watcher_id"),
                        QStringLiteral("status"), QStringLiteral("attempt"),
                        QStringLiteral("trigger"), QStringLiteral("scheduled_for"),
                        QStringLiteral("duration_ms"), QStringLiteral("error_code") });
}

int CliApp::runRunsShow(client::ApiClient &api)
{
    const client::ApiReply reply = api.call(
        "GET", QStringLiteral("/api/v1/runs/") + client::percentEncoded(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
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

int CliApp::runRunsCancel(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST",
                 QStringLiteral("/api/v1/runs/") + client::percentEncoded(m_positional.at(0)) +
                     QStringLiteral("/cancel"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printRunResult(reply);
}

int CliApp::runRunsRetry(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST",
                 QStringLiteral("/api/v1/runs/") + client::percentEncoded(m_positional.at(0)) +
                     QStringLiteral("/retry"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printRunResult(reply);
}

int CliApp::runLogs(client::ApiClient &api)
{
    const QString base =
        QStringLiteral("/api/v1/runs/") + client::percentEncoded(m_positional.at(0));
    int lastSeq = 0;
    QString status;
    // Prints the lines after lastSeq; false after printing a failure.
    auto printNewLines = [&]() -> int {
        const client::ApiReply reply =
            api.call("GET", base + QStringLiteral("/logs?after=") + QString::number(lastSeq));
        if (!reply.isSuccess())
            return reportFailure(reply);
        const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
        status = json.value(QStringLiteral("run_status")).toString();
        for (const QJsonValue &value : json.value(QStringLiteral("items")).toArray()) {
            const QJsonObject line = value.toObject();
            lastSeq = line.value(QStringLiteral("seq")).toInt();
            if (jsonOutput())
                printRaw(QJsonDocument(line).toJson(QJsonDocument::Compact));
            else
                printOut(logLineText(line));
        }
        return ExitOk;
    };

    client::EventStream stream(api);
    QEventLoop loop;
    int exitCode = ExitOk;
    if (m_follow) {
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
    if (!m_follow || isFinished(status))
        return ExitOk;

    const QString runId = m_positional.at(0);
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

int CliApp::runEvents(client::ApiClient &api)
{
    client::EventStream stream(api);
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(
        &stream, &client::EventStream::received, &loop,
        [this](qint64 id, const QByteArray &type, const QByteArray &data) {
            if (jsonOutput()) {
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

int CliApp::runNotificationsList(client::ApiClient &api)
{
    QString query = QStringLiteral("/api/v1/notifications?limit=") +
        client::percentEncoded(m_limit.isEmpty() ? QStringLiteral("50") : m_limit);
    if (m_unread)
        query += QStringLiteral("&unread=true");
    const client::ApiReply reply = api.call("GET", query);
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    return printItems(
        items, { tr("ID"), tr("LEVEL"), tr("TITLE"), tr("RUN"), tr("CREATED"), tr("READ") },
        { QStringLiteral("id"), QStringLiteral("level"), QStringLiteral("title"),
          QStringLiteral("run_id"), QStringLiteral("created_at"), QStringLiteral("read_at") });
}

int CliApp::runNotificationsRead(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST",
                 QStringLiteral("/api/v1/notifications/") +
                     client::percentEncoded(m_positional.at(0)) + QStringLiteral("/read"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printReplyOr(reply, tr("marked notification %1 read").arg(m_positional.at(0)));
}

int CliApp::runNotificationsReadAll(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST", QStringLiteral("/api/v1/notifications/read-all"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    const qint64 marked =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("marked")).toInteger();
    return printReplyOr(reply, tr("marked %1 notifications read").arg(marked));
}

} // namespace hearth::cli
