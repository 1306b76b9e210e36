#pragma once

#include "SpecCache.h"
#include "StoreError.h"
#include "core/Result.h"
#include "model/Actor.h"
#include "model/Approval.h"
#include "model/RunPolicy.h"
#include "model/WatcherSpec.h"

#include <QList>
#include <QSqlDatabase>
#include <functional>
#include <optional>

namespace hearth {

class Database;

struct WatcherRecord
{
    qint64 id = 0;
    scheduler::WatcherSpec spec;
    std::optional<qint64> nextRunAt; // ms since the epoch; none: nothing scheduled
    std::optional<qint64> lastFiredAt;
    scheduler::NotifyState notifyState;
    // Disabled by Pause all, to be enabled again by Resume.
    bool paused = false;
    QString createdAt;
    QString updatedAt;
    // Who created the watcher and who last changed it, as Actor::toString
    // writes them; empty for watchers from before actors were recorded.
    QString createdBy;
    QString updatedBy;
    // A change over MCP waits for a person (see Approval): while Pending the
    // watcher is disabled and `approvedSpec` is what a rejection restores
    // (none: the watcher is new, and a rejection deletes it).
    Approval approval = Approval::Approved;
    std::optional<scheduler::WatcherSpec> approvedSpec;
    bool enablesOnApproval = false;
    QString approvalRequestedBy; // the MCP client's actor
    QString approvedBy; // who approved or rejected last

    // Names this version for an approval (approvalRevision of the spec as
    // stored). Computed when asked: the scheduler's reads never need it.
    QString revision() const;
};

// A watcher left awaiting approval by a write: whether approving enables
// it, and who asked (empty: the one who asked before).
struct PendingApproval
{
    bool enables = true;
    QString requestedBy;
};

// What a rejection did: restored the approved version, or deleted a new
// watcher (its runs that were running to be stopped).
struct Rejection
{
    std::optional<WatcherRecord> restored;
    QList<qint64> stoppedRuns;
};

// The watchers table. Specs are stored as their JSON form.
class WatcherRepository
{
public:
    explicit WatcherRepository(Database &database);

    // Conflict when the name is taken; Invalid (trigger.after) when the
    // watcher it would start after does not exist or the link would close a
    // cycle. create and update link a chained watcher to its upstream by id;
    // an upstream's rename is written into its followers' specs.
    // `pending`: the watcher waits for approval (the spec must be disabled).
    Result<WatcherRecord, StoreError>
    create(const scheduler::WatcherSpec &spec, std::optional<qint64> nextRunAt, const Actor &actor,
           const std::optional<PendingApproval> &pending = {}) const;
    Result<std::optional<WatcherRecord>> get(qint64 id) const;
    Result<std::optional<WatcherRecord>> findByName(const QString &name) const;
    // The webhook watcher whose URL has this token.
    Result<std::optional<WatcherRecord>> findByWebhookToken(const QString &token) const;
    // What a Conflict over a taken name says.
    static QString nameTakenMessage(const QString &name);
    // By id.
    Result<QList<WatcherRecord>> list() const;
    // The enabled watchers whose trigger watches a folder, by id (read
    // without parsing every other watcher's spec: the folder triggers look
    // again after every save).
    Result<QList<WatcherRecord>> enabledFolderWatchers() const;
    // What create and update would say of a chained watcher's trigger
    // (Invalid trigger.after), writing nothing; `id` 0 for a new watcher.
    Result<void, StoreError> checkTrigger(qint64 id, const scheduler::WatcherSpec &spec) const;
    // The watchers that start on the watcher's runs (its chained
    // followers), by id: all of them, or the enabled ones.
    enum class Followers { All, Enabled };
    Result<QList<WatcherRecord>> followers(qint64 upstreamId, Followers which) const;
    // Up to `limit` watchers by id, after `afterId` (none: from the first);
    // `more` says whether others follow.
    Result<QList<WatcherRecord>> page(std::optional<qint64> afterId, int limit, bool *more) const;
    // Replaces the spec (and next_run_at when `reschedule`); `clearPause`
    // drops the Pause all mark (the caller set `enabled` itself). NotFound or
    // Conflict (name taken). `actor` is who changed it. `pending`: the
    // watcher is left awaiting approval (the spec must be disabled); the
    // version approved before is kept for a rejection to restore. None: its
    // approval stays as it is.
    Result<WatcherRecord, StoreError>
    update(qint64 id, const scheduler::WatcherSpec &spec, bool reschedule,
           std::optional<qint64> nextRunAt, bool clearPause, const Actor &actor,
           const std::optional<PendingApproval> &pending = {}) const;
    // Approves the pending change named by `revision` (none: whatever is
    // stored): the watcher is enabled if the change asked for it (and Pause
    // all has not paused it), its next fire from `firstFire`. NotFound;
    // Conflict when nothing awaits approval or the revision is not the
    // stored one.
    using FirstFire = std::function<std::optional<qint64>(const scheduler::WatcherSpec &)>;
    Result<WatcherRecord, StoreError> approve(qint64 id, const std::optional<QString> &revision,
                                              const FirstFire &firstFire, const Actor &actor) const;
    // Rejects it: the approved version is restored (Conflict if its name is
    // taken now or its upstream gone), or a new watcher is deleted with its
    // runs.
    Result<Rejection, StoreError> reject(qint64 id, const std::optional<QString> &revision,
                                         const FirstFire &firstFire, const Actor &actor) const;
    Result<int> countAwaitingApproval() const;
    // Pause all, in one transaction: every enabled watcher is disabled and
    // marked paused. Answers the watchers it changed.
    Result<QList<WatcherRecord>, StoreError> pauseEnabled(const Actor &actor) const;
    // Resume, in one transaction: every watcher marked paused is enabled
    // again, its next fire from `firstFire` (not one awaiting approval).
    // Answers the watchers it changed.
    Result<QList<WatcherRecord>, StoreError> resumePaused(const FirstFire &firstFire,
                                                          const Actor &actor) const;
    Result<int> countPaused() const;
    // Deletes the watcher with its runs, their logs and its notifications in
    // one transaction (Conflict while another watcher starts after it); answers the ids of runs
    // that were running, so their executions can be stopped.
    Result<QList<qint64>, StoreError> remove(qint64 id) const;
    // Up to `limit` enabled watchers due at or before nowMs, the earliest
    // first.
    Result<QList<WatcherRecord>> due(qint64 nowMs, int limit) const;
    // The earliest next_run_at of an enabled watcher.
    Result<std::optional<qint64>> earliestDue() const;
    Result<int> countEnabled() const;
    // Moves next_run_at if it is still `expected` (the scheduler's clock-jump
    // correction must not undo an edit that raced with it).
    Result<void> moveNextRunAt(qint64 id, qint64 expected, qint64 nextRunAt) const;

private:
    Result<QList<WatcherRecord>, StoreError> setEnabledWhere(const QString &condition, bool enabled,
                                                             const FirstFire &firstFire,
                                                             const Actor &actor) const;
    // `paused`: the Pause all mark to set; none keeps it.
    Result<void, StoreError> writeSpec(QSqlDatabase &db, qint64 id,
                                       const scheduler::WatcherSpec &spec, bool reschedule,
                                       std::optional<qint64> nextRunAt, std::optional<bool> paused,
                                       const Actor &actor) const;
    Result<WatcherRecord, StoreError> selectOne(QSqlDatabase &db, qint64 id) const;
    // The watcher awaiting approval at `revision`, inside the caller's
    // transaction.
    Result<WatcherRecord, StoreError> selectPending(QSqlDatabase &db, qint64 id,
                                                    const std::optional<QString> &revision) const;
    // Inside the caller's transaction.
    Result<QList<qint64>, StoreError> removeIn(QSqlDatabase &db, qint64 id) const;
    Result<void, StoreError> markApproved(QSqlDatabase &db, qint64 id, const Actor &actor) const;

    Database &m_database;
    // Filled by reads, which are const: a cache, not state of the table.
    mutable SpecCache m_specs;
};

} // namespace hearth
