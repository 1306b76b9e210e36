#include "DataDirLock.h"

#include "core/Paths.h"
#include "platform/Platform.h"

#include <QDir>
#include <QSysInfo>

namespace hearth {

DataDirLock::DataDirLock(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QString::fromUtf16(datadir::LockFile)))
    , m_lock(std::make_unique<QLockFile>(m_path))
{
    // Never stale by age: a long-running hearthd holds it for weeks. A lock
    // whose pid is no longer running is still recognised as stale.
    m_lock->setStaleLockTime(0);
}

DataDirLock::~DataDirLock()
{
    release();
}

Result<void> DataDirLock::acquire()
{
    if (m_lock->tryLock(0))
        return {};
    if (m_lock->error() != QLockFile::LockFailedError)
        return fail(
            QStringLiteral("cannot take the lock %1 (is the data dir writable?)").arg(m_path));
    qint64 pid = 0;
    QString host;
    QString application;
    const bool described = m_lock->getLockInfo(&pid, &host, &application);
    // QLockFile already took over a lock of this host whose pid is gone.
    // What it cannot judge — an empty or damaged file (a power cut leaves
    // one), or a lock written under another host name (the machine was
    // renamed) — the OS can: a living holder keeps an OS lock on the file.
    if (!described || host != QSysInfo::machineHostName()) {
        if (platform::fileLockHeld(m_path) == false && m_lock->removeStaleLockFile() &&
            m_lock->tryLock(0)) {
            m_tookOver = described
                ? QStringLiteral("took over the lock %1 left by pid %2 on host %3, which no "
                                 "longer holds it")
                      .arg(m_path)
                      .arg(pid)
                      .arg(host)
                : QStringLiteral("took over the lock %1, which was empty or damaged and held by "
                                 "no process")
                      .arg(m_path);
            return {};
        }
    }
    if (described) {
        return fail(QStringLiteral("another hearthd (pid %1 on %2) is already using this data dir "
                                   "(lock file %3)")
                        .arg(pid)
                        .arg(host, m_path));
    }
    return fail(QStringLiteral("the lock file %1 is damaged and still held by a process; stop it "
                               "or remove the file")
                    .arg(m_path));
}

void DataDirLock::release()
{
    if (m_lock->isLocked())
        m_lock->unlock();
}

} // namespace hearth
