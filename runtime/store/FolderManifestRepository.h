#pragma once

#include "core/Result.h"
#include "model/FolderManifest.h"

#include <optional>

namespace hearth {

class Database;

// What hearthd last saw of each folder watcher's folder (folder_scopes,
// folder_files).
class FolderManifestRepository
{
public:
    explicit FolderManifestRepository(Database &database);

    struct Stored
    {
        QString scope; // FolderTrigger::scope() of the trigger it was taken for
        scheduler::FolderManifest files;
    };
    // None: the watcher's folder was never looked at.
    Result<std::optional<Stored>> load(qint64 watcherId) const;
    // A fresh look (no run for what it found): replaces what was stored.
    Result<void> replace(qint64 watcherId, const QString &scope,
                         const scheduler::FolderManifest &files) const;
    // Changes a run was started for: inside the WriteBatch that records the
    // run, so that both are kept or neither.
    Result<void> apply(qint64 watcherId, const scheduler::FolderChanges &changes) const;

private:
    Database &m_database;
};

} // namespace hearth
