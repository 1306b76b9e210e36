// hearth snapshots WATCHER, hearth diff WATCHER [A B]
#include "CliOutput.h"
#include "Commands.h"

namespace hearth::cli {

SnapshotsCommand::SnapshotsCommand()
    : Command({ QStringLiteral("snapshots") }, QStringLiteral("WATCHER"),
              tr("List a watcher's snapshots, newest first."), 1, {})
{
}

int SnapshotsCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    const auto snapshots = c.api.collect<client::Snapshot>(
        [&id](const QString &cursor) { return client::api::snapshots(id, cursor); });
    if (snapshots.failure)
        return c.reportFailure(*snapshots.failure);
    QList<QStringList> rows;
    for (const client::Snapshot &snapshot : snapshots.items)
        rows.append({ snapshot.id, cell(snapshot.createdAt), QString::number(snapshot.size),
                      snapshot.runId });
    return c.printJsonOrTable(snapshots.json, { tr("ID"), tr("CREATED"), tr("BYTES"), tr("RUN") },
                              rows);
}

DiffCommand::DiffCommand()
    : Command({ QStringLiteral("diff") }, QStringLiteral("WATCHER [A B]"),
              tr("Show what changed between two snapshots of a watcher (default: its latest two)."),
              1, { cliOptions().words })
{
}

int DiffCommand::execute(const CommandContext &c) const
{
    QString id;
    if (const int resolved = c.resolveWatcher(c.arguments.at(0), id); resolved != ExitOk)
        return resolved;
    QString from;
    QString to;
    if (c.arguments.size() == 3) {
        from = c.arguments.at(1);
        to = c.arguments.at(2);
    } else {
        const auto latest = c.api.call(client::api::snapshots(id, {}));
        if (!latest.ok())
            return c.reportFailure(latest.reply);
        if (latest.value->items.size() < 2) {
            printErr(tr("%1 has %n snapshot(s); a diff needs two", nullptr,
                        int(latest.value->items.size()))
                         .arg(c.arguments.at(0)));
            return ExitApiError;
        }
        to = latest.value->items.at(0).id;
        from = latest.value->items.at(1).id;
    }
    const QString by =
        c.isSet(cliOptions().words) ? QStringLiteral("words") : QStringLiteral("lines");
    const auto diff = c.api.call(client::api::snapshotDiff(id, from, to, by));
    if (!diff.ok())
        return c.reportFailure(diff.reply);
    if (c.json) {
        printRaw(diff.reply.body);
        return ExitOk;
    }
    printOut(tr("snapshot %1 (%2) → %3 (%4)")
                 .arg(diff.value->from.id, diff.value->from.createdAt.text(), diff.value->to.id,
                      diff.value->to.createdAt.text()));
    if (!diff.value->changed) {
        printOut(tr("no changes"));
        return ExitOk;
    }
    printOut(diff.value->unified.endsWith(u'\n') ? diff.value->unified.chopped(1)
                                                 : diff.value->unified);
    return ExitOk;
}

} // namespace hearth::cli
