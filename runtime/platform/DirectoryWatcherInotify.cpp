#include "DirectoryWatcher.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QSocketNotifier>
#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace hearth::platform {

namespace {

// Writes are reported as IN_MODIFY while a file is being written and
// IN_CLOSE_WRITE at its end; both matter to a trigger that waits for files
// to settle.
constexpr uint32_t Events = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
    IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;

class InotifyWatcher final : public DirectoryWatcher
{
public:
    InotifyWatcher()
        : m_fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
    {
        if (m_fd < 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        connect(m_notifier.get(), &QSocketNotifier::activated, this, &InotifyWatcher::readEvents);
    }
    ~InotifyWatcher() override
    {
        m_notifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
    }

    Result<void> watch(const QString &folder) override
    {
        if (m_fd < 0)
            return fail(QStringLiteral("cannot watch folders: inotify is not available (%1)")
                            .arg(QString::fromLocal8Bit(std::strerror(errno))));
        if (m_watches.contains(folder))
            return {};
        const int wd = inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), Events);
        if (wd < 0) {
            const int error = errno;
            if (error == ENOSPC)
                return fail(QStringLiteral("cannot watch %1: the system's limit on watched "
                                           "folders is reached (raise fs.inotify.max_user_"
                                           "watches, or watch fewer folders)")
                                .arg(folder));
            return fail(QStringLiteral("cannot watch %1: %2")
                            .arg(folder, QString::fromLocal8Bit(std::strerror(error))));
        }
        // The same folder under another name (a hard link cannot be made
        // to a folder, but a bind mount can) gets the same descriptor.
        m_watches.insert(folder, wd);
        m_folders.insert(wd, folder);
        return {};
    }

    void unwatch(const QString &folder) override
    {
        const auto it = m_watches.constFind(folder);
        if (it == m_watches.cend())
            return;
        const int wd = it.value();
        m_watches.erase(it);
        if (m_folders.value(wd) == folder) {
            m_folders.remove(wd);
            inotify_rm_watch(m_fd, wd);
        }
    }

private:
    void readEvents()
    {
        QSet<QString> changed;
        bool overflow = false;
        alignas(inotify_event) char buffer[64 * 1024];
        for (;;) {
            const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
            if (length <= 0)
                break; // EAGAIN: read everything there was
            for (ssize_t at = 0; at < length;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                at += ssize_t(sizeof(inotify_event) + event->len);
                if (event->mask & IN_Q_OVERFLOW) {
                    overflow = true;
                    continue;
                }
                const auto folder = m_folders.constFind(event->wd);
                if (folder == m_folders.cend())
                    continue;
                changed.insert(folder.value());
                if (event->mask & IN_IGNORED) {
                    // The folder is gone (or was unmounted): the kernel
                    // dropped its watch.
                    m_watches.remove(folder.value());
                    m_folders.erase(folder);
                }
            }
        }
        if (overflow)
            emit overflowed();
        for (const QString &folder : std::as_const(changed))
            emit this->changed(folder);
    }

    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QHash<QString, int> m_watches;
    QHash<int, QString> m_folders;
};

} // namespace

std::unique_ptr<DirectoryWatcher> DirectoryWatcher::create()
{
    return std::make_unique<InotifyWatcher>();
}

} // namespace hearth::platform
