#include "SystemHandlers.h"

#include "core/Crypto.h"
#include "core/Version.h"
#include "http/Router.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/KvRepository.h"
#include "store/WatcherRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcBackup, "hearth.backup")

namespace hearth::http {

QByteArray identityProof(const QByteArray &proofKey, const QByteArray &nonce)
{
    return crypto::hmacSha256(proofKey, nonce).toHex();
}

namespace {

// Where the secrets' master key comes from and whether secrets are served;
// the fingerprint identifies the key without revealing it.
QJsonObject secretsStatusJson(const secrets::SecretsStatus &status)
{
    QJsonObject json {
        { QStringLiteral("state"), secrets::stateName(status.state) },
        { QStringLiteral("source"),
          status.source ? QJsonValue(secrets::sourceName(*status.source))
                        : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("fingerprint"),
          status.fingerprint.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(status.fingerprint.left(16)) },
        { QStringLiteral("key_version"), status.keyVersion },
    };
    if (!status.message.isEmpty())
        json.insert(QStringLiteral("message"), status.message);
    if (!status.warning.isEmpty())
        json.insert(QStringLiteral("warning"), status.warning);
    return json;
}

// POST /api/v1/backup: {"path": "/absolute/new-file"}.
HandlerResult backup(const Database &database, const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "path" }); !known)
        return fail(known.error());
    const QJsonValue pathValue = body->value(QStringLiteral("path"));
    const QString field = QStringLiteral("path");
    if (!pathValue.isString() || pathValue.toString().isEmpty())
        return fail(ApiError::invalidRequest(field, QStringLiteral("must be a file name")));
    const QString path = pathValue.toString();
    // hearthd's working folder is nobody's business: the client resolves.
    if (!QDir::isAbsolutePath(path))
        return fail(ApiError::invalidRequest(field, QStringLiteral("must be an absolute path")));
    const QFileInfo target(QDir::cleanPath(path));
    if (!target.dir().exists()) {
        return fail(ApiError::invalidRequest(
            field, QStringLiteral("the folder %1 does not exist").arg(target.path())));
    }
    // Created here, exclusively: an existing file is never overwritten, and
    // what a failed copy leaves is ours to remove.
    QFile file(target.filePath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (target.exists() || target.isSymLink()) {
            return fail(ApiError::from(
                { ErrorCode::Conflict,
                  QStringLiteral("%1 already exists: a backup is written to a new file")
                      .arg(target.filePath()),
                  {} }));
        }
        return fail(ApiError::invalidRequest(
            field, QStringLiteral("cannot create a file there: %1").arg(file.errorString())));
    }
    file.close();
    if (auto copied = database.copyTo(target.filePath()); !copied) {
        const StorageProblem problem = takeStorageProblem();
        qCWarning(lcBackup).noquote()
            << QStringLiteral("backup to %1 failed: %2").arg(target.filePath(), copied.error());
        file.remove();
        if (problem == StorageProblem::DiskFull) {
            return fail(ApiError { 507,
                                   "insufficient_storage",
                                   QStringLiteral("the disk that holds %1 is full: no backup was "
                                                  "written")
                                       .arg(target.path()),
                                   {} });
        }
        return fail(ApiError::internal(copied.error()));
    }
    if (auto checked = Database::checkIntegrity(target.filePath()); !checked) {
        file.remove();
        return fail(ApiError::internal(checked.error()));
    }
    return ApiResponse::json(
        { { QStringLiteral("path"), target.filePath() },
          { QStringLiteral("size_bytes"), QFileInfo(target.filePath()).size() },
          { QStringLiteral("integrity"), QStringLiteral("ok") } },
        201);
}

} // namespace

void registerSystemRoutes(Router &router, SystemContext context)
{
    router.add("POST", QStringLiteral("/api/v1/backup"),
               [context](const ApiRequest &request) { return backup(*context.database, request); });

    router.add("GET", QStringLiteral("/healthz"),
               [](const ApiRequest &) -> HandlerResult { return ApiResponse::text("ok"); });

    router.add("GET", QStringLiteral("/version"), [context](const ApiRequest &) -> HandlerResult {
        return ApiResponse::json(
            { { QStringLiteral("product"), QString::fromLatin1(ProductName) },
              { QStringLiteral("version"), context.identity.version },
              { QStringLiteral("api"), ApiVersion },
              { QStringLiteral("schema"), context.database->schemaVersion() } });
    });

    router
        .add("GET", QStringLiteral("/api/v1/instance"),
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
             })
        .withQuery({ "nonce" });

    router.add(
        "GET", QStringLiteral("/api/v1/status"), [context](const ApiRequest &) -> HandlerResult {
            auto kvCount = context.kv->count();
            if (!kvCount)
                return fail(ApiError::internal(kvCount.error()));
            auto secretCount = context.secrets->count();
            if (!secretCount)
                return fail(ApiError::internal(secretCount.error()));
            auto enabledCount = context.watchers->countEnabled();
            if (!enabledCount)
                return fail(ApiError::internal(enabledCount.error()));
            auto pausedCount = context.watchers->countPaused();
            if (!pausedCount)
                return fail(ApiError::internal(pausedCount.error()));
            auto awaitingCount = context.watchers->countAwaitingApproval();
            if (!awaitingCount)
                return fail(ApiError::internal(awaitingCount.error()));
            auto escalations = context.escalations();
            if (!escalations)
                return fail(ApiError::from(escalations.error()));
            const QString dbPath = context.database->filePath();
            // The WAL holds committed data not yet checkpointed; it is part of
            // what the database occupies.
            const qint64 dbBytes = QFileInfo(dbPath).size() + QFileInfo(dbPath + u"-wal").size();
            auto freeBytes = context.database->freeBytes();
            const std::optional<QString> webhooksUrl =
                context.webhooksUrl ? context.webhooksUrl() : std::nullopt;
            if (!freeBytes)
                return fail(ApiError::internal(freeBytes.error()));
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
                                { QStringLiteral("free_bytes"), freeBytes.value() },
                                { QStringLiteral("schema"), context.database->schemaVersion() } } },
                { QStringLiteral("retention"),
                  QJsonObject {
                      { QStringLiteral("run_days"), context.retention.runDays },
                      { QStringLiteral("runs_per_watcher"), context.retention.runsPerWatcher } } },
                { QStringLiteral("secrets"), secretsStatusJson(context.secrets->status()) },
                { QStringLiteral("workers"), context.workers ? context.workers() : QJsonArray() },
                { QStringLiteral("webhooks"),
                  QJsonObject { { QStringLiteral("url"),
                                  webhooksUrl ? QJsonValue(*webhooksUrl) : QJsonValue() } } },
                { QStringLiteral("escalations"),
                  QJsonObject { { QStringLiteral("last_24h"), escalations->lastDay },
                                { QStringLiteral("budget"), escalations->budget } } },
                { QStringLiteral("counts"),
                  QJsonObject {
                      { QStringLiteral("kv_keys"), kvCount.value() },
                      { QStringLiteral("secrets"), secretCount.value() },
                      { QStringLiteral("enabled_watchers"), enabledCount.value() },
                      { QStringLiteral("paused_watchers"), pausedCount.value() },
                      { QStringLiteral("watchers_awaiting_approval"), awaitingCount.value() } } },
            });
        });
}

} // namespace hearth::http
