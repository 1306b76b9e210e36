// hearth secrets ls|set|get|rm|rotate-key|reset
#include "CliApp.h"
#include "CliOutput.h"
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

int CliApp::runSecretsList(client::ApiClient &api)
{
    QJsonArray all;
    if (const int failed = fetchAllPages(api, QStringLiteral("/api/v1/secrets?limit=1000"), all);
        failed != ExitOk)
        return failed;
    return printItems(
        all, { tr("NAME"), tr("CREATED"), tr("UPDATED") },
        { QStringLiteral("name"), QStringLiteral("created_at"), QStringLiteral("updated_at") });
}

int CliApp::runSecretsSet(client::ApiClient &api)
{
    // Never from an argument: arguments end up in shell history and `ps`.
    QByteArray value;
    if (stdinIsTerminal()) {
        const auto typed = readHiddenLine(tr("Value for %1: ").arg(m_positional.at(0)));
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
    const client::ApiReply reply = api.call("PUT", secretPath(m_positional.at(0)), body);
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printWriteResult(reply, m_positional.at(0));
}

int CliApp::runSecretsGet(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST", secretPath(m_positional.at(0)) + QStringLiteral("/reveal"), "{}");
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
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

int CliApp::runSecretsRemove(client::ApiClient &api)
{
    const client::ApiReply reply = api.call("DELETE", secretPath(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("name"), m_positional.at(0) },
                                             { QStringLiteral("removed"), true } })
                     .toJson(QJsonDocument::Compact));
    } else {
        printOut(tr("removed %1").arg(m_positional.at(0)));
    }
    return ExitOk;
}

int CliApp::runSecretsRotateKey(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("POST", QStringLiteral("/api/v1/secrets/rotate-key"), "{}");
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
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

int CliApp::runSecretsReset(client::ApiClient &api)
{
    if (!m_yes) {
        printErr(tr("reset deletes every secret; run it again with --yes to confirm"));
        return ExitUsage;
    }
    const client::ApiReply reply =
        api.call("POST", QStringLiteral("/api/v1/secrets/reset"), R"({"confirm":true})");
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
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
