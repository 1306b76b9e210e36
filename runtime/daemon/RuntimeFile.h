#pragma once

#include "core/Result.h"
#include "http/handlers/SystemHandlers.h"

#include <QString>

namespace hearth {

// runtime.json in the data dir: how clients find and verify this hearthd.
// Written after the listen succeeds, mode 0600, atomically (temp + rename);
// removed on clean shutdown.
class RuntimeFile
{
public:
    explicit RuntimeFile(const QString &dataDir);

    Result<void> write(const http::InstanceIdentity &identity, const QString &host, quint16 port);
    void remove();

private:
    QString m_path;
};

} // namespace hearth
