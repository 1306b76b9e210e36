// hearth schedule next
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "client/RuntimeConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    QJsonObject schedule;
    if (text.trimmed().startsWith(QLatin1String("every"), Qt::CaseInsensitive)) {
        const qint64 seconds = parseEvery(text);
        if (seconds < 0) {
            printErr(tr("\"%1\" is not an interval like \"every 90s\", \"every 5m\" or "
                        "\"every 2h\"")
                         .arg(text));
            return ExitUsage;
        }
        schedule.insert(QStringLiteral("every_s"), seconds);
    } else if (QRegularExpression(QStringLiteral(R"re(^\d{4}-\d{2}-\d{2})re"))
                   .match(text)
                   .hasMatch()) {
        schedule.insert(QStringLiteral("at"), text);
    } else {
        schedule.insert(QStringLiteral("cron"), text);
    }
    if (!c.value(cliOptions().timeZone).isEmpty())
        schedule.insert(QStringLiteral("tz"), c.value(cliOptions().timeZone));

    QJsonObject request { { QStringLiteral("schedule"), schedule } };
    if (!c.value(cliOptions().from).isEmpty())
        request.insert(QStringLiteral("from"), c.value(cliOptions().from));
    if (!c.value(cliOptions().count).isEmpty()) {
        bool ok = false;
        const int count = c.value(cliOptions().count).toInt(&ok);
        if (!ok) {
            printErr(tr("--count must be a number, not \"%1\"").arg(c.value(cliOptions().count)));
            return ExitUsage;
        }
        request.insert(QStringLiteral("count"), count);
    }
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/schedules/preview"),
                   QJsonDocument(request).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonArray fires =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("fires")).toArray();
    if (fires.isEmpty()) {
        printErr(tr("the schedule does not fire again"));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &fire : fires) {
        rows.append({ fire.toObject().value(QStringLiteral("utc")).toString(),
                      fire.toObject().value(QStringLiteral("local")).toString() });
    }
    printTable({ tr("UTC"), tr("LOCAL") }, rows);
    return ExitOk;
}

} // namespace hearth::cli
