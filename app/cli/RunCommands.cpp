// hearth runs ls|show|cancel|retry, hearth logs, hearth events,
// hearth notifications ls|read|read-all
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "client/EventStream.h"
#include "client/HearthApi.h"

#include <QEventLoop>
#include <QJsonDocument>

namespace hearth::cli {

namespace {

QString logLineText(const client::LogLine &line)
{
    QString text = line.time.text() + u' ' + logLevelName(line.level).toUpper().leftJustified(6) +
        line.message;
    if (!line.data.isUndefined())
        text += u' ' + scalarText(line.data);
    return text;
}

// --limit as given, or 50.
QString limitOf(const CommandContext &c)
{
    return c.value(cliOptions().limit).isEmpty() ? QStringLiteral("50")
                                                 : c.value(cliOptions().limit);
}

} // namespace

RunsListCommand::RunsListCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("ls") }, {}, tr("List runs, newest first."),
              0, { cliOptions().watcher, cliOptions().status, cliOptions().limit })
{
}

int RunsListCommand::execute(const CommandContext &c) const
{
    client::RunQuery query { {}, c.value(cliOptions().status), limitOf(c) };
    if (!c.value(cliOptions().watcher).isEmpty()) {
        if (const int resolved = c.resolveWatcher(c.value(cliOptions().watcher), query.watcherId);
            resolved != ExitOk)
            return resolved;
    }
    const auto runs = c.api.call(client::api::runs(query));
    if (!runs.ok())
        return c.reportFailure(runs.reply);
    QList<QStringList> rows;
    for (const client::Run &run : runs.value->items) {
        rows.append({ run.id, run.watcherId, scheduler::runStatusName(run.status),
                      QString::number(run.attempt), scheduler::runTriggerName(run.trigger),
                      cell(run.scheduledFor), cell(run.durationMs), cell(run.actor),
                      cell(run.error ? run.error->code : QString()) });
    }
    return c.printJsonOrTable(runs.reply.body,
                              { tr("ID"), tr("WATCHER"), tr("STATUS"), tr("ATTEMPT"), tr("TRIGGER"),
                                tr("SCHEDULED FOR"), tr("DURATION (ms)"), tr("STARTED BY"),
                                tr("ERROR") },
                              rows);
}

RunsShowCommand::RunsShowCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("show") }, QStringLiteral("RUN"),
              tr("Show a run: status, timing, result, error."), 1, {})
{
}

int RunsShowCommand::execute(const CommandContext &c) const
{
    const auto answer = c.api.call(client::api::run(c.arguments.at(0)));
    if (!answer.ok())
        return c.reportFailure(answer.reply);
    if (c.json) {
        printRaw(answer.reply.body);
        return ExitOk;
    }
    const client::Run &run = *answer.value;
    QList<QStringList> rows {
        { QStringLiteral("id"), run.id },
        { QStringLiteral("watcher_id"), run.watcherId },
        { QStringLiteral("status"), scheduler::runStatusName(run.status) },
        { QStringLiteral("attempt"), QString::number(run.attempt) },
        { QStringLiteral("trigger"), scheduler::runTriggerName(run.trigger) },
        { QStringLiteral("actor"), cell(run.actor) },
        { QStringLiteral("scheduled_for"), cell(run.scheduledFor) },
        { QStringLiteral("started_at"), cell(run.startedAt) },
        { QStringLiteral("finished_at"), cell(run.finishedAt) },
        { QStringLiteral("duration_ms"), cell(run.durationMs) },
        { QStringLiteral("instructions"), cell(run.instructions) },
        { QStringLiteral("peak_memory"), cell(run.peakMemory) },
    };
    if (run.escalation) {
        rows.append({ QStringLiteral("escalated_by"), run.parentRunId });
        rows.append({ QStringLiteral("agent_kind"), run.escalation->agentKind });
        rows.append({ QStringLiteral("prompt"), run.escalation->prompt });
        rows.append({ QStringLiteral("data"), QString::fromUtf8(run.eventJson) });
    } else if (!run.parentRunId.isEmpty() || run.chainDepth > 0) {
        rows.append({ QStringLiteral("parent_run_id"), run.parentRunId });
        rows.append({ QStringLiteral("chain_depth"), QString::number(run.chainDepth) });
    }
    if (run.error)
        rows.append({ QStringLiteral("error"),
                      run.error->code + QStringLiteral(": ") + run.error->message });
    rows.append({ QStringLiteral("result"), QString::fromUtf8(run.resultJson) });
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
    return c.printRunResult(c.api.call(client::api::cancelRun(c.arguments.at(0))));
}

RunsRetryCommand::RunsRetryCommand()
    : Command({ QStringLiteral("runs"), QStringLiteral("retry") }, QStringLiteral("RUN"),
              tr("Run a failed or dead run again as a new attempt."), 1, {})
{
}

int RunsRetryCommand::execute(const CommandContext &c) const
{
    return c.printRunResult(c.api.call(client::api::retryRun(c.arguments.at(0))));
}

LogsCommand::LogsCommand()
    : Command({ QStringLiteral("logs") }, QStringLiteral("RUN"), tr("Print a run's log lines."), 1,
              { cliOptions().follow })
{
}

int LogsCommand::execute(const CommandContext &c) const
{
    const QString runId = c.arguments.at(0);
    int lastSeq = 0;
    bool finished = false;
    // Prints the lines after lastSeq; ExitOk or the failure's exit code.
    auto printNewLines = [&]() -> int {
        const auto log = c.api.call(client::api::runLog(runId, lastSeq));
        if (!log.ok())
            return c.reportFailure(log.reply);
        finished = !scheduler::isActive(log.value->runStatus);
        for (const client::LogLine &line : log.value->lines) {
            lastSeq = line.seq;
            if (c.json)
                printRaw(QJsonDocument(line.toJson()).toJson(QJsonDocument::Compact));
            else
                printOut(logLineText(line));
        }
        return ExitOk;
    };

    client::EventStream stream(c.connection);
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
    if (!c.isSet(cliOptions().follow) || finished)
        return ExitOk;

    QObject::connect(&stream, &client::EventStream::received, &loop,
                     [&](qint64, const QByteArray &type, const QByteArray &data) {
                         if (type != "reset" && client::runIdOfEvent(type, data) != runId)
                             return;
                         exitCode = printNewLines();
                         if (exitCode != ExitOk || finished)
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
    client::EventStream stream(c.connection);
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(&stream, &client::EventStream::received, &loop,
                     [&c](qint64 id, const QByteArray &type, const QByteArray &data) {
                         if (c.json) {
                             printRaw(client::eventAsJson(id, type, data));
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
    const auto notifications =
        c.api.call(client::api::notifications(c.isSet(cliOptions().unread), limitOf(c)));
    if (!notifications.ok())
        return c.reportFailure(notifications.reply);
    QList<QStringList> rows;
    for (const client::Notification &notification : notifications.value->items) {
        rows.append({ notification.id, notificationLevelName(notification.level),
                      notification.title, cell(notification.runId), cell(notification.createdAt),
                      cell(notification.readAt) });
    }
    return c.printJsonOrTable(
        notifications.reply.body,
        { tr("ID"), tr("LEVEL"), tr("TITLE"), tr("RUN"), tr("CREATED"), tr("READ") }, rows);
}

NotificationsReadCommand::NotificationsReadCommand()
    : Command({ QStringLiteral("notifications"), QStringLiteral("read") }, QStringLiteral("ID"),
              tr("Mark a notification read."), 1, {})
{
}

int NotificationsReadCommand::execute(const CommandContext &c) const
{
    const auto marked = c.api.call(client::api::markNotificationRead(c.arguments.at(0)));
    if (!marked.ok())
        return c.reportFailure(marked.reply);
    return c.printReplyOr(marked.reply, tr("marked notification %1 read").arg(c.arguments.at(0)));
}

NotificationsReadAllCommand::NotificationsReadAllCommand()
    : Command({ QStringLiteral("notifications"), QStringLiteral("read-all") }, {},
              tr("Mark every notification read."), 0, {})
{
}

int NotificationsReadAllCommand::execute(const CommandContext &c) const
{
    const auto marked = c.api.call(client::api::markAllNotificationsRead());
    if (!marked.ok())
        return c.reportFailure(marked.reply);
    return c.printReplyOr(marked.reply, tr("marked %1 notifications read").arg(*marked.value));
}

} // namespace hearth::cli
