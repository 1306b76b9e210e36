#pragma once

#include "Clock.h"
#include "model/FolderManifest.h"
#include "model/WatcherSpec.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <map>
#include <memory>

namespace hearth {
class FolderManifestRepository;
class RunRepository;
class WatcherRepository;
namespace events {
class EventBus;
}
namespace platform {
class DirectoryWatcher;
}
namespace services {
class RunControl;
}
} // namespace hearth

namespace hearth::scheduler {

// Starts the runs of folder watchers (FolderTrigger). Each enabled one's
// folders are watched; a change (re)arms its settle timer, and when it
// expires the folder is listed and compared with what was stored: files
// still being written (changed within settle_ms and since the previous
// look) are waited for, then one run gets every change as ctx.event, and
// the stored files change in the same commit as the run is recorded — a
// change is delivered once, even across kill -9. Changes made while
// hearthd was stopped are found by the same comparison at start (a
// catch_up run, or none for catch_up "skip").
//
// Lives on a thread of its own (listing a large tree must not hold the
// scheduler up): start() and stop() are called there; watchersChanged() is
// thread-safe.
class FolderTriggers : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        // A folder that cannot be watched (gone, unreadable, too big) is
        // looked at again this often.
        qint64 retryMs = 60'000;
        // A change that waits for the watcher's active run (concurrency
        // "forbid") is offered again this often.
        qint64 busyRetryMs = 1'000;
        // Watcher changes are looked at once they stop coming for this long
        // (an import of many watchers is one look).
        qint64 resyncDelayMs = 100;
        // Events put a look off by settle_ms each, but not beyond this many
        // settle periods after the first: a folder that is never quiet (a
        // long download of a file the glob leaves out) must not hold back
        // the files it selects. Those the look finds still being written
        // are waited for all the same.
        int maxSettlePeriods = 5;
    };

    FolderTriggers(const WatcherRepository &watchers, const RunRepository &runs,
                   const FolderManifestRepository &folders, services::RunControl &runControl,
                   events::EventBus &events, const Clock &clock, Config config);
    ~FolderTriggers() override;

    // On this object's thread: looks at every folder watcher's folder
    // (delivering what changed while hearthd was stopped) and watches it.
    void start();
    // On this object's thread, before it ends: stops watching.
    void stop();
    // Thread-safe: watchers were saved or deleted.
    void watchersChanged();

private:
    struct Watch
    {
        qint64 watcherId = 0;
        WatcherSpec spec;
        QStringList folders; // watched now
        QTimer timer; // settle, busy or retry
        // The previous look while files were still changing.
        std::optional<FolderManifest> previousLook;
        // When the events since the last look began (monotonic ms).
        std::optional<qint64> eventsSince;
        // Why the folder cannot be watched now (a run recorded it).
        QString problem;
        // Its first look is at hearthd's start: what it finds changed
        // while hearthd was stopped (a catch_up run).
        bool catchingUp = false;
    };

    void resync();
    void onFolderChanged(const QString &folder);
    void look(Watch &watch);
    // Starts the run for `changes` and stores them, in one commit. False if
    // the watcher's active run forbids another one now.
    bool deliver(Watch &watch, const FolderChanges &changes);
    void cannotWatch(Watch &watch, const QString &problem);
    void setFolders(Watch &watch, const QStringList &folders, QString *problem);
    void drop(qint64 watcherId);

    const WatcherRepository &m_watchers;
    const RunRepository &m_runs;
    const FolderManifestRepository &m_folders;
    services::RunControl &m_runControl;
    events::EventBus &m_events;
    const Clock &m_clock;
    const Config m_config;
    std::unique_ptr<platform::DirectoryWatcher> m_directories;
    std::map<qint64, std::unique_ptr<Watch>> m_watches;
    QHash<QString, QSet<qint64>> m_watchersOfFolder;
    QTimer m_resync;
    bool m_starting = false;
};

} // namespace hearth::scheduler
