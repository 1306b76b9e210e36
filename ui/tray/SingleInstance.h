#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <memory>

namespace hearth::ui {

// One tray per user and data dir: the first launch holds a lock file and
// listens on a user-only local socket; a second launch finds the lock taken,
// asks the first (over the socket) to show its window, and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);

    // True when this process is the one instance; false when another is
    // running (it has been asked to show itself) or the lock is unusable.
    bool claim(QString *error);

signals:
    void activationRequested();

private:
    bool notifyRunningInstance();

    QString m_serverName;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
};

} // namespace hearth::ui
