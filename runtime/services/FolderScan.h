#pragma once

#include "core/Result.h"
#include "model/FolderManifest.h"

#include <QStringList>

namespace hearth::services {

struct FolderScan
{
    scheduler::FolderManifest files;
    QStringList folders; // absolute: the folder and, if recursive, those under it
};

// Looks at a folder trigger's folder now. Fails with a message a person can
// act on: the folder is missing, is not a folder, cannot be read, or holds
// more folders or files than one watcher may watch
// (FolderTrigger::MaxFolders, MaxFiles). Symbolic links to folders are not
// followed (no loops, no escaping the tree); links to files count as the
// files they point to.
Result<FolderScan> scanFolder(const scheduler::FolderTrigger &trigger);

} // namespace hearth::services
