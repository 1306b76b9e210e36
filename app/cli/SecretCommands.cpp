// hearth secrets ls|set|get|rm|rotate-key|reset
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"
#include "client/RuntimeConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

namespace {
QString secretPath(const QString &name)
{
    return QStringLiteral("/api/v1/secrets/") + client::percentEncoded(name);
}
} // namespace

SecretsListCommand::SecretsListCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("ls") }, {},
              tr("List secret names (never values)."), 0, {})
{
}

int SecretsListCommand::execute(const CommandContext &c) const
{
    QJsonArray all;
    if (const int failed = c.fetchAllPages(QStringLiteral("/api/v1/secrets?limit=1000"), all);
        failed != ExitOk)
        return failed;
    return c.printItems(
        all, { tr("NAME"), tr("CREATED"), tr("UPDATED") },
        { QStringLiteral("name"), QStringLiteral("created_at"), QStringLiteral("updated_at") });
}

SecretsSetCommand::SecretsSetCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("set") }, QStringLiteral("NAME"),
              tr("Store a secret; the value is read from a hidden prompt, or from stdin."), 1, {})
{
}

int SecretsSetCommand::execute(const CommandContext &c) const
{
    // Never from an argument: arguments end up in shell history and `ps`.
    QByteArray value;
    if (stdinIsTerminal()) {
        const auto typed = readHiddenLine(tr("Value for %1: ").arg(c.arguments.at(0)));
        if (!typed) {
            printErr(tr("no value entered"));
            return ExitUsage;
        }
        value = *typed;
    } else {
        const auto input = readAllStdin();
        if (!input) {
            printErr(tr("cannot read the value from stdin"));
            return ExitUsage;
        }
        value = *input;
        // `echo token | hearth secrets set X` should store "token".
        if (value.endsWith('\n'))
            value.chop(value.endsWith("\r\n") ? 2 : 1);
    }
    const QByteArray body =
        QJsonDocument(QJsonObject { { QStringLiteral("value"), QString::fromUtf8(value) } })
            .toJson(QJsonDocument::Compact);
    value.fill('\0');
    const client::ApiReply reply = c.api.call("PUT", secretPath(c.arguments.at(0)), body);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    return c.printWriteResult(reply, c.arguments.at(0));
}

SecretsGetCommand::SecretsGetCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("get") }, QStringLiteral("NAME"),
              tr("Print a secret's value."), 1, {})
{
}

int SecretsGetCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST", secretPath(c.arguments.at(0)) + QStringLiteral("/reveal"), "{}");
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    printRaw(QJsonDocument::fromJson(reply.body)
                 .object()
                 .value(QStringLiteral("value"))
                 .toString()
                 .toUtf8());
    return ExitOk;
}

SecretsRemoveCommand::SecretsRemoveCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("rm") }, QStringLiteral("NAME"),
              tr("Delete a secret (succeeds if it is already gone)."), 1, {})
{
}

int SecretsRemoveCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply = c.api.call("DELETE", secretPath(c.arguments.at(0)));
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("name"), c.arguments.at(0) },
                                             { QStringLiteral("removed"), true } })
                     .toJson(QJsonDocument::Compact));
    } else {
        printOut(tr("removed %1").arg(c.arguments.at(0)));
    }
    return ExitOk;
}

SecretsRotateKeyCommand::SecretsRotateKeyCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("rotate-key") }, {},
              tr("Re-seal every secret under a new master key."), 0, {})
{
}

int SecretsRotateKeyCommand::execute(const CommandContext &c) const
{
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/secrets/rotate-key"), "{}");
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject result = QJsonDocument::fromJson(reply.body).object();
    printOut(tr("rotated: key version %1, fingerprint %2, kept in the %3")
                 .arg(scalarText(result.value(QStringLiteral("key_version"))),
                      result.value(QStringLiteral("fingerprint")).toString().left(16),
                      result.value(QStringLiteral("source")).toString()));
    return ExitOk;
}

SecretsResetCommand::SecretsResetCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("reset") }, {},
              tr("Delete every secret and start over with the available key (needs --yes)."), 0,
              { cliOptions().yes })
{
}

int SecretsResetCommand::execute(const CommandContext &c) const
{
    if (!c.isSet(cliOptions().yes)) {
        printErr(tr("reset deletes every secret; run it again with --yes to confirm"));
        return ExitUsage;
    }
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/secrets/reset"), R"({"confirm":true})");
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    if (c.json) {
        printRaw(reply.body);
        return ExitOk;
    }
    printOut(
        tr("deleted %1 secrets")
            .arg(scalarText(
                QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("deleted")))));
    return ExitOk;
}

} // namespace hearth::cli
