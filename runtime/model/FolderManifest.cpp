#include "FolderManifest.h"

#include <QDir>
#include <QJsonArray>

namespace hearth::scheduler {

FolderChanges compareManifests(const FolderManifest &before, const FolderManifest &after)
{
    FolderChanges changes;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto previous = before.constFind(it.key());
        if (previous == before.cend())
            changes.created.append(it.key());
        else if (previous.value() != it.value())
            changes.modified.append(it.key());
        else
            continue;
        changes.current.insert(it.key(), it.value());
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            changes.removed.append(it.key());
    }
    return changes;
}

QJsonObject FolderChanges::toEvent(const QString &folder, int maxPaths) const
{
    const QDir root(folder);
    int listed = 0;
    const auto paths = [&](const QStringList &relative) {
        QJsonArray absolute;
        for (const QString &path : relative) {
            if (listed == maxPaths)
                break;
            absolute.append(root.filePath(path));
            ++listed;
        }
        return absolute;
    };
    QJsonObject event { { QStringLiteral("path"), folder },
                        { QStringLiteral("created"), paths(created) },
                        { QStringLiteral("modified"), paths(modified) },
                        { QStringLiteral("removed"), paths(removed) } };
    if (count() > listed)
        event.insert(QStringLiteral("truncated"), count() - listed);
    return event;
}

} // namespace hearth::scheduler
