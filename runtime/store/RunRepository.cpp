#include "RunRepository.h"

#include "Database.h"
#include "FeedItemRepository.h"
#include "SnapshotRepository.h"
#include "model/Schedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <limits>

namespace hearth {

using scheduler::RunStatus;
using scheduler::runStatusFromName;
using scheduler::runStatusName;
using scheduler::RunTrigger;
using scheduler::runTriggerFromName;
using scheduler::runTriggerName;

namespace {

const QString Columns = QStringLiteral(
    "id, watcher_id, scheduled_for, attempt, trigger, status, not_before, created_at, "
    "started_at, finished_at, claimed_by, lease_expires_at, event, result, error_code, "
    "error_message, duration_ms, instructions, peak_memory, worker_id, exit_code, parent_run_id, "
    "chain_depth, actor, task");
// Agent output can be a megabyte: loaded for one run, not for a list.
const QString ColumnsWithOutput = Columns + QStringLiteral(", output");

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? nullText() : QVariant(text);
}

RunRecord fromRow(const QSqlQuery &query, bool withOutput = false)
{
    RunRecord run;
    run.id = query.value(0).toLongLong();
    run.watcherId = query.value(1).toLongLong();
    run.scheduledFor = query.value(2).toLongLong();
    run.attempt = query.value(3).toInt();
    // The table's CHECK constraints admit only the enums' names.
    run.trigger = runTriggerFromName(query.value(4).toString()).value_or(RunTrigger::Schedule);
    run.status = runStatusFromName(query.value(5).toString()).value_or(RunStatus::Failed);
    run.notBefore = query.value(6).toLongLong();
    run.createdAt = query.value(7).toLongLong();
    run.startedAt = optionalInt(query.value(8));
    run.finishedAt = optionalInt(query.value(9));
    run.claimedBy = query.value(10).toString();
    run.leaseExpiresAt = optionalInt(query.value(11));
    run.eventJson = query.value(12).toString().toUtf8();
    run.resultJson = query.value(13).toString().toUtf8();
    run.errorCode = query.value(14).toString();
    run.errorMessage = query.value(15).toString();
    run.durationMs = optionalInt(query.value(16));
    run.instructions = optionalInt(query.value(17));
    run.peakMemory = optionalInt(query.value(18));
    run.workerId = optionalInt(query.value(19));
    run.exitCode = optionalInt(query.value(20));
    run.parentRunId = optionalInt(query.value(21));
    run.chainDepth = query.value(22).toInt();
    run.actor = query.value(23).toString();
    run.taskJson = query.value(24).toString().toUtf8();
    if (withOutput) {
        run.output = query.value(25).isNull() ? QString() : query.value(25).toString();
    }
    return run;
}

Result<std::optional<RunRecord>> selectRun(QSqlDatabase db, qint64 runId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT ") + ColumnsWithOutput +
                            QStringLiteral(" FROM runs WHERE id = ?"));
    query->addBindValue(runId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return std::optional<RunRecord>();
    return std::optional<RunRecord>(fromRow(*query, true));
}

// The run, or NotFound, inside the caller's transaction.
Result<RunRecord, StoreError> existingRun(QSqlDatabase db, qint64 runId)
{
    auto run = selectRun(db, runId);
    if (!run)
        return fail(StoreError::storage(run.error()));
    if (!run.value())
        return fail(StoreError::notFound(QStringLiteral("no run %1").arg(runId)));
    return *run.value();
}

Result<QList<qint64>> selectIds(QSqlQuery &query)
{
    if (!query.exec())
        return fail(describeSqlError(query));
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

// Inserts a run; an attempt that already exists for the instant is left as
// it is (the unique key is the guarantee, this keeps a retried fire harmless).
Result<std::optional<RunRecord>> insertRun(QSqlDatabase &db, qint64 watcherId, const NewRun &run,
                                           int attempt, RunStatus status, qint64 nowMs,
                                           const QString &errorCode = {},
                                           const QString &errorMessage = {})
{
    PreparedQuery insert(
        db,
        QStringLiteral(
            "INSERT OR IGNORE INTO runs (watcher_id, scheduled_for, attempt, trigger, status, "
            "not_before, created_at, finished_at, event, error_code, error_message, worker_id, "
            "parent_run_id, chain_depth, actor, task) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?)"));
    const bool finished = status != RunStatus::Pending;
    insert->addBindValue(watcherId);
    insert->addBindValue(run.scheduledFor);
    insert->addBindValue(attempt);
    insert->addBindValue(runTriggerName(run.trigger));
    insert->addBindValue(runStatusName(status));
    insert->addBindValue(run.notBefore);
    insert->addBindValue(nowMs);
    insert->addBindValue(nullableInt(finished ? std::optional<qint64>(nowMs) : std::nullopt));
    insert->addBindValue(QString::fromUtf8(run.eventJson));
    insert->addBindValue(textOrNull(errorCode));
    insert->addBindValue(textOrNull(errorMessage));
    insert->addBindValue(nullableInt(run.workerId));
    insert->addBindValue(nullableInt(run.parentRunId));
    insert->addBindValue(run.chainDepth);
    insert->addBindValue(run.actor.toString());
    insert->addBindValue(run.taskJson.isEmpty() ? nullText()
                                                : QVariant(QString::fromUtf8(run.taskJson)));
    if (!insert->exec())
        return fail(describeSqlError(*insert));
    if (insert->numRowsAffected() == 0)
        return std::optional<RunRecord>();
    // The row as written (not read back: a burst inserts a run per watcher).
    RunRecord inserted;
    inserted.id = insert->lastInsertId().toLongLong();
    inserted.watcherId = watcherId;
    inserted.scheduledFor = run.scheduledFor;
    inserted.attempt = attempt;
    inserted.trigger = run.trigger;
    inserted.status = status;
    inserted.notBefore = run.notBefore;
    inserted.createdAt = nowMs;
    if (finished)
        inserted.finishedAt = nowMs;
    inserted.eventJson = run.eventJson;
    inserted.errorCode = errorCode;
    inserted.errorMessage = errorMessage;
    inserted.workerId = run.workerId;
    inserted.parentRunId = run.parentRunId;
    inserted.chainDepth = run.chainDepth;
    inserted.actor = run.actor.toString();
    inserted.taskJson = run.taskJson;
    return std::optional<RunRecord>(std::move(inserted));
}

// The first instant from `from` on that has no first attempt of the watcher
// yet: a manual run asked for in the same millisecond as another run (or as a
// scheduled fire) takes the next one instead of being dropped by the unique key.
Result<qint64> firstFreeInstant(QSqlDatabase &db, qint64 watcherId, qint64 from)
{
    PreparedQuery taken(
        db,
        QStringLiteral("SELECT scheduled_for FROM runs WHERE watcher_id = ? AND "
                       "attempt = 1 AND scheduled_for >= ? ORDER BY scheduled_for"));
    taken->addBindValue(watcherId);
    taken->addBindValue(from);
    if (!taken->exec())
        return fail(describeSqlError(*taken));
    qint64 candidate = from;
    while (taken->next() && taken->value(0).toLongLong() == candidate)
        ++candidate;
    return candidate;
}

struct ActiveRun
{
    qint64 id = 0;
    RunStatus status = RunStatus::Pending;
};

// The watcher's pending and running runs, oldest first: what its
// concurrency policy looks at on every fire (two columns: reading a whole
// row costs the driver a field description per column). Escalations are
// the agent's work, not the watcher's: they neither block nor get replaced.
Result<QList<ActiveRun>> activeRuns(QSqlDatabase &db, qint64 watcherId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT id, status FROM runs WHERE watcher_id = ? AND "
                                       "status IN ('pending', 'running') AND task IS NULL "
                                       "ORDER BY id"));
    query->addBindValue(watcherId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<ActiveRun> runs;
    while (query->next()) {
        runs.append({ query->value(0).toLongLong(),
                      runStatusFromName(query->value(1).toString()).value_or(RunStatus::Running) });
    }
    return runs;
}

Result<void> setCancelled(QSqlDatabase &db, qint64 runId, qint64 nowMs, const QString &code,
                          const QString &message)
{
    PreparedQuery update(
        db,
        QStringLiteral(
            "UPDATE runs SET status = 'cancelled', finished_at = ?, lease_expires_at = NULL, "
            "error_code = ?, error_message = ? WHERE id = ? AND status IN ('pending', 'running')"));
    update->addBindValue(nowMs);
    update->addBindValue(code);
    update->addBindValue(message);
    update->addBindValue(runId);
    if (!update->exec())
        return fail(describeSqlError(*update));
    return {};
}

Result<void> appendLogs(QSqlDatabase &db, qint64 runId, const QList<lua::LogLine> &lines)
{
    if (lines.isEmpty())
        return {};
    PreparedQuery next(
        db, QStringLiteral("SELECT coalesce(max(seq), 0) FROM run_logs WHERE run_id = ?"));
    next->addBindValue(runId);
    if (!next->exec() || !next->next())
        return fail(describeSqlError(*next));
    int seq = next->value(0).toInt();
    PreparedQuery insert(db,
                         QStringLiteral("INSERT INTO run_logs (run_id, seq, ts, level, message, "
                                        "data) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const lua::LogLine &line : lines) {
        insert->addBindValue(runId);
        insert->addBindValue(++seq);
        insert->addBindValue(line.time);
        insert->addBindValue(logLevelName(line.level));
        insert->addBindValue(line.message);
        insert->addBindValue(line.dataJson.isEmpty() ? nullText()
                                                     : QVariant(QString::fromUtf8(line.dataJson)));
        if (!insert->exec())
            return fail(describeSqlError(*insert));
    }
    return {};
}

// The watcher's previous successful run: its result (for on_change and
// ctx.last_result; empty: none) and how long it took. An escalation's
// verdict is not the watcher's result.
struct PreviousSuccess
{
    QByteArray resultJson;
    std::optional<qint64> durationMs;
};

Result<PreviousSuccess> previousSuccess(QSqlDatabase &db, qint64 watcherId, qint64 exceptRunId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT result, duration_ms FROM runs WHERE watcher_id = ? "
                                       "AND status = 'succeeded' AND id <> ? AND task IS NULL "
                                       "ORDER BY finished_at DESC, id DESC LIMIT 1"));
    query->addBindValue(watcherId);
    query->addBindValue(exceptRunId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return PreviousSuccess {};
    return PreviousSuccess { query->value(0).toString().toUtf8(), optionalInt(query->value(1)) };
}

// Up to `max` runs that may start now, oldest first: the oldest pending run
// of each watcher of `kind` with nothing running (escalations are neither:
// device workers claim them). Runs are read in the claim
// order straight from the partial index (not_before, then the id: no sort; the
// planner would otherwise pick runs_by_status and sort the whole backlog) a
// page at a time, so a pass reads about `max` rows however long the queue
// is; a page holds more than `max` because a watcher's later runs are passed
// over.
Result<QList<qint64>> queueHeads(QSqlDatabase &db, const QString &kind, qint64 nowMs, int max)
{
    const int pageSize = max * 2 + 16;
    QList<qint64> heads;
    QSet<qint64> watchers;
    std::optional<std::pair<qint64, qint64>> after; // (not_before, id) of the last row read
    while (heads.size() < max) {
        PreparedQuery page(
            db,
            QStringLiteral(
                "SELECT r.id, r.watcher_id, r.not_before FROM runs r INDEXED BY runs_pending "
                "JOIN watchers w ON w.id = r.watcher_id WHERE r.status = 'pending' AND "
                "r.not_before <= ? AND r.task IS NULL "
                "AND w.kind = ? AND w.approval = 'approved' ") +
                (after ? QStringLiteral("AND (r.not_before, r.id) > (?, ?) ") : QString()) +
                QStringLiteral("AND NOT EXISTS (SELECT 1 FROM runs a WHERE a.watcher_id = "
                               "r.watcher_id AND a.status = 'running' AND a.task IS NULL) "
                               "ORDER BY r.not_before, r.id LIMIT ?"));
        page->addBindValue(nowMs);
        page->addBindValue(kind);
        if (after) {
            page->addBindValue(after->first);
            page->addBindValue(after->second);
        }
        page->addBindValue(pageSize);
        if (!page->exec())
            return fail(describeSqlError(*page));
        int rows = 0;
        while (page->next()) {
            ++rows;
            const qint64 id = page->value(0).toLongLong();
            const qint64 watcherId = page->value(1).toLongLong();
            after = std::pair(page->value(2).toLongLong(), id);
            if (heads.size() < max && !watchers.contains(watcherId)) {
                watchers.insert(watcherId);
                heads.append(id);
            }
        }
        if (rows < pageSize)
            break;
    }
    return heads;
}

// Inserts the request's runs (first attempts) under its concurrency policy:
// "forbid" records a run as skipped while one is active (or refuses it),
// "replace" cancels the active ones, "queue" adds it. Inside the caller's
// transaction.
// A run recorded as skipped, at the first free instant from its own.
Result<std::optional<RunRecord>> insertSkipped(QSqlDatabase &db, qint64 watcherId, NewRun run,
                                               qint64 nowMs, const QString &errorCode,
                                               const QString &errorMessage)
{
    auto instant = firstFreeInstant(db, watcherId, run.scheduledFor);
    if (!instant)
        return fail(instant.error());
    run.scheduledFor = instant.value();
    return insertRun(db, watcherId, run, 1, RunStatus::Skipped, nowMs, errorCode, errorMessage);
}

Result<void, StoreError> placeRuns(QSqlDatabase &db, const FireRequest &request, FireResult &result)
{
    for (const NewRun &newRun : request.runs) {
        auto active = activeRuns(db, request.watcherId);
        if (!active)
            return fail(StoreError::storage(active.error()));
        RunStatus status = RunStatus::Pending;
        QString errorCode;
        QString errorMessage;
        if (!active->isEmpty()) {
            const ActiveRun &blocking = active->constFirst();
            switch (request.concurrency) {
            case scheduler::Concurrency::Forbid:
                if (request.refuseWhileActive) {
                    return fail(StoreError::conflict(
                        QStringLiteral("run %1 of this watcher is still %2 and its concurrency "
                                       "policy is forbid; cancel it or wait")
                            .arg(blocking.id)
                            .arg(runStatusName(blocking.status))));
                }
                status = RunStatus::Skipped;
                errorCode = QStringLiteral("concurrency_forbid");
                errorMessage = QStringLiteral("run %1 was still %2")
                                   .arg(blocking.id)
                                   .arg(runStatusName(blocking.status));
                break;
            case scheduler::Concurrency::Replace:
                for (const ActiveRun &run : active.value()) {
                    if (auto cancelled =
                            setCancelled(db, run.id, request.nowMs, QStringLiteral("replaced"),
                                         QStringLiteral("replaced by a newer run"));
                        !cancelled)
                        return fail(StoreError::storage(cancelled.error()));
                    if (run.status == RunStatus::Running)
                        result.replacedRunning.append(run.id);
                }
                break;
            case scheduler::Concurrency::Queue:
                break;
            }
        }
        NewRun placed = newRun;
        if (!request.advance) {
            auto instant = firstFreeInstant(db, request.watcherId, newRun.scheduledFor);
            if (!instant)
                return fail(StoreError::storage(instant.error()));
            placed.scheduledFor = instant.value();
        }
        auto inserted = insertRun(db, request.watcherId, placed, 1, status, request.nowMs,
                                  errorCode, errorMessage);
        if (!inserted)
            return fail(StoreError::storage(inserted.error()));
        if (inserted.value())
            result.created.append(*inserted.value());
    }
    return {};
}

// The next attempt of a run that failed: the same instant, event and chain,
// started by `actor`.
NewRun retryOf(const RunRecord &failed, qint64 notBefore, const Actor &actor)
{
    return { failed.scheduledFor, RunTrigger::Retry, notBefore, failed.eventJson, failed.workerId,
             failed.parentRunId,  failed.chainDepth, actor,     failed.taskJson };
}

// What a chained run gets as ctx.event: the upstream run's result as it
// returned it ({} when it returned nothing); for a run that did not succeed,
// why: {"error": {"code", "message"}}. (The run itself records which run
// started it: parent_run_id.)
QByteArray upstreamEvent(const RunRecord &ended)
{
    if (ended.status != RunStatus::Succeeded) {
        const QJsonObject error { { QStringLiteral("code"), ended.errorCode },
                                  { QStringLiteral("message"), ended.errorMessage } };
        return QJsonDocument(QJsonObject { { QStringLiteral("error"), error } })
            .toJson(QJsonDocument::Compact);
    }
    const QByteArray result = ended.resultJson.trimmed();
    return result.isEmpty() || result == "null" ? QByteArray("{}") : result;
}

Result<bool> raisedNotification(QSqlDatabase &db, qint64 runId)
{
    // The second term lets SQLite use the partial index notifications_by_run
    // (it cannot tell that a bound run id is never empty).
    PreparedQuery query(db,
                        QStringLiteral("SELECT 1 FROM notifications WHERE run_id = ? AND "
                                       "run_id <> '' LIMIT 1"));
    query->addBindValue(QString::number(runId));
    if (!query->exec())
        return fail(describeSqlError(*query));
    return query->next();
}

} // namespace

RunRepository::RunRepository(Database &database, const WatcherRepository &watchers)
    : m_database(database)
    , m_watchers(watchers)
{
}

Result<std::optional<RunRecord>, StoreError>
RunRepository::recordSkipped(qint64 watcherId, const NewRun &run, const QString &errorCode,
                             const QString &errorMessage, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    PreparedQuery exists(db, QStringLiteral("SELECT 1 FROM watchers WHERE id = ?"));
    exists->addBindValue(watcherId);
    if (!exists->exec())
        return fail(StoreError::storage(describeSqlError(*exists)));
    if (!exists->next())
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(watcherId)));
    auto skipped = insertSkipped(db, watcherId, run, nowMs, errorCode, errorMessage);
    if (!skipped)
        return fail(StoreError::storage(skipped.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return skipped.value();
}

Result<FireResult, StoreError> RunRepository::fire(const FireRequest &request) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));

    if (request.advance) {
        PreparedQuery advance(
            db,
            QStringLiteral("UPDATE watchers SET next_run_at = ?, last_fired_at = ? "
                           "WHERE id = ? AND enabled = 1 AND next_run_at = ?"));
        advance->addBindValue(nullableInt(request.nextRunAt));
        advance->addBindValue(request.lastFiredAt);
        advance->addBindValue(request.watcherId);
        advance->addBindValue(request.expectedNextRunAt);
        if (!advance->exec())
            return fail(StoreError::storage(describeSqlError(*advance)));
        if (advance->numRowsAffected() == 0)
            return fail(StoreError::conflict(QStringLiteral("the schedule changed")));
    } else {
        PreparedQuery exists(db, QStringLiteral("SELECT 1 FROM watchers WHERE id = ?"));
        exists->addBindValue(request.watcherId);
        if (!exists->exec())
            return fail(StoreError::storage(describeSqlError(*exists)));
        if (!exists->next())
            return fail(
                StoreError::notFound(QStringLiteral("no watcher %1").arg(request.watcherId)));
    }

    FireResult result;
    if (auto placed = placeRuns(db, request, result); !placed)
        return fail(placed.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return result;
}

namespace {

// How many escalations the ledger holds (of one watcher, or of all), and
// when the oldest of them leaves the window.
struct LedgerCount
{
    int count = 0;
    qint64 oldestAt = 0;
};

Result<LedgerCount> ledgerCount(QSqlDatabase &db, std::optional<qint64> watcherId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT count(*), min(created_at) FROM escalation_ledger") +
                            (watcherId ? QStringLiteral(" WHERE watcher_id = ?") : QString()));
    if (watcherId)
        query->addBindValue(*watcherId);
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return LedgerCount { query->value(0).toInt(), query->value(1).toLongLong() };
}

QString budgetRefusal(const QString &budget, int limit, const LedgerCount &used)
{
    if (limit == 0)
        return budget + QStringLiteral(" is 0: no escalations");
    return QStringLiteral("%1 (%2 in 24 hours) is used up; the next escalation is possible at %3")
        .arg(budget)
        .arg(limit)
        .arg(scheduler::rfc3339FromMs(used.oldestAt + scheduler::EscalationTask::BudgetWindowMs));
}

} // namespace

Result<Escalation, StoreError> RunRepository::escalate(const EscalationRequest &request) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    PreparedQuery asking(db,
                         QStringLiteral("SELECT 1 FROM runs WHERE id = ? AND watcher_id = ? "
                                        "AND status = 'running'"));
    asking->addBindValue(request.luaRunId);
    asking->addBindValue(request.watcherId);
    if (!asking->exec())
        return fail(StoreError::storage(describeSqlError(*asking)));
    if (!asking->next())
        return fail(StoreError::conflict(
            QStringLiteral("run %1 is no longer running").arg(request.luaRunId)));

    PreparedQuery forget(db, QStringLiteral("DELETE FROM escalation_ledger WHERE created_at <= ?"));
    forget->addBindValue(request.nowMs - scheduler::EscalationTask::BudgetWindowMs);
    if (!forget->exec())
        return fail(StoreError::storage(describeSqlError(*forget)));
    const struct
    {
        std::optional<qint64> watcherId; // none: all watchers
        int limit;
        QString name;
    } budgets[] = {
        { request.watcherId, request.watcherBudget,
          QStringLiteral("this watcher's escalations.daily_budget") },
        { std::nullopt, request.globalBudget,
          QStringLiteral("hearthd's escalation budget for all watchers (--escalation-budget)") },
    };
    for (const auto &budget : budgets) {
        auto used = ledgerCount(db, budget.watcherId);
        if (!used)
            return fail(StoreError::storage(used.error()));
        if (used->count >= budget.limit)
            return Escalation { std::nullopt,
                                budgetRefusal(budget.name, budget.limit, used.value()) };
    }

    PreparedQuery worker(
        db,
        QStringLiteral("SELECT id FROM device_workers WHERE EXISTS (SELECT 1 FROM "
                       "json_each(agent_kinds) WHERE value = ?) ORDER BY last_seen_at DESC NULLS "
                       "LAST, id DESC LIMIT 1"));
    worker->addBindValue(request.task.agentKind);
    if (!worker->exec())
        return fail(StoreError::storage(describeSqlError(*worker)));
    if (!worker->next())
        return Escalation { std::nullopt,
                            QStringLiteral("no device worker runs the \"%1\" agent profile; "
                                           "start one that does (the tray's agent worker, or "
                                           "`hearth worker`)")
                                .arg(request.task.agentKind) };

    auto instant = firstFreeInstant(db, request.watcherId, request.nowMs);
    if (!instant)
        return fail(StoreError::storage(instant.error()));
    NewRun run;
    run.scheduledFor = instant.value();
    run.trigger = RunTrigger::Escalation;
    run.notBefore = request.nowMs;
    run.eventJson = request.dataJson;
    run.workerId = worker->value(0).toLongLong();
    run.parentRunId = request.luaRunId;
    run.taskJson = request.task.toStored();
    auto inserted = insertRun(db, request.watcherId, run, 1, RunStatus::Pending, request.nowMs);
    if (!inserted)
        return fail(StoreError::storage(inserted.error()));
    PreparedQuery count(
        db, QStringLiteral("INSERT INTO escalation_ledger (watcher_id, created_at) VALUES (?, ?)"));
    count->addBindValue(request.watcherId);
    count->addBindValue(request.nowMs);
    if (!count->exec())
        return fail(StoreError::storage(describeSqlError(*count)));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return Escalation { inserted.value(), {} };
}

Result<int> RunRepository::countEscalationsSince(qint64 sinceMs) const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral("SELECT count(*) FROM escalation_ledger WHERE created_at > ?"));
    query->addBindValue(sinceMs);
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return query->value(0).toInt();
}

Result<QList<RunRepository::Claimed>> RunRepository::claimPending(const QString &kind,
                                                                  const QString &claimer,
                                                                  qint64 nowMs, qint64 leaseMs,
                                                                  Places places) const
{
    if (places.now + places.ahead <= 0)
        return QList<Claimed>();
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    // More heads than places ahead: runs of long watchers pass them up.
    auto candidates = queueHeads(db, kind, nowMs, places.now + 2 * places.ahead);
    if (!candidates)
        return fail(candidates.error());
    auto started = claim(db, candidates.value(), claimer, nowMs, leaseMs, places);
    if (!started)
        return fail(started.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return started;
}

Result<QList<RunRepository::Claimed>> RunRepository::claim(QSqlDatabase &db,
                                                           const QList<qint64> &candidates,
                                                           const QString &claimer, qint64 nowMs,
                                                           qint64 leaseMs, Places places) const
{
    QList<Claimed> claimed;
    QSet<qint64> watchersStarted;
    for (qint64 id : candidates) {
        if (claimed.size() >= places.now + places.ahead)
            break;
        auto run = selectRun(db, id);
        if (!run)
            return fail(run.error());
        if (!run.value() || watchersStarted.contains(run.value()->watcherId))
            continue;
        auto watcher = m_watchers.get(run.value()->watcherId);
        if (!watcher)
            return fail(watcher.error());
        if (!watcher.value())
            continue;
        if (run.value()->isEscalation()) {
            // The worker runs what the escalation asks, in the watcher's
            // name; an escalation has no previous result of its own.
            auto task = scheduler::EscalationTask::fromStored(run.value()->taskJson);
            if (!task)
                return fail(QStringLiteral("run %1's escalation task cannot be read").arg(id));
            watcher.value()->spec.task = task->agentTask(run.value()->eventJson);
        }
        auto previous = run.value()->isEscalation()
            ? Result<PreviousSuccess>(PreviousSuccess {})
            : previousSuccess(db, run.value()->watcherId, id);
        if (!previous)
            return fail(previous.error());
        if (claimed.size() >= places.now && previous->durationMs &&
            *previous->durationMs > places.aheadMaxMs)
            continue;
        PreparedQuery start(
            db,
            QStringLiteral("UPDATE runs SET status = 'running', started_at = ?, claimed_by = ?, "
                           "lease_expires_at = ? WHERE id = ? AND status = 'pending'"));
        start->addBindValue(nowMs);
        start->addBindValue(claimer);
        start->addBindValue(nowMs + leaseMs);
        start->addBindValue(id);
        if (!start->exec())
            return fail(describeSqlError(*start));
        RunRecord started = *run.value();
        started.status = RunStatus::Running;
        started.startedAt = nowMs;
        started.claimedBy = claimer;
        started.leaseExpiresAt = nowMs + leaseMs;
        watchersStarted.insert(started.watcherId);
        std::optional<QByteArray> lastSnapshot;
        if (watcher.value()->spec.kind() == scheduler::WatcherKind::Lua) {
            auto latest = latestSnapshotText(db, started.watcherId);
            if (!latest)
                return fail(latest.error());
            lastSnapshot = std::move(latest).value();
        }
        claimed.append(
            { started, *watcher.value(), previous->resultJson, std::move(lastSnapshot) });
    }
    return claimed;
}

Result<std::optional<RunRepository::Claimed>>
RunRepository::claimForWorker(qint64 workerId, const QStringList &agentKinds,
                              const QString &claimer, qint64 nowMs, qint64 leaseMs,
                              const QByteArray &scopeTokenHash) const
{
    if (agentKinds.isEmpty())
        return std::optional<Claimed>();
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    QStringList placeholders;
    for (qsizetype i = 0; i < agentKinds.size(); ++i)
        placeholders.append(QStringLiteral("?"));
    const QString kinds = placeholders.join(u',');
    // An agent watcher's runs, and escalations (of Lua watchers) asking for
    // one of the worker's profiles. A watcher's runs go one at a time, and
    // so do its escalations, each queue apart from the other.
    PreparedQuery candidates(
        db,
        QStringLiteral("SELECT r.id FROM runs r JOIN watchers w ON w.id = r.watcher_id WHERE "
                       "r.status = 'pending' AND r.worker_id = ? AND r.not_before <= ? AND "
                       "w.approval = 'approved' AND ((r.task IS NULL AND w.kind = 'agent' AND "
                       "json_extract(w.spec, '$.agent_kind') IN (") +
            kinds + QStringLiteral(")) OR json_extract(r.task, '$.agent_kind') IN (") + kinds +
            QStringLiteral(")) AND NOT EXISTS (SELECT 1 FROM runs a WHERE a.watcher_id = "
                           "r.watcher_id AND a.status = 'running' AND (a.task IS NULL) = "
                           "(r.task IS NULL)) ORDER BY r.not_before, r.id LIMIT 1"));
    candidates->addBindValue(workerId);
    candidates->addBindValue(nowMs);
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &kind : agentKinds)
            candidates->addBindValue(kind);
    }
    auto ids = selectIds(*candidates);
    if (!ids)
        return fail(ids.error());
    auto started = claim(db, ids.value(), claimer, nowMs, leaseMs, Places { 1, 0, 0 });
    if (!started)
        return fail(started.error());
    if (started->isEmpty())
        return std::optional<Claimed>();
    PreparedQuery token(db, QStringLiteral("UPDATE runs SET scope_token = ? WHERE id = ?"));
    token->addBindValue(scopeTokenHash);
    token->addBindValue(started->constFirst().run.id);
    if (!token->exec())
        return fail(describeSqlError(*token));
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return std::optional<Claimed>(started->constFirst());
}

Result<std::optional<RunRecord>>
RunRepository::runningWithScopeToken(const QByteArray &scopeTokenHash) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM runs WHERE scope_token = ? AND status = "
                                           "'running'"));
    query->addBindValue(scopeTokenHash);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return std::optional<RunRecord>();
    return std::optional<RunRecord>(fromRow(*query));
}

namespace {

// Whether the run is running, inside the caller's transaction.
Result<bool> isRunning(QSqlDatabase &db, qint64 runId)
{
    PreparedQuery query(db,
                        QStringLiteral("SELECT 1 FROM runs WHERE id = ? AND status = 'running'"));
    query->addBindValue(runId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return query->next();
}

// The watcher's notification bookkeeping after one was sent.
Result<void> rememberNotification(QSqlDatabase &db, qint64 watcherId,
                                  const scheduler::NotifyState &state)
{
    PreparedQuery remember(
        db,
        QStringLiteral("UPDATE watchers SET last_notified_at = ?, notify_window_start = ?, "
                       "notify_window_count = ? WHERE id = ?"));
    remember->addBindValue(state.lastNotifiedAt);
    remember->addBindValue(state.windowStart);
    remember->addBindValue(state.windowCount);
    remember->addBindValue(watcherId);
    if (!remember->exec())
        return fail(describeSqlError(*remember));
    return {};
}

} // namespace

Result<bool> RunRepository::appendToRunning(qint64 runId, const QList<lua::LogLine> &lines) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    auto running = isRunning(db, runId);
    if (!running)
        return fail(running.error());
    if (!running.value())
        return false;
    if (auto appended = appendLogs(db, runId, lines); !appended)
        return fail(appended.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return true;
}

Result<RunRepository::RunNotification, StoreError>
RunRepository::notifyFromRun(qint64 runId, const scheduler::NotificationText &text,
                             qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto run = existingRun(db, runId);
    if (!run)
        return fail(run.error());
    if (run->status != RunStatus::Running)
        return fail(StoreError::conflict(
            QStringLiteral("run %1 is %2").arg(runId).arg(runStatusName(run->status))));
    auto watcher = m_watchers.get(run->watcherId);
    if (!watcher)
        return fail(StoreError::storage(watcher.error()));
    if (!watcher.value())
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(run->watcherId)));
    RunNotification outcome { scheduler::throttled(watcher.value()->spec,
                                                   watcher.value()->notifyState, nowMs),
                              std::nullopt, *watcher.value() };
    if (outcome.decision != scheduler::NotifyDecision::Notify)
        return outcome;
    auto sent =
        NotificationRepository::insert(db, QString::number(run->watcherId), QString::number(runId),
                                       text.level, text.title, text.body);
    if (!sent)
        return fail(StoreError::storage(sent.error()));
    outcome.sent = sent.value();
    if (auto remembered = rememberNotification(
            db, run->watcherId, scheduler::afterNotification(outcome.watcher.notifyState, nowMs));
        !remembered)
        return fail(StoreError::storage(remembered.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return outcome;
}

Result<bool> RunRepository::heartbeat(qint64 runId, const QString &claimer, qint64 leaseExpiresAt,
                                      const QList<lua::LogLine> &lines) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery renew(
        db,
        QStringLiteral("UPDATE runs SET lease_expires_at = ? WHERE id = ? AND status = "
                       "'running' AND claimed_by = ?"));
    renew->addBindValue(leaseExpiresAt);
    renew->addBindValue(runId);
    renew->addBindValue(claimer);
    if (!renew->exec())
        return fail(describeSqlError(*renew));
    if (renew->numRowsAffected() == 0)
        return false;
    if (auto appended = appendLogs(db, runId, lines); !appended)
        return fail(appended.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return true;
}

namespace {
// When a pending agent run is given up on: its timeout (an escalation's
// own, else its watcher's) after it became due.
const QString ClaimDeadline =
    QStringLiteral("r.not_before + coalesce(json_extract(r.task, '$.timeout_s'), "
                   "json_extract(w.spec, '$.timeout_s'), 600) * 1000");
// The pending runs only a device worker can take (id, deadline): an agent
// watcher's runs, and escalations. The scheduler asks on every turn, so each
// half is read on an index that holds only its rows (migration 0019; the
// condition of runs_active is repeated word for word so that SQLite may use
// it), never by going through every pending run of a burst. A run in both
// halves (an escalation of a watcher since made an agent one) is read once.
const QString RunsWaitingForAWorker =
    QStringLiteral("SELECT r.id AS id, %1 AS deadline FROM watchers w INDEXED BY watchers_agents "
                   "CROSS JOIN runs r INDEXED BY runs_active WHERE r.watcher_id = w.id AND "
                   "w.kind = 'agent' AND r.status IN ('pending', 'running') AND "
                   "r.status = 'pending' UNION SELECT r.id, %1 FROM runs r INDEXED BY "
                   "runs_pending_tasks JOIN watchers w ON w.id = r.watcher_id WHERE "
                   "r.status = 'pending' AND r.task IS NOT NULL")
        .arg(ClaimDeadline);
} // namespace

Result<QList<qint64>> RunRepository::unclaimedPastDeadline(qint64 nowMs) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT id FROM (") + RunsWaitingForAWorker +
                            QStringLiteral(") WHERE deadline <= ? ORDER BY id"));
    query->addBindValue(nowMs);
    return selectIds(*query);
}

Result<std::optional<qint64>> RunRepository::earliestClaimDeadline() const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT min(deadline) FROM (") + RunsWaitingForAWorker +
                            QStringLiteral(")"));
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return optionalInt(query->value(0));
}

Result<QList<qint64>> RunRepository::activeRunsOfWorker(qint64 workerId) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT id FROM runs WHERE worker_id = ? AND status IN "
                                       "('pending', 'running') ORDER BY id"));
    query->addBindValue(workerId);
    return selectIds(*query);
}

Result<void> RunRepository::renewLeases(const QList<qint64> &runIds, qint64 leaseExpiresAt) const
{
    if (runIds.isEmpty())
        return {};
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery renew(
        db,
        QStringLiteral("UPDATE runs SET lease_expires_at = ? WHERE id = ? AND status = 'running'"));
    for (qint64 id : runIds) {
        renew->addBindValue(leaseExpiresAt);
        renew->addBindValue(id);
        if (!renew->exec())
            return fail(describeSqlError(*renew));
    }
    return transaction.commit();
}

Result<CompletionResult, StoreError> RunRepository::complete(qint64 runId,
                                                             const RunCompletion &completion,
                                                             qint64 nowMs, double retryJitter) const
{
    return finish(runId, completion, nowMs, retryJitter, RunStatus::Running);
}

Result<CompletionResult, StoreError> RunRepository::failPending(qint64 runId,
                                                                const RunCompletion &completion,
                                                                qint64 nowMs,
                                                                double retryJitter) const
{
    return finish(runId, completion, nowMs, retryJitter, RunStatus::Pending);
}

Result<CompletionResult, StoreError> RunRepository::finish(qint64 runId,
                                                           const RunCompletion &completion,
                                                           qint64 nowMs, double retryJitter,
                                                           RunStatus expectedStatus) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    CompletionResult outcome;
    auto current = selectRun(db, runId);
    if (!current)
        return fail(StoreError::storage(current.error()));
    if (!current.value() || current.value()->status != expectedStatus) {
        outcome.alreadyFinished = true;
        if (current.value())
            outcome.status = current.value()->status;
        outcome.watcherId = current.value() ? current.value()->watcherId : 0;
        return outcome;
    }
    const RunRecord run = *current.value();
    outcome.watcherId = run.watcherId;
    auto watcherRow = m_watchers.get(run.watcherId);
    if (!watcherRow)
        return fail(StoreError::storage(watcherRow.error()));
    if (!watcherRow.value())
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(run.watcherId)));
    const WatcherRecord &watcher = *watcherRow.value();

    // Read before this attempt is recorded: on_change compares with it.
    QByteArray previousResult;
    if (completion.succeeded && !run.isEscalation()) {
        auto previous = previousSuccess(db, run.watcherId, runId);
        if (!previous)
            return fail(StoreError::storage(previous.error()));
        previousResult = previous->resultJson;
    }
    const scheduler::AttemptEnd end { watcher.spec,
                                      watcher.notifyState,
                                      run.attempt,
                                      completion.succeeded,
                                      completion.errorMessage,
                                      completion.resultJson,
                                      previousResult,
                                      nowMs,
                                      retryJitter };
    const scheduler::AttemptPlan plan =
        run.isEscalation() ? scheduler::planEscalationEnd(end) : scheduler::planAttemptEnd(end);
    outcome.status = plan.status;
    outcome.notifyDecision = plan.notifyDecision;

    PreparedQuery record(
        db,
        QStringLiteral(
            "UPDATE runs SET status = ?, started_at = coalesce(?, started_at), finished_at = ?, "
            "lease_expires_at = NULL, result = ?, error_code = ?, error_message = ?, duration_ms = "
            "?, instructions = ?, peak_memory = ?, output = ?, exit_code = ? WHERE id = ? AND "
            "status = ?"));
    record->addBindValue(runStatusName(plan.status));
    // Never after its end, whichever clocks measured the two.
    const std::optional<qint64> startedAt =
        completion.startedAt ? std::optional(std::min(*completion.startedAt, nowMs)) : std::nullopt;
    record->addBindValue(nullableInt(startedAt));
    record->addBindValue(nowMs);
    record->addBindValue(completion.succeeded ? QVariant(QString::fromUtf8(completion.resultJson))
                                              : nullText());
    record->addBindValue(completion.succeeded ? nullText() : QVariant(completion.errorCode));
    record->addBindValue(completion.succeeded ? nullText() : QVariant(completion.errorMessage));
    record->addBindValue(completion.durationMs);
    record->addBindValue(completion.instructions);
    record->addBindValue(completion.peakMemory);
    record->addBindValue(completion.output ? QVariant(*completion.output) : nullText());
    record->addBindValue(nullableInt(completion.exitCode));
    record->addBindValue(runId);
    record->addBindValue(runStatusName(expectedStatus));
    if (!record->exec())
        return fail(StoreError::storage(describeSqlError(*record)));
    bool snapshotChanged = false;
    if (plan.status == RunStatus::Succeeded) {
        if (completion.markedFeedItems) {
            if (auto confirmed = confirmFeedItemsOfRun(db, runId); !confirmed)
                return fail(StoreError::storage(confirmed.error()));
        }
        if (completion.snapshot) {
            auto stored = storeSnapshot(db, run.watcherId, runId, *completion.snapshot, nowMs);
            if (!stored)
                return fail(StoreError::storage(stored.error()));
            snapshotChanged = stored.value() == SnapshotChange::Changed;
        }
    }
    RunRecord &ended = outcome.run.emplace(run);
    ended.status = plan.status;
    ended.startedAt = startedAt ? startedAt : run.startedAt;
    ended.finishedAt = nowMs;
    ended.leaseExpiresAt.reset();
    ended.resultJson = completion.succeeded ? completion.resultJson : QByteArray();
    ended.errorCode = completion.succeeded ? QString() : completion.errorCode;
    ended.errorMessage = completion.succeeded ? QString() : completion.errorMessage;
    ended.durationMs = completion.durationMs;
    ended.instructions = completion.instructions;
    ended.peakMemory = completion.peakMemory;
    ended.output = completion.output.value_or(QString());
    ended.exitCode = completion.exitCode;

    QList<lua::LogLine> logs = completion.logs;
    if (plan.retryNotBefore) {
        // An attempt the retry policy makes is the first one's, by whoever
        // started that.
        const NewRun retry = retryOf(run, *plan.retryNotBefore,
                                     Actor::fromStored(run.actor).value_or(Actor::hearthd()));
        auto inserted =
            insertRun(db, run.watcherId, retry, run.attempt + 1, RunStatus::Pending, nowMs);
        if (!inserted)
            return fail(StoreError::storage(inserted.error()));
        outcome.retry = inserted.value();
        if (outcome.retry)
            logs.append(scheduler::retryNote(end, outcome.retry->id, outcome.retry->notBefore));
    }
    logs.append(plan.notes);
    if (plan.notification) {
        auto notification = NotificationRepository::insert(
            db, QString::number(run.watcherId), QString::number(runId), plan.notification->level,
            plan.notification->title, plan.notification->body);
        if (!notification)
            return fail(StoreError::storage(notification.error()));
        outcome.notification = notification.value();
        if (auto remembered = rememberNotification(db, run.watcherId, plan.notifyStateAfter);
            !remembered)
            return fail(StoreError::storage(remembered.error()));
    }
    // Followers start on the watcher's own runs, not on its escalations.
    const UpstreamEnd upstream { ended, plan.resultChanged || snapshotChanged };
    if (!run.isEscalation()) {
        if (auto chained = startFollowers(db, upstream, nowMs, outcome.chained, logs); !chained)
            return fail(chained.error());
    }
    if (auto appended = appendLogs(db, runId, logs); !appended)
        return fail(StoreError::storage(appended.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return outcome;
}

Result<void, StoreError> RunRepository::startFollowers(QSqlDatabase &db,
                                                       const UpstreamEnd &upstream, qint64 nowMs,
                                                       FireResult &started,
                                                       QList<lua::LogLine> &logs) const
{
    const RunRecord &ended = upstream.run;
    if (ended.status == RunStatus::Failed)
        return {}; // a retry follows: the run has not ended for good
    auto followers = m_watchers.followers(ended.watcherId, WatcherRepository::Followers::Enabled);
    if (!followers)
        return fail(StoreError::storage(followers.error()));
    if (followers->isEmpty())
        return {};
    // notify{} calls and the policy's notification alike (already written).
    auto notified = raisedNotification(db, ended.id);
    if (!notified)
        return fail(StoreError::storage(notified.error()));
    for (const WatcherRecord &follower : std::as_const(followers.value())) {
        bool meets = false;
        switch (follower.spec.chain()->when) {
        case scheduler::ChainCondition::Succeeded:
            meets = ended.status == RunStatus::Succeeded;
            break;
        case scheduler::ChainCondition::Changed:
            meets = ended.status == RunStatus::Succeeded && upstream.changed;
            break;
        case scheduler::ChainCondition::Failed:
            meets = ended.status == RunStatus::Dead;
            break;
        case scheduler::ChainCondition::Notified:
            meets = notified.value();
            break;
        }
        if (!meets)
            continue;
        NewRun run { nowMs,
                     RunTrigger::After,
                     nowMs,
                     upstreamEvent(ended),
                     follower.spec.agent() ? follower.spec.agent()->deviceWorkerId : std::nullopt,
                     ended.id,
                     ended.chainDepth + 1 };
        if (run.chainDepth > scheduler::ChainTrigger::MaxDepth) {
            // Recorded, not run: the chain stops here and says why.
            auto skipped = insertSkipped(
                db, follower.id, run, nowMs, QStringLiteral("chain_too_deep"),
                QStringLiteral("a chain of watchers may be at most %1 runs deep; this run would "
                               "have been run %2")
                    .arg(scheduler::ChainTrigger::MaxDepth)
                    .arg(run.chainDepth));
            if (!skipped)
                return fail(StoreError::storage(skipped.error()));
            if (skipped.value())
                started.created.append(*skipped.value());
            continue;
        }
        FireRequest request;
        request.watcherId = follower.id;
        request.concurrency = follower.spec.concurrency;
        request.nowMs = nowMs;
        request.runs = { run };
        const qsizetype before = started.created.size();
        if (auto placed = placeRuns(db, request, started); !placed)
            return fail(placed.error());
        for (qsizetype i = before; i < started.created.size(); ++i) {
            const RunRecord &follow = started.created.at(i);
            logs.append({ LogLevel::Info,
                          QStringLiteral("started run %1 of \"%2\" (after: %3)")
                              .arg(follow.id)
                              .arg(follower.spec.name,
                                   scheduler::chainConditionName(follower.spec.chain()->when)),
                          {},
                          QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) });
        }
    }
    return {};
}

Result<RunRepository::Cancelled, StoreError> RunRepository::cancel(qint64 runId, qint64 nowMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto run = existingRun(db, runId);
    if (!run)
        return fail(run.error());
    if (!run->active()) {
        return fail(StoreError::conflict(QStringLiteral("run %1 already finished (%2)")
                                             .arg(runId)
                                             .arg(runStatusName(run->status))));
    }
    if (auto cancelled = setCancelled(db, runId, nowMs, QStringLiteral("cancelled"),
                                      QStringLiteral("cancelled by request"));
        !cancelled)
        return fail(StoreError::storage(cancelled.error()));
    auto after = selectRun(db, runId);
    if (!after || !after.value())
        return fail(StoreError::storage(after ? QStringLiteral("run vanished") : after.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return Cancelled { *after.value(), run->status == RunStatus::Running };
}

Result<RunRecord, StoreError> RunRepository::redrive(qint64 runId, qint64 nowMs,
                                                     const Actor &actor) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto run = existingRun(db, runId);
    if (!run)
        return fail(run.error());
    const RunRecord &failed = run.value();
    if (!isRetryable(failed.status)) {
        return fail(StoreError::conflict(
            QStringLiteral("run %1 is %2; only dead or failed runs can be retried")
                .arg(runId)
                .arg(runStatusName(failed.status))));
    }
    // Its runs wait while a change awaits approval: a new one would too.
    PreparedQuery awaiting(
        db, QStringLiteral("SELECT name FROM watchers WHERE id = ? AND approval = 'pending'"));
    awaiting->addBindValue(failed.watcherId);
    if (!awaiting->exec())
        return fail(StoreError::storage(describeSqlError(*awaiting)));
    if (awaiting->next()) {
        return fail(StoreError::conflict(
            QStringLiteral("\"%1\" awaits approval: approve it first (in the tray or with "
                           "`hearth approve`)")
                .arg(awaiting->value(0).toString())));
    }
    PreparedQuery later(
        db,
        QStringLiteral("SELECT id FROM runs WHERE watcher_id = ? AND scheduled_for = ? "
                       "AND attempt > ? ORDER BY attempt DESC LIMIT 1"));
    later->addBindValue(failed.watcherId);
    later->addBindValue(failed.scheduledFor);
    later->addBindValue(failed.attempt);
    if (!later->exec())
        return fail(StoreError::storage(describeSqlError(*later)));
    if (later->next()) {
        return fail(StoreError::conflict(QStringLiteral("run %1 was already retried as run %2")
                                             .arg(runId)
                                             .arg(later->value(0).toLongLong())));
    }
    const NewRun retry = retryOf(failed, nowMs, actor);
    auto inserted =
        insertRun(db, failed.watcherId, retry, failed.attempt + 1, RunStatus::Pending, nowMs);
    if (!inserted)
        return fail(StoreError::storage(inserted.error()));
    if (!inserted.value())
        return fail(StoreError::conflict(QStringLiteral("run %1 was already retried").arg(runId)));
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return *inserted.value();
}

Result<QList<qint64>> RunRepository::expiredLeases(qint64 nowMs) const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral(
            "SELECT id FROM runs WHERE status = 'running' AND lease_expires_at < ? ORDER BY id"));
    query->addBindValue(nowMs);
    return selectIds(*query);
}

Result<QList<qint64>> RunRepository::runningClaimedBy(const QString &claimer) const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral(
            "SELECT id FROM runs WHERE status = 'running' AND claimed_by = ? ORDER BY id"));
    query->addBindValue(claimer);
    return selectIds(*query);
}

Result<int> RunRepository::spreadPending(qint64 nowMs, qint64 spreadMs) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery due(db,
                      QStringLiteral("SELECT watcher_id FROM runs WHERE status = 'pending' AND "
                                     "not_before <= ? GROUP BY watcher_id ORDER BY min(id)"));
    due->addBindValue(nowMs);
    auto watchers = selectIds(*due);
    if (!watchers)
        return fail(watchers.error());
    // Each watcher's due runs move together, so its queue keeps its order;
    // the watchers start evenly over the window, in the order they were due->
    PreparedQuery spread(db,
                         QStringLiteral("UPDATE runs SET not_before = ? WHERE watcher_id = ? AND "
                                        "status = 'pending' AND not_before <= ?"));
    const qsizetype count = watchers->size();
    for (qsizetype i = 0; i < count; ++i) {
        spread->addBindValue(nowMs + (count > 1 ? spreadMs * i / count : 0));
        spread->addBindValue(watchers->at(i));
        spread->addBindValue(nowMs);
        if (!spread->exec())
            return fail(describeSqlError(*spread));
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return int(count);
}

Result<std::optional<qint64>> RunRepository::earliestPendingAfter(qint64 nowMs) const
{
    PreparedQuery query(
        m_database.connection(),
        // On runs_pending (SQLite would read every pending run on
        // runs_by_status otherwise: a burst's, on every turn).
        QStringLiteral("SELECT min(not_before) FROM runs INDEXED BY runs_pending WHERE status = "
                       "'pending' AND not_before > ?"));
    query->addBindValue(nowMs);
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return optionalInt(query->value(0));
}

Result<std::optional<qint64>> RunRepository::earliestLeaseExpiry() const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral("SELECT min(lease_expires_at) FROM runs INDEXED BY runs_running WHERE "
                       "status = 'running'"));
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return optionalInt(query->value(0));
}

Result<std::optional<RunRecord>> RunRepository::get(qint64 runId) const
{
    return selectRun(m_database.connection(), runId);
}

Result<bool> RunRepository::exists(qint64 runId) const
{
    auto run = get(runId);
    if (!run)
        return fail(run.error());
    return run->has_value();
}

Result<QList<RunRecord>> RunRepository::list(const RunFilter &filter, bool *more) const
{
    QStringList conditions { QStringLiteral("id < ?") };
    QVariantList values { filter.beforeId.value_or(std::numeric_limits<qint64>::max()) };
    if (filter.watcherId) {
        conditions.append(QStringLiteral("watcher_id = ?"));
        values.append(*filter.watcherId);
    }
    if (filter.status) {
        conditions.append(QStringLiteral("status = ?"));
        values.append(runStatusName(*filter.status));
    }
    if (filter.since) {
        conditions.append(QStringLiteral("created_at >= ?"));
        values.append(*filter.since);
    }
    if (filter.before) {
        conditions.append(QStringLiteral("created_at < ?"));
        values.append(*filter.before);
    }
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM runs WHERE ") +
                            conditions.join(QStringLiteral(" AND ")) +
                            QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    for (const QVariant &value : values)
        query->addBindValue(value);
    query->addBindValue(filter.limit + 1);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<RunRecord> runs;
    *more = false;
    while (query->next()) {
        if (runs.size() == filter.limit) {
            *more = true;
            break;
        }
        runs.append(fromRow(*query));
    }
    return runs;
}

Result<QList<RunLogRecord>> RunRepository::logs(qint64 runId, int afterSeq) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT seq, ts, level, message, data FROM run_logs WHERE "
                                       "run_id = ? AND seq > ? ORDER BY seq"));
    query->addBindValue(runId);
    query->addBindValue(afterSeq);
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<RunLogRecord> lines;
    while (query->next()) {
        // Every writer spells a level from its table (model/Levels).
        lines.append({ query->value(0).toInt(), query->value(1).toString(),
                       logLevelFromName(query->value(2).toString()).value_or(LogLevel::Info),
                       query->value(3).toString(), query->value(4).toString().toUtf8() });
    }
    return lines;
}

namespace {

// Dead runs stay until redriven or deleted; active ones are never pruned.
const QString Prunable =
    QStringLiteral("status IN ('succeeded', 'failed', 'cancelled', 'skipped')");

Result<int> deleteRuns(QSqlDatabase db, const QString &which, const QVariantList &values)
{
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(begun.error());
    PreparedQuery remove(
        db,
        QStringLiteral("DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE ") + which +
            QStringLiteral(")"));
    for (const QVariant &value : values)
        remove->addBindValue(value);
    if (!remove->exec())
        return fail(describeSqlError(*remove));
    const int deleted = remove->numRowsAffected();
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return deleted;
}

} // namespace

// A watcher's own limits, from its stored spec (WatcherSpec's `history`).
const QString OwnKeepDays = QStringLiteral("json_extract(spec, '$.history.keep_days')");
const QString OwnKeepRuns = QStringLiteral("json_extract(w.spec, '$.history.keep_runs')");

Result<int> RunRepository::pruneFinishedBefore(qint64 finishedBeforeMs, int limit) const
{
    return deleteRuns(m_database.connection(),
                      Prunable +
                          QStringLiteral(" AND finished_at < ? AND watcher_id NOT IN (SELECT id "
                                         "FROM watchers WHERE ") +
                          OwnKeepDays + QStringLiteral(" IS NOT NULL) LIMIT ?"),
                      { finishedBeforeMs, limit });
}

Result<QList<RunRepository::OwnAge>> RunRepository::watchersWithOwnAge() const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT id, ") + OwnKeepDays +
                            QStringLiteral(" FROM watchers WHERE ") + OwnKeepDays +
                            QStringLiteral(" IS NOT NULL ORDER BY id"));
    if (!query->exec())
        return fail(describeSqlError(*query));
    QList<OwnAge> ages;
    while (query->next())
        ages.append({ query->value(0).toLongLong(), query->value(1).toInt() });
    return ages;
}

Result<int> RunRepository::pruneFinishedBefore(qint64 watcherId, qint64 finishedBeforeMs,
                                               int limit) const
{
    return deleteRuns(m_database.connection(),
                      Prunable + QStringLiteral(" AND watcher_id = ? AND finished_at < ? LIMIT ?"),
                      { watcherId, finishedBeforeMs, limit });
}

Result<QList<RunRepository::Excess>> RunRepository::excessRuns(int keepPerWatcher) const
{
    QSqlDatabase db = m_database.connection();
    PreparedQuery over(
        db,
        QStringLiteral("SELECT r.watcher_id, coalesce(") + OwnKeepRuns +
            QStringLiteral(", ?) AS keep FROM runs r JOIN watchers w ON w.id = r.watcher_id "
                           "GROUP BY r.watcher_id HAVING count(*) > keep "
                           "ORDER BY r.watcher_id"));
    over->addBindValue(keepPerWatcher);
    if (!over->exec())
        return fail(describeSqlError(*over));
    QList<std::pair<qint64, int>> watchers;
    while (over->next())
        watchers.append({ over->value(0).toLongLong(), over->value(1).toInt() });
    QList<Excess> excess;
    for (const auto &[watcherId, keep] : watchers) {
        // The newest run beyond the newest `keep`, from the index.
        PreparedQuery cutoff(
            db,
            QStringLiteral(
                "SELECT id FROM runs WHERE watcher_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?"));
        cutoff->addBindValue(watcherId);
        cutoff->addBindValue(keep);
        if (!cutoff->exec())
            return fail(describeSqlError(*cutoff));
        if (cutoff->next())
            excess.append({ watcherId, cutoff->value(0).toLongLong() });
    }
    return excess;
}

Result<int> RunRepository::pruneFinishedUpTo(const Excess &excess, int limit) const
{
    return deleteRuns(m_database.connection(),
                      Prunable + QStringLiteral(" AND watcher_id = ? AND id <= ? LIMIT ?"),
                      { excess.watcherId, excess.lastRunId, limit });
}

} // namespace hearth
