// hearth status
#include "CliOutput.h"
#include "Commands.h"

namespace hearth::cli {

StatusCommand::StatusCommand()
    : Command({ QStringLiteral("status") }, {}, tr("Show the runtime's state and counts."), 0, {})
{
}

int StatusCommand::execute(const CommandContext &c) const
{
    const auto answer = c.api.call(client::api::status());
    if (!answer.ok())
        return c.reportFailure(answer.reply);
    if (c.json) {
        printRaw(answer.reply.body);
        return ExitOk;
    }
    const client::Status &status = *answer.value;
    const auto number = [](qint64 value) {
        return QString::number(value);
    };
    QList<QStringList> rows {
        { tr("version"), status.version },
        { tr("pid"), number(status.pid) },
        { tr("started"), cell(status.startedAt) },
        { tr("uptime (s)"), number(status.uptimeSeconds) },
        { tr("mode"), tr("no-auth, loopback only") },
        { tr("data dir"), status.dataDir },
        { tr("database"), status.databasePath },
        { tr("database size (bytes)"), number(status.databaseBytes) },
        { tr("database free (bytes)"), number(status.databaseFreeBytes) },
        { tr("schema"), number(status.schema) },
        { tr("runs kept (days)"), number(status.retentionDays) },
        { tr("runs kept per watcher"), number(status.runsKeptPerWatcher) },
        { tr("kv keys"), number(status.kvKeys) },
        { tr("secrets"), number(status.secrets) },
        { tr("enabled watchers"), number(status.enabledWatchers) },
        { tr("paused watchers"), number(status.pausedWatchers) },
        { tr("watchers awaiting approval"), number(status.watchersAwaitingApproval) },
        { tr("escalations (24 h)"),
          tr("%1 of %2").arg(status.escalationsLastDay).arg(status.escalationBudget) },
        { tr("secrets state"), cell(status.key.state) },
        { tr("master key source"), cell(status.key.source) },
        { tr("master key fingerprint"), cell(status.key.fingerprint) },
        { tr("webhooks"),
          status.webhooksUrl.isEmpty() ? tr("off (hearthd --webhooks-listen ADDR:PORT)")
                                       : status.webhooksUrl },
    };
    if (!status.key.message.isEmpty())
        rows.append({ tr("secrets problem"), status.key.message });
    if (!status.key.warning.isEmpty())
        rows.append({ tr("WARNING"), status.key.warning });
    for (const client::DeviceWorker &worker : status.workers) {
        rows.append({ tr("worker %1").arg(worker.id),
                      (worker.online ? tr("%1: online") : tr("%1: OFFLINE")).arg(worker.name) });
    }
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    return ExitOk;
}

} // namespace hearth::cli
