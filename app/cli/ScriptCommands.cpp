// hearth script run
#include "CliApp.h"
#include "CliOutput.h"
#include "Commands.h"

#include <QFile>
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
    QJsonObject event;
    if (const int read = c.eventOption(event); read != ExitOk)
        return read;
    const auto ran = c.api.call(client::api::runScript(QString::fromUtf8(file.readAll()), event));
    if (!ran.ok())
        return c.reportFailure(ran.reply);
    const client::ScriptRun &run = *ran.value;
    if (c.json) {
        printRaw(ran.reply.body);
    } else {
        for (const client::LogLine &line : run.logs) {
            QString text = logLevelName(line.level).toUpper().leftJustified(6) + line.message;
            if (!line.data.isUndefined())
                text += u' ' + scalarText(line.data);
            printOut(text);
        }
        // The result's own text, as sent, so numbers stay exact.
        if (run.succeeded)
            printRaw(run.resultJson);
    }
    if (!run.succeeded) {
        const client::RunError error = run.error.value_or(client::RunError {});
        printErr(error.code + QStringLiteral(": ") + error.message);
        return ExitApiError;
    }
    return ExitOk;
}

} // namespace hearth::cli
