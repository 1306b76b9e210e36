#pragma once

#include "core/Result.h"
#include "services/EscalationService.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <chrono>
#include <functional>

namespace hearth {
class Database;
class KvRepository;
class WatcherRepository;
} // namespace hearth

namespace hearth::secrets {
class SecretStore;
}

namespace hearth::http {

class Router;

// Who this hearthd is: what runtime.json announces and /api/v1/instance proves.
struct InstanceIdentity
{
    QString instanceId;
    qint64 pid = 0;
    QString version;
    QString startedAt; // RFC 3339 UTC
    QByteArray proofKey; // 32 raw bytes
};

struct SystemContext
{
    InstanceIdentity identity;
    QString dataDir;
    const Database *database = nullptr;
    const KvRepository *kv = nullptr;
    const secrets::SecretStore *secrets = nullptr;
    const WatcherRepository *watchers = nullptr;
    std::chrono::steady_clock::time_point started;
    // The device workers and whether each is online (WorkerHandlers).
    std::function<QJsonArray()> workers;
    // The webhook listener's base URL ("http://127.0.0.1:8788"), or
    // nothing when it is off; read once it is bound.
    std::function<std::optional<QString>()> webhooksUrl;
    // Escalations of all watchers against hearthd's budget.
    std::function<Result<services::EscalationService::Usage, Error>()> escalations;
    // How much run history is kept (HistoryPruner).
    struct Retention
    {
        int runDays = 0;
        int runsPerWatcher = 0;
    } retention;
};

// GET /healthz, /version, /api/v1/instance, /api/v1/status.
void registerSystemRoutes(Router &router, SystemContext context);

// hex(HMAC-SHA256(proofKey, nonce as sent)), the identity proof of SECURITY.md.
QByteArray identityProof(const QByteArray &proofKey, const QByteArray &nonce);

} // namespace hearth::http
