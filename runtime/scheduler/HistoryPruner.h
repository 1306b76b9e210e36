#pragma once

#include "Clock.h"
#include "store/Database.h"
#include "store/DeliveryRepository.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"

#include <QObject>
#include <QTimer>
#include <optional>

namespace hearth::scheduler {

// Keeps the history bounded: finished runs (and their logs) older than the
// retention or beyond the newest runs kept per watcher (a watcher's own
// `history` limits replacing either) are deleted, and so are snapshots by
// the same rules (a watcher's latest never) and texts no snapshot uses; then the
// pages they leave are given back to the file system. Channel deliveries
// that were delivered or suppressed go after the same retention as runs. A pass runs every hour
// in small batches, one per turn of the event loop, so that the scheduler
// and the API's writers wait for one short transaction at most. Dead and
// active runs are never pruned.
class HistoryPruner : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        qint64 retentionMs = 30LL * 24 * 3600 * 1000;
        int keepRunsPerWatcher = 1000;
        qint64 everyMs = 3600LL * 1000;
        int runsPerBatch = 500; // one transaction
        int pagesPerStep = 256; // 1 MiB of 4 KiB pages
        // None: snapshots are not pruned.
        const SnapshotRepository *snapshots = nullptr;
        int keepSnapshotsPerWatcher = 100;
        int snapshotRetentionDays = 365;
        // None: deliveries are not pruned. Delivered and suppressed ones go
        // after retentionMs, as runs do; failed and dead ones stay.
        const DeliveryRepository *deliveries = nullptr;
    };

    HistoryPruner(RunRepository &runs, const Database &database, const Clock &clock, Config config,
                  QObject *parent = nullptr);

    // A pass now, then one every everyMs.
    void start();
    // A pass now, unless one is under way.
    void pruneNow();
    bool passUnderWay() const { return m_phase != Phase::Idle; }

signals:
    // A pass ended: how many runs it deleted.
    void passFinished(int runsPruned);
    // How many snapshots it deleted, when it deleted some.
    void snapshotsPruned(int count);

private:
    enum class Phase { Idle, Age, OwnAge, Excess, Snapshots, SnapshotTexts, Deliveries, Reclaim };
    void step();
    // One batch of the current phase; false once the phase has no more.
    // Moves on to `next` with the work it has to do; ends the pass (false)
    // if that could not be read.
    template<typename T> bool enter(Phase next, const Result<QList<T>> &work, QList<T> &into);
    bool stepAge();
    bool stepOwnAge();
    bool stepExcess();
    bool stepSnapshots();
    bool stepSnapshotTexts();
    bool stepDeliveries();
    bool stepReclaim();
    void finishPass();

    RunRepository &m_runs;
    const Database &m_database;
    const Clock &m_clock;
    const Config m_config;
    QTimer m_every;
    Phase m_phase = Phase::Idle;
    qint64 m_passStartedAt = 0;
    qint64 m_finishedBefore = 0;
    QList<RunRepository::OwnAge> m_ownAges;
    QList<RunRepository::Excess> m_excess;
    QList<SnapshotRepository::Retention> m_snapshotRetentions;
    std::optional<qint64> m_freePages; // after the last reclaiming step
    int m_pruned = 0;
    int m_snapshotsPruned = 0;
};

} // namespace hearth::scheduler
