#pragma once

#include "core/Result.h"

#include <QLockFile>
#include <QString>
#include <memory>

namespace hearth {

// One hearthd per data dir (SECURITY.md): a QLockFile that a second instance
// cannot take while the first lives, and that a crashed instance does not
// leave stuck (the lock records the holder's pid, which is checked).
class DataDirLock
{
public:
    explicit DataDirLock(const QString &dataDir);
    ~DataDirLock();

    // Fails with a message naming the holder's pid. Takes over a lock whose
    // holder is gone, also when its file is empty or damaged or names
    // another host (then tookOver() says so, for the log).
    Result<void> acquire();
    void release();
    QString tookOver() const { return m_tookOver; }

private:
    QString m_path;
    QString m_tookOver;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace hearth
