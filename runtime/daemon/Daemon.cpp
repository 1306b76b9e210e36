#include "Daemon.h"

#include "DaemonOptions.h"
#include "DataDirLock.h"
#include "LogSink.h"
#include "RuntimeFile.h"
#include "agents/WorkerDispatch.h"
#include "core/Crypto.h"
#include "core/Paths.h"
#include "core/Version.h"
#include "delivery/DeliveryDispatcher.h"
#include "events/ApiJson.h"
#include "events/EventBus.h"
#include "http/HttpServer.h"
#include "http/Router.h"
#include "http/WebhookAdmission.h"
#include "http/handlers/ChannelHandlers.h"
#include "http/handlers/EventHandlers.h"
#include "http/handlers/KvHandlers.h"
#include "http/handlers/NotificationHandlers.h"
#include "http/handlers/RunScopeHandlers.h"
#include "http/handlers/ScheduleHandlers.h"
#include "http/handlers/ScriptHandlers.h"
#include "http/handlers/SecretHandlers.h"
#include "http/handlers/SnapshotHandlers.h"
#include "http/handlers/SystemHandlers.h"
#include "http/handlers/TemplateHandlers.h"
#include "http/handlers/WatcherHandlers.h"
#include "http/handlers/WebhookHandlers.h"
#include "http/handlers/WorkerHandlers.h"
#include "platform/Platform.h"
#include "sandbox/SandboxPool.h"
#include "scheduler/FolderTriggers.h"
#include "scheduler/HistoryPruner.h"
#include "scheduler/LuaExecutor.h"
#include "scheduler/Scheduler.h"
#include "secrets/SecretStore.h"
#include "services/ChannelService.h"
#include "services/EscalationService.h"
#include "services/FeedService.h"
#include "services/KvService.h"
#include "services/NotificationService.h"
#include "services/RunScopeService.h"
#include "services/RunService.h"
#include "services/SnapshotService.h"
#include "services/WatcherService.h"
#include "services/WebhookService.h"
#include "services/WorkerService.h"
#include "store/ChannelRepository.h"
#include "store/Database.h"
#include "store/DeliveryRepository.h"
#include "store/FeedItemRepository.h"
#include "store/FolderManifestRepository.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/WatcherRepository.h"
#include "store/WebhookDeliveryRepository.h"
#include "store/WorkerRepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QThread>
#include <QUuid>
#include <cstdio>
#include <future>
#include <thread>

Q_LOGGING_CATEGORY(lcDaemon, "hearth.daemon")

namespace hearth {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;
// In-flight requests get this long after a shutdown request. hearthd exits
// within 5 s of SIGTERM whatever runs: 1 s for the sandbox hosts, this for
// requests in flight, 1 s for a keychain call.
constexpr std::chrono::milliseconds ShutdownGrace(2500);

void printLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

Result<void> prepareDataDir(const QString &path)
{
    QDir dir(path);
    constexpr QFileDevice::Permissions OwnerOnly =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    if (!dir.exists()) {
        if (!QDir().mkpath(path))
            return fail(QStringLiteral("cannot create the data dir %1").arg(path));
        QFile::setPermissions(path, OwnerOnly);
        return {};
    }
    // Only the user may look inside: it holds the database and proof key.
    // What the user allowed themselves stays as it is (a data dir made
    // read-only is not made writable behind their back).
    constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup |
        QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
        QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions current = QFile::permissions(path);
    if (current & GroupOrOther)
        QFile::setPermissions(path, current & OwnerOnly);
    if (!QFileInfo(path).isWritable())
        return fail(QStringLiteral("the data dir %1 is not writable; hearthd needs to write "
                                   "its database there (its permissions were left as they are)")
                        .arg(path));
    return {};
}

// Scripts run in sandbox host processes: the host installed for this hearthd
// (under libexec on Linux), or the one next to it (a build tree, the Windows
// and macOS bundles).
QString sandboxHostPath()
{
    const QDir own(QCoreApplication::applicationDirPath());
    const QString fromBin = QStringLiteral(HEARTH_SANDBOX_FROM_BIN); // empty: the same folder
    if (!fromBin.isEmpty()) {
        const QString installed = own.filePath(fromBin + QStringLiteral("/hearth-sandbox"));
        if (QFileInfo(installed).isExecutable())
            return QDir::cleanPath(installed);
    }
    return own.filePath(QStringLiteral("hearth-sandbox"));
}

} // namespace

int Daemon::run(const QStringList &arguments)
{
    platform::disableCoreDumps();
    platform::keepNewFilesPrivate();
    platform::shareAllocatorArenas();

    auto invocation = parseDaemonOptions(arguments, QProcessEnvironment::systemEnvironment());
    if (!invocation) {
        printLine(stderr, QStringLiteral("hearthd: ") + invocation.error());
        return ExitUsage;
    }
    switch (invocation->action) {
    case DaemonInvocation::Action::ShowHelp:
        printLine(stdout, invocation->helpText);
        return ExitOk;
    case DaemonInvocation::Action::ShowVersion:
        printLine(stdout, QStringLiteral("hearthd %1").arg(QString::fromLatin1(ProductVersion)));
        return ExitOk;
    case DaemonInvocation::Action::Run:
        break;
    }
    const DaemonOptions &options = invocation->options;

    LogSink::install({ options.logLevel, {}, 0, 0 });
    if (auto prepared = prepareDataDir(options.dataDir); !prepared) {
        qCCritical(lcDaemon).noquote() << prepared.error();
        return ExitFailure;
    }

    DataDirLock lock(options.dataDir);
    if (auto locked = lock.acquire(); !locked) {
        qCCritical(lcDaemon).noquote() << locked.error();
        return ExitFailure;
    }
    // The log file lives in the data dir, so it is only ours once we hold the lock.
    LogSink::install({ options.logLevel,
                       QDir(options.dataDir)
                           .filePath(QString::fromUtf16(datadir::LogDir) + u'/' +
                                     QString::fromUtf16(datadir::LogFile)),
                       5 * 1024 * 1024, 3 });
    if (!lock.tookOver().isEmpty())
        qCWarning(lcDaemon).noquote() << lock.tookOver();

    Database database(QDir(options.dataDir).filePath(QString::fromUtf16(datadir::DatabaseFile)));
    if (auto opened = database.open(); !opened) {
        qCCritical(lcDaemon).noquote() << opened.error();
        return ExitFailure;
    }
    KvRepository kv(database);
    FeedItemRepository feedItems(database);
    SnapshotRepository snapshots(database);
    NotificationRepository notifications(database);
    WatcherRepository watchers(database);
    RunRepository runs(database, watchers);
    WorkerRepository workers(database);
    FolderManifestRepository folderManifests(database);
    WebhookDeliveryRepository webhookDeliveries(database);
    ChannelRepository channels(database);
    DeliveryRepository deliveries(database);
    events::EventBus events;
    const services::NotificationService notificationService(notifications, events);

    secrets::SecretStoreConfig secretConfig;
    secretConfig.dataDir = options.dataDir;
    secretConfig.environmentKey = options.secretKey;
    secretConfig.keyFileOptIn = options.insecureKeyFile;
    secretConfig.maxValueBytes = options.maxSecretBytes;
    secrets::SecretStore secretStore(database, secretConfig);
    // Agents and scripts we start later must not inherit the key.
    qunsetenv("HEARTH_SECRET_KEY");

    http::InstanceIdentity identity;
    identity.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    identity.pid = QCoreApplication::applicationPid();
    identity.version = QString::fromLatin1(ProductVersion);
    identity.startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    identity.proofKey = options.proofKey.isEmpty() ? crypto::randomBytes(32) : options.proofKey;

    http::Router router;
    router.setStorageLocation(options.dataDir);
    // Filled in once the scheduler exists (below); status reads it later.
    std::function<QJsonArray()> workersStatus;
    std::optional<QString> webhooksUrl; // set once the listener is bound
    const services::EscalationService *escalationService = nullptr; // set below
    http::registerSystemRoutes(router,
                               { identity,
                                 options.dataDir,
                                 &database,
                                 &kv,
                                 &secretStore,
                                 &watchers,
                                 std::chrono::steady_clock::now(),
                                 [&workersStatus]() { return workersStatus(); },
                                 [&webhooksUrl]() { return webhooksUrl; },
                                 [&escalationService]() { return escalationService->usage(); },
                                 { options.runRetentionDays, options.keepRunsPerWatcher } });
    const services::KvService kvService(kv);
    const services::FeedService feedService(feedItems);
    http::registerKvRoutes(router, kvService, QStringLiteral("/api/v1/kv"),
                           [](const http::ApiRequest &) -> Result<QString, http::ApiError> {
                               return services::KvService::globalNamespace();
                           });
    http::registerSecretRoutes(router, secretStore, options.maxSecretBytes);
    http::registerNotificationRoutes(router, notificationService);
    const services::ChannelService channelService(channels, deliveries, secretStore, events);
    http::registerChannelRoutes(router, channelService);
    http::registerScheduleRoutes(router);
    scheduler::SystemClock clock;
    scheduler::Scheduler::Config schedulerConfig;
    schedulerConfig.leaseMs = options.leaseSeconds * 1000;
    scheduler::Scheduler scheduler(watchers, runs, clock, events, schedulerConfig);
    // Scripts' agent.escalate makes runs the scheduler keeps track of.
    const services::EscalationService escalations(runs, watchers, scheduler, events,
                                                  int(options.escalationBudget));
    escalationService = &escalations;
    sandbox::SandboxPool sandboxes(
        { sandboxHostPath(), options.luaThreads, options.luaCeilings.memoryBytes },
        { &kvService, &secretStore, &notificationService, &feedService, &channelService,
          &escalations });
    http::registerScriptRoutes(router, sandboxes, lua::Limits {}, options.luaCeilings);
    scheduler::HistoryPruner::Config retention;
    retention.retentionMs = qint64(options.runRetentionDays) * 24 * 3600 * 1000;
    retention.keepRunsPerWatcher = options.keepRunsPerWatcher;
    retention.snapshots = &snapshots;
    retention.keepSnapshotsPerWatcher = options.keepSnapshotsPerWatcher;
    retention.snapshotRetentionDays = options.snapshotRetentionDays;
    retention.deliveries = &deliveries;
    scheduler::HistoryPruner pruner(runs, database, clock, retention);
    scheduler::LuaExecutor luaExecutor(sandboxes, options.luaCeilings);
    scheduler.addExecutor(&luaExecutor);
    const services::RunService runService(runs, scheduler, events);
    const services::WatcherService watcherService(
        watchers, runs, workers, folderManifests, secretStore, scheduler, events,
        { options.luaCeilings, [&sandboxes](const QByteArray &source) {
             return sandboxes.checkSyntax(source);
         } });
    const http::WatcherRouteContext watcherRoutes { watcherService, runService };
    http::registerWatcherRoutes(router, watcherRoutes);
    http::registerTemplateRoutes(router, sandboxes, lua::Limits {});
    const services::SnapshotService snapshotService(snapshots, watchers);
    http::registerSnapshotRoutes(router, snapshotService);
    http::registerRunRoutes(router, watcherRoutes);
    // Agent runs are not executed here: device workers long-poll for them.
    agents::WorkerDispatch dispatch;
    QObject::connect(&scheduler, &scheduler::Scheduler::runsMayBeReady, &scheduler,
                     [&dispatch]() { dispatch.notify(); });
    const services::WorkerService workerService(workers, runs, watchers, runService, scheduler,
                                                dispatch, events, schedulerConfig.leaseMs);
    const http::WorkerRouteContext workerRoutes { workerService, dispatch };
    http::registerWorkerRoutes(router, workerRoutes);
    const services::RunScopeService runScopeService(runs, watchers, scheduler, events);
    http::registerRunScopeRoutes(router, { runScopeService, kvService });
    workersStatus = [&workerRoutes]() {
        return http::workersStatus(workerRoutes);
    };
    http::registerEventRoutes(router, events);

    http::HttpServer server(router);
    auto bound = server.bind(options.host, options.port);
    if (!bound) {
        qCCritical(lcDaemon).noquote() << bound.error();
        return ExitFailure;
    }

    // Webhooks come in on a listener of their own, never the API's port:
    // other programs and services reach it, so it has none of the API's
    // routes and its own admission (POST, body cap, rate limit per sender).
    const services::WebhookService webhookService(watchers, runs, webhookDeliveries, secretStore,
                                                  scheduler, events);
    http::Router webhookRouter;
    http::registerWebhookRoutes(webhookRouter, webhookService);
    http::RateLimiter::Config webhookRate;
    webhookRate.perSecond = double(options.webhooksPerSecond);
    webhookRate.burst = 4.0 * double(options.webhooksPerSecond);
    const http::WebhookAdmission webhookAdmission(webhookRate,
                                                  [&clock]() { return clock.wallMs(); });
    http::ServerLimits webhookLimits;
    webhookLimits.workerThreads = 4;
    webhookLimits.maxQueuedRequests = 32;
    webhookLimits.maxConnections = 64;
    webhookLimits.bodyDeadlineMs = 10000;
    // Made only when asked for: a server has its threads from the start.
    std::optional<http::HttpServer> webhookServer;
    if (options.webhooksListen) {
        webhookServer.emplace(webhookRouter, webhookAdmission, webhookLimits);
        auto listening =
            webhookServer->bind(options.webhooksListen->host, options.webhooksListen->port);
        if (!listening) {
            qCCritical(lcDaemon).noquote() << QStringLiteral("webhooks: ") + listening.error();
            return ExitFailure;
        }
        const QString &host = options.webhooksListen->host;
        webhooksUrl = QStringLiteral("http://%1:%2")
                          .arg(host.contains(u':') ? u'[' + host + u']' : host)
                          .arg(listening.value());
    }

    RuntimeFile runtimeFile(options.dataDir);
    if (auto written = runtimeFile.write(identity, options.host, bound.value()); !written) {
        qCCritical(lcDaemon).noquote() << written.error();
        return ExitFailure;
    }

    // Folder triggers list trees on a thread of their own.
    scheduler::FolderTriggers folderTriggers(watchers, runs, folderManifests, scheduler, events,
                                             clock, {});
    QThread folderThread;
    folderThread.setObjectName(QStringLiteral("folder triggers"));
    folderTriggers.moveToThread(&folderThread);
    QObject::connect(&scheduler, &scheduler::Scheduler::watchersMayHaveChanged, &folderTriggers,
                     &scheduler::FolderTriggers::watchersChanged);
    folderThread.start();

    server.start();
    if (webhookServer) {
        webhookServer->start();
        qCInfo(lcDaemon).noquote()
            << QStringLiteral("receiving webhooks on %1/hooks/…").arg(*webhooksUrl);
    }
    scheduler.start();
    QMetaObject::invokeMethod(&folderTriggers, &scheduler::FolderTriggers::start,
                              Qt::QueuedConnection);
    pruner.start();
    // Channels' deliveries go out on a thread of their own.
    delivery::DeliveryDispatcher deliveryDispatcher(deliveries, channels, secretStore, events);
    deliveryDispatcher.start();
    // Finding the master key may wait for the keychain; serve meanwhile
    // (secret endpoints answer 503 until it is found).
    std::promise<void> keyLoaded;
    std::future<void> keyLoadedFuture = keyLoaded.get_future();
    std::thread keyLoader([&secretStore, &keyLoaded]() {
        secretStore.initialize();
        keyLoaded.set_value();
    });
    const QString hostForUrl =
        options.host.contains(u':') ? u'[' + options.host + u']' : options.host;
    qCInfo(lcDaemon).noquote() << QStringLiteral(
                                      "hearthd %1 listening on http://%2:%3 (data dir %4, pid %5)")
                                      .arg(identity.version, hostForUrl)
                                      .arg(bound.value())
                                      .arg(options.dataDir)
                                      .arg(identity.pid);
    printLine(
        stdout,
        QStringLiteral("hearthd listening on http://%1:%2").arg(hostForUrl).arg(bound.value()));

    const int exitCode = QCoreApplication::exec();

    qCInfo(lcDaemon) << "shutting down";
    // Event streams and worker polls end now rather than holding the
    // shutdown up.
    events.close();
    dispatch.close();
    QMetaObject::invokeMethod(&folderTriggers, &scheduler::FolderTriggers::stop,
                              Qt::BlockingQueuedConnection);
    folderThread.quit();
    folderThread.wait();
    deliveryDispatcher.stop();
    // Scripts do not hold the stop up, whatever they do: their hosts are
    // killed first (a request waiting for a script gets its answer), and the
    // runs they held are recorded as interrupted at the next start.
    bool drained = sandboxes.shutdown(std::chrono::seconds(1));
    if (webhookServer)
        drained = webhookServer->stop(std::chrono::milliseconds(500)) && drained;
    drained = server.stop(ShutdownGrace) && drained;
    secretStore.cancel();
    // A keychain call in flight cannot be cancelled; do not wait for it long.
    if (keyLoadedFuture.wait_for(std::chrono::seconds(1)) == std::future_status::ready) {
        keyLoader.join();
    } else {
        keyLoader.detach();
        drained = false;
    }
    runtimeFile.remove();
    if (!drained) {
        qCWarning(lcDaemon) << "requests or a keychain call still running after"
                            << ShutdownGrace.count() << "ms; exiting anyway";
    }
    qCInfo(lcDaemon) << "stopped";
    LogSink::uninstall();
    lock.release();
    if (!drained) {
        // Threads stuck in a request must not keep the process alive.
        std::fflush(nullptr);
        std::_Exit(exitCode);
    }
    return exitCode;
}

} // namespace hearth
