// hearth secrets ls|set|get|rm|rotate-key|reset
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "Terminal.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

SecretsListCommand::SecretsListCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("ls") }, {},
              tr("List secret names (never values)."), 0, {})
{
}

int SecretsListCommand::execute(const CommandContext &c) const
{
    const auto secrets = c.api.collect<client::SecretInfo>(&client::api::secrets);
    if (secrets.failure)
        return c.reportFailure(*secrets.failure);
    QList<QStringList> rows;
    for (const client::SecretInfo &secret : secrets.items)
        rows.append({ secret.name, cell(secret.createdAt), cell(secret.updatedAt) });
    return c.printJsonOrTable(secrets.json, { tr("NAME"), tr("CREATED"), tr("UPDATED") }, rows);
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
    const client::Operation<client::Written> store =
        client::api::setSecret(c.arguments.at(0), QString::fromUtf8(value));
    value.fill('\0');
    return c.printWriteResult(c.api.call(store), c.arguments.at(0));
}

SecretsGetCommand::SecretsGetCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("get") }, QStringLiteral("NAME"),
              tr("Print a secret's value."), 1, {})
{
}

int SecretsGetCommand::execute(const CommandContext &c) const
{
    const auto revealed = c.api.call(client::api::revealSecret(c.arguments.at(0)));
    if (!revealed.ok())
        return c.reportFailure(revealed.reply);
    printRaw(c.json ? revealed.reply.body : revealed.value->toUtf8());
    return ExitOk;
}

SecretsRemoveCommand::SecretsRemoveCommand()
    : Command({ QStringLiteral("secrets"), QStringLiteral("rm") }, QStringLiteral("NAME"),
              tr("Delete a secret (succeeds if it is already gone)."), 1, {})
{
}

int SecretsRemoveCommand::execute(const CommandContext &c) const
{
    const auto removed = c.api.call(client::api::removeSecret(c.arguments.at(0)));
    if (!removed.ok())
        return c.reportFailure(removed.reply);
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
    const auto rotated = c.api.call(client::api::rotateKey());
    if (!rotated.ok())
        return c.reportFailure(rotated.reply);
    return c.printReplyOr(rotated.reply,
                          tr("rotated: key version %1, fingerprint %2, kept in the %3")
                              .arg(cell(rotated.value->keyVersion),
                                   rotated.value->fingerprint.left(16), rotated.value->source));
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
    const auto reset = c.api.call(client::api::resetSecrets());
    if (!reset.ok())
        return c.reportFailure(reset.reply);
    return c.printReplyOr(reset.reply, tr("deleted %1 secrets").arg(*reset.value));
}

} // namespace hearth::cli
