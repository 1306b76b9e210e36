// hearth kv ls|get|set|rm
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"
#include "client/RawJson.h"
#include "client/RuntimeConnection.h"

#include <QFile>
#include <QJsonArray>
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
    QString query = QStringLiteral("/api/v1/kv?limit=1000");
    if (!c.value(cliOptions().prefix).isEmpty())
        query += QStringLiteral("&prefix=") + client::percentEncoded(c.value(cliOptions().prefix));
    QJsonArray all;
    if (const int failed = c.fetchAllPages(query, all); failed != ExitOk)
        return failed;
    return c.printItems(all, { tr("KEY"), tr("UPDATED") },
                        { QStringLiteral("key"), QStringLiteral("updated_at") });
}

KvGetCommand::KvGetCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("get") }, QStringLiteral("KEY"),
              tr("Print a key's JSON value."), 1, {})
{
}

int KvGetCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call(
        "GET", QStringLiteral("/api/v1/kv/") + client::percentEncoded(c.arguments.at(0)));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    // The value's own text, exactly as stored (large integers stay exact).
    printRaw(client::rawJsonMember(reply.body, "value"));
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
    const client::ApiReply reply = c.api.call(
        "PUT", QStringLiteral("/api/v1/kv/") + client::percentEncoded(c.arguments.at(0)), value);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printWriteResult(reply, c.arguments.at(0));
}

KvRemoveCommand::KvRemoveCommand()
    : Command({ QStringLiteral("kv"), QStringLiteral("rm") }, QStringLiteral("KEY"),
              tr("Remove a key (succeeds if it is already gone)."), 1, {})
{
}

int KvRemoveCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call(
        "DELETE", QStringLiteral("/api/v1/kv/") + client::percentEncoded(c.arguments.at(0)));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
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
