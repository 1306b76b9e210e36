// hearth kv ls|get|set|rm
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

KvListCommand::KvListCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("ls") }, {}, tr("List keys."), 0,
              { cliOptions().prefix })
{
}

int KvListCommand::execute(const CommandContext &c) const
{
    const QString prefix = c.value(cliOptions().prefix);
    const auto keys = c.api.collect<client::KvEntry>(
        [&prefix](const QString &cursor) { return client::api::kvKeys(prefix, cursor); });
    if (keys.failure)
        return c.reportFailure(*keys.failure);
    QList<QStringList> rows;
    for (const client::KvEntry &entry : keys.items)
        rows.append({ entry.key, cell(entry.updatedAt) });
    return c.printJsonOrTable(keys.json, { tr("KEY"), tr("UPDATED") }, rows);
}

KvGetCommand::KvGetCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("get") }, QStringLiteral("KEY"),
              tr("Print a key's JSON value."), 1, {})
{
}

int KvGetCommand::execute(const CommandContext &c) const
{
    const auto entry = c.api.call(client::api::kvValue(c.arguments.at(0)));
    if (!entry.ok())
        return c.reportFailure(entry.reply);
    // The value's own text, exactly as stored (large integers stay exact).
    printRaw(c.json ? entry.reply.body : entry.value->valueJson);
    return ExitOk;
}

KvSetCommand::KvSetCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("set") }, QStringLiteral("KEY JSON|@FILE|@-"),
              tr("Store a JSON value (inline, from a file, or from stdin)."), 2, {})
{
}

int KvSetCommand::execute(const CommandContext &c) const
{
    const QString source = c.arguments.at(1);
    QByteArray value;
    if (source == u"@-") {
        const auto input = readAllStdin();
        if (!input) {
            printErr(tr("cannot read the value from stdin"));
            return ExitUsage;
        }
        value = *input;
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
    return c.printWriteResult(c.api.call(client::api::setKvValue(c.arguments.at(0), value)),
                              c.arguments.at(0));
}

KvRemoveCommand::KvRemoveCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("rm") }, QStringLiteral("KEY"),
              tr("Remove a key (succeeds if it is already gone)."), 1, {})
{
}

int KvRemoveCommand::execute(const CommandContext &c) const
{
    const auto removed = c.api.call(client::api::removeKvValue(c.arguments.at(0)));
    if (!removed.ok())
        return c.reportFailure(removed.reply);
    if (c.json) {
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("key"), c.arguments.at(0) },
                                             { QStringLiteral("removed"), true } })
                     .toJson(QJsonDocument::Compact));
    } else {
        printOut(tr("removed %1").arg(c.arguments.at(0)));
    }
    return ExitOk;
}

} // namespace hearth::cli
