#pragma once

#include "core/Result.h"

#include <QObject>
#include <QString>
#include <memory>

namespace hearth::platform {

// Tells when the entries of watched folders change: a file created, written,
// renamed, removed or its attributes changed (not what happens further
// down: each folder of a tree is watched on its own). On Linux this is
// inotify, which also reports writes to a file in place (Qt's
// QFileSystemWatcher does not for folders); elsewhere QFileSystemWatcher,
// whose FSEvents/ReadDirectoryChangesW back ends do. One implementation is
// compiled per platform (chosen in runtime/CMakeLists.txt).
class DirectoryWatcher : public QObject
{
    Q_OBJECT
public:
    static std::unique_ptr<DirectoryWatcher> create();
    ~DirectoryWatcher() override = default;

    // Watching a folder already watched is fine. Fails with a message a
    // person can act on (the system's limit on watches is reached).
    virtual Result<void> watch(const QString &folder) = 0;
    virtual void unwatch(const QString &folder) = 0;

signals:
    // Something in `folder` (or the folder itself) changed.
    void changed(const QString &folder);
    // The system dropped events: anything watched may have changed.
    void overflowed();

protected:
    DirectoryWatcher() = default;
};

} // namespace hearth::platform
