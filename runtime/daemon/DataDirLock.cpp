#include "DataDirLock.h"

#include "core/Paths.h"

#include <QDir>

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
    qint64 pid = 0;
    QString host;
    QString application;
    if (m_lock->error() == QLockFile::LockFailedError &&
        m_lock->getLockInfo(&pid, &host, &application)) {
        return fail(QStringLiteral("another hearthd (pid %1) is already using this data dir (lock "
                                   "file %2)")
                        .arg(pid)
                        .arg(m_path));
    }
    return fail(QStringLiteral("cannot take the lock %1 (is the data dir writable?)").arg(m_path));
}

void DataDirLock::release()
{
    if (m_lock->isLocked())
        m_lock->unlock();
}

} // namespace hearth
