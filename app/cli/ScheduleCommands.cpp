// hearth schedule next
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"

#include <QRegularExpression>

namespace hearth::cli {

qint64 parseEvery(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"re(^(?:every\s+)?(\d+)\s*([smhd]?)$)re"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    const qint64 count = match.captured(1).toLongLong();
    const QString unit = match.captured(2).toLower();
    const qint64 scale = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    return count * scale;
}

ScheduleNextCommand::ScheduleNextCommand()
    : Command({ QStringLiteral("schedule"), QStringLiteral("next") }, QStringLiteral("SCHEDULE"),
              tr("Print a schedule's next fire times: a cron expression, \"every 5m\", or an RFC "
                 "3339 instant."),
              1, { cliOptions().timeZone, cliOptions().from, cliOptions().count })
{
}

int ScheduleNextCommand::execute(const CommandContext &c) const
{
    const QString text = c.arguments.at(0);
    client::ScheduleQuery query;
    if (text.trimmed().startsWith(QLatin1String("every"), Qt::CaseInsensitive)) {
        const qint64 seconds = parseEvery(text);
        if (seconds < 0) {
            printErr(tr("\"%1\" is not an interval like \"every 90s\", \"every 5m\" or "
                        "\"every 2h\"")
                         .arg(text));
            return ExitUsage;
        }
        query.schedule.everySeconds = seconds;
    } else if (QRegularExpression(QStringLiteral(R"re(^\d{4}-\d{2}-\d{2})re"))
                   .match(text)
                   .hasMatch()) {
        query.schedule.at = text;
    } else {
        query.schedule.cron = text;
    }
    if (!c.value(cliOptions().timeZone).isEmpty())
        query.schedule.timeZone = c.value(cliOptions().timeZone);
    query.from = c.value(cliOptions().from);
    if (!c.value(cliOptions().count).isEmpty()) {
        bool ok = false;
        query.count = c.value(cliOptions().count).toInt(&ok);
        if (!ok) {
            printErr(tr("--count must be a number, not \"%1\"").arg(c.value(cliOptions().count)));
            return ExitUsage;
        }
    }
    const auto fires = c.api.call(client::api::previewSchedule(query));
    if (!fires.ok())
        return c.reportFailure(fires.reply);
    if (c.json) {
        printRaw(fires.reply.body);
        return ExitOk;
    }
    if (fires.value->isEmpty()) {
        printErr(tr("the schedule does not fire again"));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const client::FireTime &fire : *fires.value)
        rows.append({ fire.utc, fire.local });
    printTable({ tr("UTC"), tr("LOCAL") }, rows);
    return ExitOk;
}

} // namespace hearth::cli
