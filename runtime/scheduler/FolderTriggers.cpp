#include "FolderTriggers.h"

#include "events/RunEvents.h"
#include "platform/DirectoryWatcher.h"
#include "services/FolderScan.h"
#include "services/RunControl.h"
#include "store/Database.h"
#include "store/FolderManifestRepository.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFolders, "hearth.folders")

namespace hearth::scheduler {

FolderTriggers::FolderTriggers(const WatcherRepository &watchers, const RunRepository &runs,
                               const FolderManifestRepository &folders,
                               services::RunControl &runControl, events::EventBus &events,
                               const Clock &clock, Config config)
    : m_watchers(watchers)
    , m_runs(runs)
    , m_folders(folders)
    , m_runControl(runControl)
    , m_events(events)
    , m_clock(clock)
    , m_config(config)
    , m_resync(this)
{
    m_resync.setSingleShot(true);
    m_resync.setInterval(int(m_config.resyncDelayMs));
    connect(&m_resync, &QTimer::timeout, this, &FolderTriggers::resync);
}

FolderTriggers::~FolderTriggers() = default;

void FolderTriggers::start()
{
    m_directories = platform::DirectoryWatcher::create();
    connect(m_directories.get(), &platform::DirectoryWatcher::changed, this,
            &FolderTriggers::onFolderChanged);
    connect(m_directories.get(), &platform::DirectoryWatcher::overflowed, this, [this]() {
        qCInfo(lcFolders) << "the system dropped folder events; looking at every folder";
        for (auto &[id, watch] : m_watches)
            watch->timer.start(int(watch->spec.folder()->settleMs));
    });
    m_starting = true;
    resync();
    m_starting = false;
}

void FolderTriggers::stop()
{
    m_resync.stop();
    while (!m_watches.empty())
        drop(m_watches.begin()->first);
    m_directories.reset();
}

void FolderTriggers::watchersChanged()
{
    QMetaObject::invokeMethod(
        this, [this]() { m_resync.start(); }, Qt::QueuedConnection);
}

void FolderTriggers::resync()
{
    auto folderWatchers = m_watchers.enabledFolderWatchers();
    if (!folderWatchers) {
        qCWarning(lcFolders).noquote() << folderWatchers.error();
        m_resync.start(int(m_config.retryMs));
        return;
    }
    std::map<qint64, WatcherSpec> wanted;
    for (const WatcherRecord &watcher : folderWatchers.value()) {
        if (watcher.spec.folder())
            wanted.emplace(watcher.id, watcher.spec);
    }
    for (auto it = m_watches.begin(); it != m_watches.end();) {
        const qint64 id = it->first;
        ++it;
        const auto still = wanted.find(id);
        if (still == wanted.end() || *still->second.folder() != *m_watches.at(id)->spec.folder())
            drop(id);
    }
    for (auto &[id, spec] : wanted) {
        if (const auto known = m_watches.find(id); known != m_watches.end()) {
            known->second->spec = spec; // its name or policies may have changed
            continue;
        }
        auto watch = std::make_unique<Watch>();
        watch->watcherId = id;
        watch->spec = spec;
        watch->catchingUp = m_starting;
        watch->timer.setSingleShot(true);
        connect(&watch->timer, &QTimer::timeout, this, [this, watcherId = id]() {
            if (const auto it = m_watches.find(watcherId); it != m_watches.end())
                look(*it->second);
        });
        Watch &added = *watch;
        m_watches.emplace(id, std::move(watch));
        look(added);
    }
}

void FolderTriggers::onFolderChanged(const QString &folder)
{
    const qint64 now = m_clock.monotonicMs();
    for (qint64 id : m_watchersOfFolder.value(folder)) {
        const auto it = m_watches.find(id);
        if (it == m_watches.end())
            continue;
        Watch &watch = *it->second;
        const qint64 settleMs = watch.spec.folder()->settleMs;
        if (!watch.eventsSince)
            watch.eventsSince = now;
        if (!watch.timer.isActive() ||
            now - *watch.eventsSince < settleMs * m_config.maxSettlePeriods)
            watch.timer.start(int(settleMs));
    }
}

void FolderTriggers::look(Watch &watch)
{
    watch.timer.stop();
    watch.eventsSince.reset();
    const FolderTrigger &trigger = *watch.spec.folder();
    auto scan = services::scanFolder(trigger);
    if (!scan)
        return cannotWatch(watch, scan.error());
    QString problem;
    setFolders(watch, scan->folders, &problem);
    if (!problem.isEmpty())
        return cannotWatch(watch, problem);
    if (!watch.problem.isEmpty()) {
        qCInfo(lcFolders).noquote() << QStringLiteral("watching %1 for \"%2\" again")
                                           .arg(trigger.folder(), watch.spec.name);
        watch.problem.clear();
    }

    auto stored = m_folders.load(watch.watcherId);
    if (!stored) {
        qCWarning(lcFolders).noquote() << stored.error();
        watch.timer.start(int(m_config.retryMs));
        return;
    }
    // Nothing stored for this folder, or changes made while hearthd was
    // stopped that the watcher's catch-up policy drops: what is there now
    // is where changes start from.
    if (!stored.value() || stored.value()->scope != trigger.scope() ||
        (watch.catchingUp && watch.spec.catchUp == CatchUp::Skip)) {
        if (auto kept = m_folders.replace(watch.watcherId, trigger.scope(), scan->files); !kept) {
            qCWarning(lcFolders).noquote() << kept.error();
            watch.timer.start(int(m_config.retryMs));
            return;
        }
        watch.previousLook.reset();
        watch.catchingUp = false;
        return;
    }

    const FolderChanges changes = compareManifests(stored.value()->files, scan->files);
    if (changes.isEmpty()) {
        watch.previousLook.reset();
        watch.catchingUp = false;
        return;
    }
    // A file written within settle_ms that changed since the previous look
    // is still being written (a slow copy): wait. Its own events re-arm the
    // timer where the system reports writes; the times cover where it does
    // not.
    const qint64 settledBefore = m_clock.wallMs() - trigger.settleMs;
    bool stillChanging = false;
    for (auto it = changes.current.cbegin(); it != changes.current.cend() && !stillChanging; ++it) {
        if (it->modifiedMs <= settledBefore)
            continue;
        const bool sameAsBefore =
            watch.previousLook && watch.previousLook->value(it.key(), FileState { -1, -1 }) == *it;
        stillChanging = !sameAsBefore;
    }
    if (stillChanging) {
        watch.previousLook = scan->files;
        watch.timer.start(int(trigger.settleMs));
        return;
    }
    if (!deliver(watch, changes)) {
        watch.timer.start(int(m_config.busyRetryMs));
        return;
    }
    watch.previousLook.reset();
    watch.catchingUp = false;
}

bool FolderTriggers::deliver(Watch &watch, const FolderChanges &changes)
{
    const FolderTrigger &trigger = *watch.spec.folder();
    const qint64 now = m_clock.wallMs();
    FireRequest request;
    request.watcherId = watch.watcherId;
    request.concurrency = watch.spec.concurrency;
    // Under "forbid" the changes wait for the active run rather than being
    // recorded as a skipped run: they are not lost, and the next run gets
    // them with whatever changed meanwhile.
    request.refuseWhileActive = true;
    request.nowMs = now;
    const QJsonObject event = changes.toEvent(trigger.folder(), FolderTrigger::MaxEventPaths);
    request.runs = { NewRun {
        now, watch.catchingUp ? RunTrigger::CatchUp : RunTrigger::Folder, now,
        QJsonDocument(event).toJson(QJsonDocument::Compact),
        watch.spec.agent() ? watch.spec.agent()->deviceWorkerId : std::nullopt, std::nullopt, 0 } };

    WriteBatch batch = m_runs.batch();
    if (auto begun = batch.begin(); !begun) {
        qCWarning(lcFolders).noquote() << begun.error();
        return false;
    }
    auto fired = m_runs.fire(request);
    if (!fired) {
        if (fired.error().code == StoreError::NotFound)
            return true; // deleted meanwhile: the resync that follows drops it
        if (fired.error().code != StoreError::Conflict)
            qCWarning(lcFolders).noquote() << fired.error().message;
        return false;
    }
    if (auto kept = m_folders.apply(watch.watcherId, changes); !kept) {
        qCWarning(lcFolders).noquote() << kept.error();
        return false;
    }
    if (auto committed = batch.commit(); !committed) {
        qCWarning(lcFolders).noquote() << committed.error();
        return false;
    }
    m_runControl.stopExecutions(fired->replacedRunning);
    for (const RunRecord &run : std::as_const(fired->created)) {
        events::publishRun(m_events, QStringLiteral("created"), run);
        qCInfo(lcFolders).noquote() << QStringLiteral("%1 change(s) in %2 started run %3 of \"%4\"")
                                           .arg(changes.count())
                                           .arg(trigger.folder())
                                           .arg(run.id)
                                           .arg(watch.spec.name);
    }
    m_runControl.wake();
    return true;
}

void FolderTriggers::cannotWatch(Watch &watch, const QString &problem)
{
    setFolders(watch, {}, nullptr);
    watch.previousLook.reset();
    watch.timer.start(int(m_config.retryMs));
    if (problem == watch.problem)
        return; // said already
    watch.problem = problem;
    qCWarning(lcFolders).noquote()
        << QStringLiteral("\"%1\" stopped watching: %2").arg(watch.spec.name, problem);
    // The watcher's runs say why nothing starts it any more.
    const qint64 now = m_clock.wallMs();
    auto skipped = m_runs.recordSkipped(
        watch.watcherId,
        NewRun { now, RunTrigger::Folder, now, "{}", std::nullopt, std::nullopt, 0 },
        QStringLiteral("folder_unwatchable"),
        QStringLiteral("%1; looking again every %2 s").arg(problem).arg(m_config.retryMs / 1000),
        now);
    if (!skipped) {
        if (skipped.error().code != StoreError::NotFound)
            qCWarning(lcFolders).noquote() << skipped.error().message;
        return;
    }
    if (skipped.value())
        events::publishRun(m_events, QStringLiteral("created"), *skipped.value());
}

void FolderTriggers::setFolders(Watch &watch, const QStringList &folders, QString *problem)
{
    const QSet<QString> wanted(folders.cbegin(), folders.cend());
    QStringList kept;
    for (const QString &folder : std::as_const(watch.folders)) {
        if (wanted.contains(folder)) {
            kept.append(folder);
            continue;
        }
        QSet<qint64> &watchers = m_watchersOfFolder[folder];
        watchers.remove(watch.watcherId);
        if (watchers.isEmpty()) {
            m_watchersOfFolder.remove(folder);
            m_directories->unwatch(folder);
        }
    }
    const QSet<QString> already(kept.cbegin(), kept.cend());
    for (const QString &folder : folders) {
        if (already.contains(folder))
            continue;
        if (auto watched = m_directories->watch(folder); !watched) {
            if (problem && problem->isEmpty())
                *problem = watched.error();
            continue;
        }
        m_watchersOfFolder[folder].insert(watch.watcherId);
        kept.append(folder);
    }
    watch.folders = kept;
}

void FolderTriggers::drop(qint64 watcherId)
{
    const auto it = m_watches.find(watcherId);
    if (it == m_watches.end())
        return;
    setFolders(*it->second, {}, nullptr);
    m_watches.erase(it);
}

} // namespace hearth::scheduler
