#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace hearth {

class Database;

// A registered device worker (the device_workers table). Instants are ms
// since the epoch.
struct WorkerRecord
{
    qint64 id = 0;
    QString name;
    QStringList agentKinds;
    qint64 createdAt = 0;
    std::optional<qint64> lastSeenAt;

    // What runs.claimed_by says for runs this worker holds.
    QString claimer() const { return claimerFor(id); }
    static QString claimerFor(qint64 workerId);
    bool runs(const QString &agentKind) const { return agentKinds.contains(agentKind); }
};

// Device workers and their bearer tokens. A token is shown once, when the
// worker registers; only its SHA-256 is stored (tokens are 256 random bits,
// so a plain hash is enough: there is nothing to brute-force).
class WorkerRepository
{
public:
    explicit WorkerRepository(Database &database);

    struct Registration
    {
        WorkerRecord worker;
        QByteArray token;
    };
    Result<Registration> registerWorker(const QString &name, const QStringList &agentKinds,
                                        qint64 nowMs) const;
    // The worker a bearer token belongs to; none for an unknown token.
    Result<std::optional<WorkerRecord>> authenticate(const QByteArray &token) const;
    Result<std::optional<WorkerRecord>> get(qint64 id) const;
    // By id.
    Result<QList<WorkerRecord>> list() const;
    // Renames the worker and replaces its agent kinds; false if it is gone.
    Result<bool> update(qint64 id, const QString &name, const QStringList &agentKinds) const;
    // False if there was no such worker.
    Result<bool> remove(qint64 id) const;
    // Records that the worker called (at most one write per few seconds).
    Result<void> touch(qint64 id, qint64 nowMs) const;

private:
    Database &m_database;
};

} // namespace hearth
