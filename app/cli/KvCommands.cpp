// hearth kv ls|get|set|rm
#include "CliApp.h"
#include "CliOutput.h"
#include "Terminal.h"
#include "client/RawJson.h"
#include "client/RuntimeConnection.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

int CliApp::runKvList(client::ApiClient &api)
{
    QString query = QStringLiteral("/api/v1/kv?limit=1000");
    if (!m_prefix.isEmpty())
        query += QStringLiteral("&prefix=") + client::percentEncoded(m_prefix);
    QJsonArray all;
    if (const int failed = fetchAllPages(api, query, all); failed != ExitOk)
        return failed;
    return printItems(all, { tr("KEY"), tr("UPDATED") },
                      { QStringLiteral("key"), QStringLiteral("updated_at") });
}

int CliApp::runKvGet(client::ApiClient &api)
{
    const client::ApiReply reply =
        api.call("GET", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    // The value's own text, exactly as stored (large integers stay exact).
    printRaw(client::rawJsonMember(reply.body, "value"));
    return ExitOk;
}

int CliApp::runKvSet(client::ApiClient &api)
{
    const QString source = m_positional.at(1);
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
    const client::ApiReply reply = api.call(
        "PUT", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)), value);
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printWriteResult(reply, m_positional.at(0));
}

int CliApp::runKvRemove(client::ApiClient &api)
{
    const client::ApiReply reply = api.call(
        "DELETE", QStringLiteral("/api/v1/kv/") + client::percentEncoded(m_positional.at(0)));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("key"), m_positional.at(0) },
                                             { QStringLiteral("removed"), true } })
                     .toJson(QJsonDocument::Compact));
    } else {
        printOut(tr("removed %1").arg(m_positional.at(0)));
    }
    return ExitOk;
}

} // namespace hearth::cli
