#include "RuntimeFile.h"

#include "core/Paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hearth {

RuntimeFile::RuntimeFile(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QString::fromUtf16(datadir::RuntimeFile)))
{
}

Result<void> RuntimeFile::write(const http::InstanceIdentity &identity, const QString &host,
                                quint16 port)
{
    const QJsonObject content {
        { QStringLiteral("port"), int(port) },
        { QStringLiteral("host"), host },
        { QStringLiteral("pid"), identity.pid },
        { QStringLiteral("instance_id"), identity.instanceId },
        { QStringLiteral("version"), identity.version },
        { QStringLiteral("started_at"), identity.startedAt },
        { QStringLiteral("proof_key"), QString::fromLatin1(identity.proofKey.toHex()) },
    };
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    // Restrict the temporary file before the proof key is written into it.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(QStringLiteral("cannot restrict the permissions of %1").arg(m_path));
    file.write(QJsonDocument(content).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    return {};
}

void RuntimeFile::remove()
{
    QFile::remove(m_path);
}

} // namespace hearth
