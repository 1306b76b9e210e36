#include "FolderScan.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace hearth::services {

using scheduler::FileState;
using scheduler::FolderTrigger;

Result<FolderScan> scanFolder(const FolderTrigger &trigger)
{
    const QString root = trigger.folder();
    const QFileInfo rootInfo(root);
    if (!rootInfo.exists())
        return fail(QStringLiteral("there is no folder %1").arg(root));
    if (!rootInfo.isDir())
        return fail(QStringLiteral("%1 is not a folder").arg(root));
    if (!rootInfo.isReadable() || !rootInfo.isExecutable())
        return fail(QStringLiteral("hearthd may not read the folder %1").arg(root));

    FolderScan scan;
    scan.folders.append(root);
    const FolderTrigger::Selector selector = trigger.selector();
    const QDir rootDir(root);
    QDirIterator entries(
        root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        trigger.recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (entries.hasNext()) {
        entries.next();
        const QFileInfo entry = entries.fileInfo();
        if (entry.isDir()) {
            if (!trigger.recursive || entry.isSymLink())
                continue;
            if (scan.folders.size() >= FolderTrigger::MaxFolders)
                return fail(QStringLiteral("%1 holds more than %2 folders, more than one watcher "
                                           "may watch: watch a folder further down, or not "
                                           "recursively")
                                .arg(root)
                                .arg(FolderTrigger::MaxFolders));
            scan.folders.append(entry.filePath());
            continue;
        }
        if (!entry.isFile())
            continue; // sockets, pipes, devices, dangling links
        const QString relative = rootDir.relativeFilePath(entry.filePath());
        if (!selector.selects(relative))
            continue;
        if (scan.files.size() >= FolderTrigger::MaxFiles)
            return fail(QStringLiteral("%1 holds more than %2 files the trigger selects, more "
                                       "than one watcher may watch: watch a folder further "
                                       "down, or narrow the glob")
                            .arg(root)
                            .arg(FolderTrigger::MaxFiles));
        scan.files.insert(relative,
                          FileState { entry.size(), entry.lastModified().toMSecsSinceEpoch() });
    }
    return scan;
}

} // namespace hearth::services
