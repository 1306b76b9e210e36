#pragma once

#include "FolderScan.h"
#include "RunControl.h"
#include "core/Error.h"
#include "model/WatcherSpec.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QJsonObject>

namespace hearth {
class FolderManifestRepository;
class WorkerRepository;
namespace events {
class EventBus;
}
namespace secrets {
class SecretStore;
}
} // namespace hearth

namespace hearth::services {

// The watcher use cases, each written once: validation, the store's one
// transaction, then the executions it stops, the `watcher`/`run` events and
// the scheduler's wake-up. The API's handlers (and anything else that drives
// hearthd) call these and do nothing of it themselves.
class WatcherService
{
public:
    struct Config
    {
        // The highest limits a watcher may ask for.
        lua::Limits ceilings;
        // Compiles scripts of new and changed watchers in a sandbox host.
        scheduler::SyntaxChecker checkSyntax;
    };

    WatcherService(WatcherRepository &watchers, RunRepository &runs,
                   const WorkerRepository &workers, const FolderManifestRepository &folders,
                   secrets::SecretStore &secrets, RunControl &runControl, events::EventBus &events,
                   Config config);

    // A page of watchers by id (see WatcherRepository::page).
    Result<QList<WatcherRecord>, Error> list(std::optional<qint64> afterId, int limit,
                                             bool *more) const;
    Result<WatcherRecord, Error> get(qint64 id) const;
    // `fields` as POST /api/v1/watchers takes them; NameTaken if the name is.
    // From a watcher's fields, or from {"template", "params"} (and fields
    // that replace what the template made). `actor` is who asked (kept on
    // the watcher, as for every change below).
    Result<WatcherRecord, Error> create(const QJsonObject &request, const Actor &actor) const;
    // `changes` as PATCH takes them: only the fields given change.
    Result<WatcherRecord, Error> update(qint64 id, const QJsonObject &changes,
                                        const Actor &actor) const;
    // What create and update would store, checked the same way (a name
    // taken is NameTaken; a name a template made is made unique), storing
    // nothing: validate_only.
    Result<scheduler::WatcherSpec, Error> validateCreate(const QJsonObject &request) const;
    // `actor` as for update: enabling a watcher that awaits approval is
    // refused here too.
    Result<scheduler::WatcherSpec, Error> validateUpdate(qint64 id, const QJsonObject &changes,
                                                         const Actor &actor) const;
    // With its runs (running ones are stopped), logs and notifications.
    Result<void, Error> remove(qint64 id) const;
    // A manual run now, with `eventJson` as ctx.event. RunActive when the
    // watcher forbids overlapping runs and one is active.
    Result<RunRecord, Error> runNow(qint64 id, const QByteArray &eventJson,
                                    const Actor &actor) const;
    // Disables every enabled watcher and marks it paused; answers those.
    Result<QList<WatcherRecord>, Error> pauseAll(const Actor &actor) const;
    // Enables again exactly the watchers Pause all disabled (and that nobody
    // enabled or disabled by hand since); answers those.
    Result<QList<WatcherRecord>, Error> resumeAll(const Actor &actor) const;

    // Watchers created or changed over MCP wait, disabled, for a person:
    // approving lets the change run (enabled if it asked to be), rejecting
    // restores the version approved before (or deletes a new watcher).
    // `revision` (the watcher's, as the person saw it) refuses a change made
    // meanwhile. Forbidden for an MCP client; Conflict when nothing awaits
    // approval.
    Result<WatcherRecord, Error> approve(qint64 id, const std::optional<QString> &revision,
                                         const Actor &actor) const;
    // None: the watcher was new and is deleted.
    Result<std::optional<WatcherRecord>, Error>
    reject(qint64 id, const std::optional<QString> &revision, const Actor &actor) const;

private:
    // A new watcher's spec from a request; `madeName`: a template named it.
    struct Prepared
    {
        scheduler::WatcherSpec spec;
        bool madeName = false;
        // A folder watcher's folder as it is now (see lookAtFolder).
        std::optional<FolderScan> folder;
    };
    Result<Prepared, Error> prepareCreate(const QJsonObject &request) const;
    // The watcher as `changes` leave it, with the pin checked if it changed.
    Result<scheduler::WatcherSpec, Error> prepareUpdate(const WatcherRecord &current,
                                                        const QJsonObject &changes) const;
    Result<void, Error> resolvePin(scheduler::WatcherSpec &spec) const;
    // A folder watcher's folder must be one it can watch (422 trigger.path
    // otherwise); what is in it when the watcher is saved is where its
    // changes start from. None for other watchers.
    Result<std::optional<FolderScan>, Error> lookAtFolder(const scheduler::WatcherSpec &spec) const;
    // Whether saving `spec` over `current` starts its folder afresh: a new
    // folder trigger, another folder, recursion or glob, or enabling it
    // (changes made while it was disabled are not delivered).
    static bool startsFolderAfresh(const scheduler::WatcherSpec &current,
                                   const scheduler::WatcherSpec &spec);
    // A webhook watcher's URL token is hearthd's to make: a new one for a
    // new webhook trigger, the stored one kept across edits (422 for one
    // given otherwise). `current` is null for a new watcher.
    static Result<void, Error> settleWebhookToken(const scheduler::WatcherSpec *current,
                                                  scheduler::WatcherSpec &spec);
    // Webhook watchers are saved only while the secret store can take
    // their signing secret (SecretsUnavailable otherwise).
    Result<void, Error> secretsReady() const;
    // A webhook watcher's signing secret, made unless the secret store
    // has one under its name already (the user's own).
    void ensureSigningSecret(qint64 watcherId) const;
    std::optional<qint64> firstFire(const scheduler::WatcherSpec &spec) const;
    // Whether a write by `actor` leaves the watcher awaiting approval (a
    // change over MCP, or any change to one that awaits it), disabling
    // `spec` if so. `current` is null for a new watcher; `setsEnabled`:
    // the write says whether it is enabled. AwaitingApproval for enabling
    // one that awaits it.
    static Result<std::optional<PendingApproval>, Error>
    settleApproval(const Actor &actor, const WatcherRecord *current, bool setsEnabled,
                   scheduler::WatcherSpec &spec);
    // A folder watcher that starts now looks at its folder afresh (one it
    // cannot look at is left to its trigger, which records why).
    void restartFolder(const WatcherRecord &watcher) const;
    void publishChanged(const QList<WatcherRecord> &watchers) const;

    WatcherRepository &m_watchers;
    RunRepository &m_runs;
    const WorkerRepository &m_workers;
    const FolderManifestRepository &m_folders;
    secrets::SecretStore &m_secrets;
    RunControl &m_runControl;
    events::EventBus &m_events;
    Config m_config;
};

} // namespace hearth::services
