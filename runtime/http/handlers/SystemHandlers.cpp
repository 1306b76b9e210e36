#include "SystemHandlers.h"

#include "core/Crypto.h"
#include "core/Version.h"
#include "http/Router.h"
#include "store/Database.h"
#include "store/KvRepository.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

namespace hearth::http {

QByteArray identityProof(const QByteArray &proofKey, const QByteArray &nonce)
{
    return crypto::hmacSha256(proofKey, nonce).toHex();
}

void registerSystemRoutes(Router &router, SystemContext context)
{
    router.add("GET", QStringLiteral("/healthz"),
               [](const ApiRequest &) -> HandlerResult { return ApiResponse::text("ok"); });

    router.add("GET", QStringLiteral("/version"), [context](const ApiRequest &) -> HandlerResult {
        return ApiResponse::json(
            { { QStringLiteral("product"), QString::fromLatin1(ProductName) },
              { QStringLiteral("version"), context.identity.version },
              { QStringLiteral("api"), ApiVersion },
              { QStringLiteral("schema"), context.database->schemaVersion() } });
    });

    router.add("GET", QStringLiteral("/api/v1/instance"),
               [context](const ApiRequest &request) -> HandlerResult {
                   static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{32,256}$"));
                   const QString nonce = request.query.value(QStringLiteral("nonce"));
                   if (!hex.match(nonce).hasMatch()) {
                       return fail(ApiError::invalidRequest(
                           QStringLiteral("nonce"),
                           QStringLiteral("must be 32 to 256 hexadecimal characters")));
                   }
                   const InstanceIdentity &id = context.identity;
                   return ApiResponse::json(
                       { { QStringLiteral("instance_id"), id.instanceId },
                         { QStringLiteral("pid"), id.pid },
                         { QStringLiteral("version"), id.version },
                         { QStringLiteral("started_at"), id.startedAt },
                         { QStringLiteral("no_auth"), true },
                         { QStringLiteral("proof"),
                           QString::fromLatin1(identityProof(id.proofKey, nonce.toLatin1())) } });
               });

    router.add(
        "GET", QStringLiteral("/api/v1/status"), [context](const ApiRequest &) -> HandlerResult {
            auto kvCount = context.kv->count();
            if (!kvCount)
                return fail(ApiError::internal(kvCount.error()));
            const QString dbPath = context.database->filePath();
            // The WAL holds committed data not yet checkpointed; it is part of
            // what the database occupies.
            const qint64 dbBytes = QFileInfo(dbPath).size() + QFileInfo(dbPath + u"-wal").size();
            const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::steady_clock::now() - context.started);
            const InstanceIdentity &id = context.identity;
            return ApiResponse::json({
                { QStringLiteral("product"), QString::fromLatin1(ProductName) },
                { QStringLiteral("version"), id.version },
                { QStringLiteral("instance_id"), id.instanceId },
                { QStringLiteral("pid"), id.pid },
                { QStringLiteral("started_at"), id.startedAt },
                { QStringLiteral("uptime_s"), qint64(uptime.count()) },
                { QStringLiteral("no_auth"), true },
                { QStringLiteral("data_dir"), context.dataDir },
                { QStringLiteral("database"),
                  QJsonObject { { QStringLiteral("path"), dbPath },
                                { QStringLiteral("size_bytes"), dbBytes },
                                { QStringLiteral("schema"), context.database->schemaVersion() } } },
                { QStringLiteral("counts"),
                  QJsonObject { { QStringLiteral("kv_keys"), kvCount.value() } } },
            });
        });
}

} // namespace hearth::http
