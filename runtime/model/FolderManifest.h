#pragma once

#include "FolderTrigger.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace hearth::scheduler {

// What hearthd knows of a file under a watched folder.
struct FileState
{
    qint64 size = 0;
    qint64 modifiedMs = 0;

    bool operator==(const FileState &other) const = default;
};

// The files a folder trigger selects, by path relative to the folder ('/'
// separated), sorted.
using FolderManifest = QMap<QString, FileState>;

// What changed between two looks at a folder, each list sorted.
struct FolderChanges
{
    QStringList created;
    QStringList modified;
    QStringList removed;
    // The new state of each created or modified file.
    FolderManifest current;

    bool isEmpty() const { return created.isEmpty() && modified.isEmpty() && removed.isEmpty(); }
    qsizetype count() const { return created.size() + modified.size() + removed.size(); }
    // ctx.event of the run they start: {path, created, modified, removed}
    // with absolute paths; beyond `maxPaths` in all, the rest are left out
    // and counted in `truncated`.
    QJsonObject toEvent(const QString &folder, int maxPaths) const;
};
FolderChanges compareManifests(const FolderManifest &before, const FolderManifest &after);

} // namespace hearth::scheduler
