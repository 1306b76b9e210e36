#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalSocket>
#include <QStandardPaths>

namespace hearth::ui {

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
{
    const QByteArray profile =
        QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(16);
    // The user's name keeps two users' trays apart on a shared machine
    // (the socket lives in a shared temp dir on some systems).
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    m_serverName = QStringLiteral("hearth-tray-") + user + u'-' + QString::fromLatin1(profile);
    // The lock sits in the data dir: that is what "one tray per profile" means.
    QDir().mkpath(dataDir);
    m_lock =
        std::make_unique<QLockFile>(QDir(dataDir).filePath(QStringLiteral("hearth-tray.lock")));
    m_lock->setStaleLockTime(0);
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this]() {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::readyRead, this, [this, socket]() {
                if (socket->readAll().contains("show"))
                    emit activationRequested();
                socket->disconnectFromServer();
            });
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool SingleInstance::claim(QString *error)
{
    if (m_lock->tryLock(100)) {
        // A previous instance that crashed may have left its socket behind.
        QLocalServer::removeServer(m_serverName);
        if (!m_server.listen(m_serverName)) {
            *error = tr("cannot listen on %1: %2").arg(m_serverName, m_server.errorString());
            return false;
        }
        return true;
    }
    if (m_lock->error() == QLockFile::LockFailedError) {
        if (!notifyRunningInstance())
            *error = tr("another hearth-tray holds %1 but does not answer").arg(m_serverName);
        return false;
    }
    *error = tr("cannot create the tray's lock file in the data folder");
    return false;
}

bool SingleInstance::notifyRunningInstance()
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(3000))
        return false;
    socket.write("show\n");
    socket.waitForBytesWritten(3000);
    socket.waitForDisconnected(3000);
    return true;
}

} // namespace hearth::ui
