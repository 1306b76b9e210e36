// hearth schedule next
#include "CliApp.h"
#include "CliOutput.h"
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

int CliApp::runScheduleNext(client::ApiClient &api)
{
    const QString text = m_positional.at(0);
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
    if (!m_timeZone.isEmpty())
        schedule.insert(QStringLiteral("tz"), m_timeZone);

    QJsonObject request { { QStringLiteral("schedule"), schedule } };
    if (!m_from.isEmpty())
        request.insert(QStringLiteral("from"), m_from);
    if (!m_count.isEmpty()) {
        bool ok = false;
        const int count = m_count.toInt(&ok);
        if (!ok) {
            printErr(tr("--count must be a number, not \"%1\"").arg(m_count));
            return ExitUsage;
        }
        request.insert(QStringLiteral("count"), count);
    }
    const client::ApiReply reply = api.call("POST", QStringLiteral("/api/v1/schedules/preview"),
                                            QJsonDocument(request).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
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
