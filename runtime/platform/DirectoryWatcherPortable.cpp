#include "DirectoryWatcher.h"

#include <QFileSystemWatcher>

namespace hearth::platform {

namespace {

class PortableWatcher final : public DirectoryWatcher
{
public:
    PortableWatcher()
    {
        connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
                [this](const QString &folder) { emit changed(folder); });
    }

    Result<void> watch(const QString &folder) override
    {
        if (m_watcher.directories().contains(folder) || m_watcher.addPath(folder))
            return {};
        return fail(QStringLiteral("cannot watch %1 (it is gone, or the system's limit on "
                                   "watched folders is reached)")
                        .arg(folder));
    }

    void unwatch(const QString &folder) override { m_watcher.removePath(folder); }

private:
    QFileSystemWatcher m_watcher;
};

} // namespace

std::unique_ptr<DirectoryWatcher> DirectoryWatcher::create()
{
    return std::make_unique<PortableWatcher>();
}

} // namespace hearth::platform
