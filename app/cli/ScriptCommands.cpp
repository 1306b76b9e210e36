// hearth script run
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"
#include "client/RawJson.h"
#include "client/RuntimeConnection.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

ScriptCommand::ScriptCommand()
    : Command({ QStringLiteral("script"), QStringLiteral("run") }, QStringLiteral("FILE"),
              tr("Run a Lua script once in the sandbox and print its result and logs."), 1,
              { cliOptions().event })
{
}

int ScriptCommand::execute(const CommandContext &c) const
{
    const QString path = c.arguments.at(0);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(tr("cannot read %1: %2").arg(path, file.errorString()));
        return ExitUsage;
    }
    QJsonObject request { { QStringLiteral("source"), QString::fromUtf8(file.readAll()) } };
    if (!c.value(cliOptions().event).isEmpty()) {
        const QJsonDocument event = QJsonDocument::fromJson(c.value(cliOptions().event).toUtf8());
        if (!event.isObject()) {
            printErr(tr("--event must be a JSON object"));
            return ExitUsage;
        }
        request.insert(QStringLiteral("event"), event.object());
    }
    // The script's own limits bound the wait; leave room beyond the default 30 s.
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/scripts/run"),
                   QJsonDocument(request).toJson(QJsonDocument::Compact), 330000);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    const QJsonObject result = QJsonDocument::fromJson(reply.body).object();
    const bool succeeded = result.value(QStringLiteral("status")).toString() == u"succeeded";
    if (c.json) {
        printRaw(reply.body);
    } else {
        for (const QJsonValue &value : result.value(QStringLiteral("logs")).toArray()) {
            const QJsonObject line = value.toObject();
            QString text =
                line.value(QStringLiteral("level")).toString().toUpper().leftJustified(6) +
                line.value(QStringLiteral("message")).toString();
            if (line.contains(QStringLiteral("data")))
                text += u' ' + scalarText(line.value(QStringLiteral("data")));
            printOut(text);
        }
        // The result's own text, as sent, so numbers stay exact.
        if (succeeded)
            printRaw(client::rawJsonMember(reply.body, "result"));
    }
    if (!succeeded) {
        const QJsonObject error = result.value(QStringLiteral("error")).toObject();
        printErr(error.value(QStringLiteral("code")).toString() + QStringLiteral(": ") +
                 error.value(QStringLiteral("message")).toString());
        return ExitApiError;
    }
    return ExitOk;
}

} // namespace hearth::cli
