// hearth backup FILE
#include "Commands.h"
#include "client/RuntimeConnection.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::cli {

BackupCommand::BackupCommand()
    : Command({ QStringLiteral("backup") }, QStringLiteral("FILE"),
              tr("Copy the database to FILE (a new file) while the runtime runs, and check the "
                 "copy."),
              1, {})
{
}

int BackupCommand::execute(const CommandContext &c) const
{
    // Relative to where the command runs, not to hearthd's working folder.
    const QString path = QFileInfo(c.arguments.constFirst()).absoluteFilePath();
    const client::ApiReply reply =
        c.api.call("POST", QStringLiteral("/api/v1/backup"),
                   QJsonDocument(QJsonObject { { QStringLiteral("path"), path } })
                       .toJson(QJsonDocument::Compact),
                   // Copying a large database takes a while.
                   10 * 60 * 1000);
    if (!reply.isSuccess())
        return c.reportFailure(reply);
    const QJsonObject copy = QJsonDocument::fromJson(reply.body).object();
    return c.printReplyOr(reply,
                          tr("backed up to %1 (%2 bytes, integrity ok)")
                              .arg(copy.value(QStringLiteral("path")).toString())
                              .arg(copy.value(QStringLiteral("size_bytes")).toInteger()));
}

} // namespace hearth::cli
