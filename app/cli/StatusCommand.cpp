// hearth status
#include "CliOutput.h"
#include "Commands.h"
#include "client/RuntimeConnection.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

StatusCommand::StatusCommand()
    : Command({ QStringLiteral("status") }, {}, tr("Show the runtime's state and counts."), 0, {})
{
}

int StatusCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call("GET", QStringLiteral("/api/v1/status"));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject status = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject database = status.value(QStringLiteral("database")).toObject();
    const QJsonObject counts = status.value(QStringLiteral("counts")).toObject();
    const QJsonObject secrets = status.value(QStringLiteral("secrets")).toObject();
    const QJsonObject retention = status.value(QStringLiteral("retention")).toObject();
    QList<QStringList> rows {
        { tr("version"), scalarText(status.value(QStringLiteral("version"))) },
        { tr("pid"), scalarText(status.value(QStringLiteral("pid"))) },
        { tr("started"), scalarText(status.value(QStringLiteral("started_at"))) },
        { tr("uptime (s)"), scalarText(status.value(QStringLiteral("uptime_s"))) },
        { tr("mode"), tr("no-auth, loopback only") },
        { tr("data dir"), scalarText(status.value(QStringLiteral("data_dir"))) },
        { tr("database"), scalarText(database.value(QStringLiteral("path"))) },
        { tr("database size (bytes)"), scalarText(database.value(QStringLiteral("size_bytes"))) },
        { tr("database free (bytes)"), scalarText(database.value(QStringLiteral("free_bytes"))) },
        { tr("schema"), scalarText(database.value(QStringLiteral("schema"))) },
        { tr("runs kept (days)"), scalarText(retention.value(QStringLiteral("run_days"))) },
        { tr("runs kept per watcher"),
          scalarText(retention.value(QStringLiteral("runs_per_watcher"))) },
        { tr("kv keys"), scalarText(counts.value(QStringLiteral("kv_keys"))) },
        { tr("secrets"), scalarText(counts.value(QStringLiteral("secrets"))) },
        { tr("enabled watchers"), scalarText(counts.value(QStringLiteral("enabled_watchers"))) },
        { tr("paused watchers"), scalarText(counts.value(QStringLiteral("paused_watchers"))) },
        { tr("secrets state"), scalarText(secrets.value(QStringLiteral("state"))) },
        { tr("master key source"), scalarText(secrets.value(QStringLiteral("source"))) },
        { tr("master key fingerprint"), scalarText(secrets.value(QStringLiteral("fingerprint"))) },
    };
    if (secrets.contains(QStringLiteral("message")))
        rows.append({ tr("secrets problem"), secrets.value(QStringLiteral("message")).toString() });
    if (secrets.contains(QStringLiteral("warning")))
        rows.append({ tr("WARNING"), secrets.value(QStringLiteral("warning")).toString() });
    for (const QJsonValue &value : status.value(QStringLiteral("workers")).toArray()) {
        const QJsonObject worker = value.toObject();
        rows.append({ tr("worker %1").arg(worker.value(QStringLiteral("id")).toString()),
                      (worker.value(QStringLiteral("online")).toBool() ? tr("%1: online")
                                                                       : tr("%1: OFFLINE"))
                          .arg(worker.value(QStringLiteral("name")).toString()) });
    }
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    return ExitOk;
}

} // namespace hearth::cli
