// hearth backup FILE
#include "Commands.h"

#include <QFileInfo>

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
    const auto copy =
        c.api.call(client::api::backup(QFileInfo(c.arguments.constFirst()).absoluteFilePath()));
    if (!copy.ok())
        return c.reportFailure(copy.reply);
    return c.printReplyOr(copy.reply,
                          tr("backed up to %1 (%2 bytes, integrity ok)")
                              .arg(copy.value->path)
                              .arg(copy.value->sizeBytes));
}

} // namespace hearth::cli
