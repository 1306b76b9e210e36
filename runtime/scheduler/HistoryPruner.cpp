#include "HistoryPruner.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcPruner, "hearth.pruner")

namespace hearth::scheduler {

HistoryPruner::HistoryPruner(RunRepository &runs, const Database &database, const Clock &clock,
                             Config config, QObject *parent)
    : QObject(parent)
    , m_runs(runs)
    , m_database(database)
    , m_clock(clock)
    , m_config(config)
{
    m_every.setInterval(int(m_config.everyMs));
    connect(&m_every, &QTimer::timeout, this, &HistoryPruner::pruneNow);
}

void HistoryPruner::start()
{
    m_every.start();
    pruneNow();
}

void HistoryPruner::pruneNow()
{
    if (m_phase != Phase::Idle)
        return;
    m_phase = Phase::Age;
    m_passStartedAt = m_clock.wallMs();
    m_finishedBefore = m_passStartedAt - m_config.retentionMs;
    m_pruned = 0;
    m_snapshotsPruned = 0;
    step();
}

void HistoryPruner::step()
{
    bool more = false;
    switch (m_phase) {
    case Phase::Idle:
        return;
    case Phase::Age:
        more = stepAge() || enter(Phase::OwnAge, m_runs.watchersWithOwnAge(), m_ownAges);
        break;
    case Phase::OwnAge:
        more = stepOwnAge() ||
            enter(Phase::Excess, m_runs.excessRuns(m_config.keepRunsPerWatcher), m_excess);
        break;
    case Phase::Excess:
        more = stepExcess();
        if (!more) {
            if (m_config.snapshots) {
                more = enter(Phase::Snapshots,
                             m_config.snapshots->retentions(m_config.keepSnapshotsPerWatcher,
                                                            m_config.snapshotRetentionDays),
                             m_snapshotRetentions);
            } else {
                m_phase = Phase::Deliveries;
                more = true;
            }
        }
        break;
    case Phase::Snapshots:
        if (!stepSnapshots())
            m_phase = Phase::SnapshotTexts;
        more = true;
        break;
    case Phase::SnapshotTexts:
        if (!stepSnapshotTexts())
            m_phase = Phase::Deliveries;
        more = true;
        break;
    case Phase::Deliveries:
        if (!stepDeliveries())
            m_phase = Phase::Reclaim;
        more = true;
        break;
    case Phase::Reclaim:
        more = stepReclaim();
        break;
    }
    if (!more) {
        finishPass();
        return;
    }
    // The next batch on the next turn: what waits (a fire, a request's
    // write) goes first.
    QMetaObject::invokeMethod(this, &HistoryPruner::step, Qt::QueuedConnection);
}

template<typename T>
bool HistoryPruner::enter(Phase next, const Result<QList<T>> &work, QList<T> &into)
{
    if (!work) {
        qCWarning(lcPruner).noquote() << work.error();
        return false;
    }
    into = work.value();
    m_phase = next;
    return true;
}

bool HistoryPruner::stepAge()
{
    auto pruned = m_runs.pruneFinishedBefore(m_finishedBefore, m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    m_pruned += pruned.value();
    return pruned.value() == m_config.runsPerBatch;
}

bool HistoryPruner::stepOwnAge()
{
    if (m_ownAges.isEmpty())
        return false;
    const RunRepository::OwnAge &own = m_ownAges.constFirst();
    constexpr qint64 Day = 24LL * 3600 * 1000;
    auto pruned = m_runs.pruneFinishedBefore(own.watcherId, m_passStartedAt - own.keepDays * Day,
                                             m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    m_pruned += pruned.value();
    if (pruned.value() < m_config.runsPerBatch)
        m_ownAges.removeFirst(); // this watcher is done
    return !m_ownAges.isEmpty();
}

bool HistoryPruner::stepExcess()
{
    if (m_excess.isEmpty())
        return false;
    auto pruned = m_runs.pruneFinishedUpTo(m_excess.constFirst(), m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    m_pruned += pruned.value();
    if (pruned.value() < m_config.runsPerBatch)
        m_excess.removeFirst(); // this watcher is done
    return !m_excess.isEmpty();
}

bool HistoryPruner::stepSnapshots()
{
    if (m_snapshotRetentions.isEmpty())
        return false;
    const SnapshotRepository::Retention &retention = m_snapshotRetentions.constFirst();
    constexpr qint64 Day = 24LL * 3600 * 1000;
    auto pruned = m_config.snapshots->prune(retention, m_passStartedAt - retention.keepDays * Day,
                                            m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    m_snapshotsPruned += pruned.value();
    if (pruned.value() < m_config.runsPerBatch)
        m_snapshotRetentions.removeFirst(); // this watcher is done
    return !m_snapshotRetentions.isEmpty();
}

bool HistoryPruner::stepSnapshotTexts()
{
    auto pruned = m_config.snapshots->pruneUnusedTexts(m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    return pruned.value() == m_config.runsPerBatch;
}

bool HistoryPruner::stepDeliveries()
{
    if (!m_config.deliveries)
        return false;
    auto pruned = m_config.deliveries->pruneFinishedBefore(m_finishedBefore, m_config.runsPerBatch);
    if (!pruned) {
        qCWarning(lcPruner).noquote() << pruned.error();
        return false;
    }
    return pruned.value() == m_config.runsPerBatch;
}

bool HistoryPruner::stepReclaim()
{
    auto left = m_database.reclaimFreePages(m_config.pagesPerStep);
    if (!left) {
        qCWarning(lcPruner).noquote() << left.error();
        return false;
    }
    // Stops too if nothing was given back (a database that could not be
    // switched to incremental vacuum keeps its free pages).
    const bool progressed = !m_freePages || left.value() < *m_freePages;
    m_freePages = left.value();
    return left.value() > 0 && progressed;
}

void HistoryPruner::finishPass()
{
    m_phase = Phase::Idle;
    m_ownAges.clear();
    m_excess.clear();
    m_snapshotRetentions.clear();
    m_freePages.reset();
    if (m_pruned > 0)
        qCInfo(lcPruner) << "pruned" << m_pruned << "old runs";
    if (m_snapshotsPruned > 0) {
        qCInfo(lcPruner) << "pruned" << m_snapshotsPruned << "old snapshots";
        emit snapshotsPruned(m_snapshotsPruned);
    }
    emit passFinished(m_pruned);
}

} // namespace hearth::scheduler
