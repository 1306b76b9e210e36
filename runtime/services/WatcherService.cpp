#include "WatcherService.h"

#include "ServiceErrors.h"
#include "SigningSecrets.h"
#include "events/ApiJson.h"
#include "events/RunEvents.h"
#include "events/WatcherEvents.h"
#include "model/FirePlanner.h"
#include "model/WatcherTemplates.h"
#include "secrets/SecretStore.h"
#include "store/FolderManifestRepository.h"
#include "store/WorkerRepository.h"

namespace hearth::services {

using scheduler::WatcherSpec;

WatcherService::WatcherService(WatcherRepository &watchers, RunRepository &runs,
                               const WorkerRepository &workers,
                               const FolderManifestRepository &folders,
                               secrets::SecretStore &secrets, RunControl &runControl,
                               events::EventBus &events, Config config)
    : m_watchers(watchers)
    , m_runs(runs)
    , m_workers(workers)
    , m_folders(folders)
    , m_secrets(secrets)
    , m_runControl(runControl)
    , m_events(events)
    , m_config(std::move(config))
{
}

Result<QList<WatcherRecord>, Error> WatcherService::list(std::optional<qint64> afterId, int limit,
                                                         bool *more) const
{
    return m_watchers.page(afterId, limit, more).transform_error(&Error::internal);
}

Result<WatcherRecord, Error> WatcherService::get(qint64 id) const
{
    return existing(m_watchers.get(id), "watcher", id);
}

namespace {
// "Page change: example.org (2)" … up to this.
constexpr int MaxNameSuffix = 100;

Error nameTaken(const QString &name)
{
    return { ErrorCode::NameTaken, WatcherRepository::nameTakenMessage(name), {} };
}

Error awaitingApproval(const QString &name)
{
    return { ErrorCode::AwaitingApproval,
             QStringLiteral("\"%1\" awaits approval of a change made over MCP: approve or reject "
                            "it first (in the tray, or with `hearth approve` or `hearth reject`)")
                 .arg(name),
             {} };
}
} // namespace

Result<WatcherService::Prepared, Error>
WatcherService::prepareCreate(const QJsonObject &request) const
{
    // A template makes the name, schedule and script; fields given beside
    // it (a name, a schedule, limits…) replace what it made.
    QJsonObject fields = request;
    // A name the template made is made unique ("… (2)"); a given one is not.
    bool madeName = false;
    if (fields.contains(QStringLiteral("template"))) {
        madeName = !fields.contains(QStringLiteral("name"));
        const QJsonValue params = fields.take(QStringLiteral("params"));
        if (!params.isUndefined() && !params.isObject())
            return fail(
                Error::invalid(QStringLiteral("params"), QStringLiteral("must be an object")));
        auto expanded = scheduler::expandTemplate(
            fields.take(QStringLiteral("template")).toString(), params.toObject());
        if (!expanded)
            return fail(fromField(expanded.error()));
        QJsonObject made = expanded.value();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            made.insert(it.key(), it.value());
        fields = made;
    } else if (fields.contains(QStringLiteral("params"))) {
        return fail(
            Error::invalid(QStringLiteral("params"), QStringLiteral("is only for a template")));
    }
    auto spec = WatcherSpec::fromJson(fields, m_config.ceilings, m_config.checkSyntax);
    if (!spec)
        return fail(fromField(spec.error()));
    if (auto pinned = resolvePin(spec.value()); !pinned)
        return fail(pinned.error());
    if (auto token = settleWebhookToken(nullptr, spec.value()); !token)
        return fail(token.error());
    auto folder = lookAtFolder(spec.value());
    if (!folder)
        return fail(folder.error());
    return Prepared { spec.value(), madeName, std::move(folder).value() };
}

Result<std::optional<FolderScan>, Error> WatcherService::lookAtFolder(const WatcherSpec &spec) const
{
    const scheduler::FolderTrigger *trigger = spec.folder();
    if (!trigger)
        return std::optional<FolderScan>();
    auto scan = scanFolder(*trigger);
    if (!scan)
        return fail(Error::invalid(QStringLiteral("trigger.path"), scan.error()));
    return std::optional<FolderScan>(std::move(scan).value());
}

Result<void, Error> WatcherService::settleWebhookToken(const WatcherSpec *current,
                                                       WatcherSpec &spec)
{
    scheduler::WebhookTrigger *webhook = spec.webhook();
    if (!webhook)
        return {};
    const scheduler::WebhookTrigger *before = current ? current->webhook() : nullptr;
    if (webhook->token.isEmpty()) {
        webhook->token = before ? before->token : scheduler::WebhookTrigger::newToken();
        return {};
    }
    if (before && webhook->token == before->token)
        return {};
    return fail(Error::invalid(QStringLiteral("trigger.webhook.token"),
                               QStringLiteral("is made by hearthd; leave it out")));
}

Result<void, Error> WatcherService::secretsReady() const
{
    return requireSecretsReady(m_secrets, QStringLiteral("a webhook watcher's signing secret"));
}

void WatcherService::ensureSigningSecret(qint64 watcherId) const
{
    // If it cannot be made, deliveries are refused (503, naming the secret)
    // until the user sets it.
    services::ensureSigningSecret(m_secrets, scheduler::WebhookTrigger::secretName(watcherId));
}

bool WatcherService::startsFolderAfresh(const WatcherSpec &current, const WatcherSpec &spec)
{
    const scheduler::FolderTrigger *folder = spec.folder();
    if (!folder)
        return false;
    const scheduler::FolderTrigger *before = current.folder();
    return !before || before->scope() != folder->scope() || (spec.enabled && !current.enabled);
}

Result<WatcherRecord, Error> WatcherService::create(const QJsonObject &request,
                                                    const Actor &actor) const
{
    auto prepared = prepareCreate(request);
    if (!prepared)
        return fail(prepared.error());
    WatcherSpec &spec = prepared->spec;
    if (spec.webhook()) {
        if (auto ready = secretsReady(); !ready)
            return fail(ready.error());
    }
    auto pending = settleApproval(actor, nullptr, true, spec);
    if (!pending)
        return fail(pending.error());
    // The watcher and its folder's first look are kept together or not at
    // all.
    WriteBatch batch = m_runs.batch();
    if (auto begun = batch.begin(); !begun)
        return fail(Error::internal(begun.error()));
    auto created = m_watchers.create(spec, firstFire(spec), actor, pending.value());
    const QString madeAs = spec.name;
    for (int suffix = 2; prepared->madeName && !created &&
         created.error().code == StoreError::Conflict && suffix <= MaxNameSuffix;
         ++suffix) {
        spec.name = madeAs + QStringLiteral(" (%1)").arg(suffix);
        created = m_watchers.create(spec, firstFire(spec), actor, pending.value());
    }
    if (!created)
        return fail(fromStore(created.error(), ErrorCode::NameTaken));
    if (prepared->folder) {
        if (auto kept =
                m_folders.replace(created->id, spec.folder()->scope(), prepared->folder->files);
            !kept)
            return fail(Error::internal(kept.error()));
    }
    if (auto committed = batch.commit(); !committed)
        return fail(Error::internal(committed.error()));
    if (spec.webhook())
        ensureSigningSecret(created->id);
    events::publishWatcher(m_events, QStringLiteral("created"), events::toApiJson(created.value()));
    m_runControl.watchersChanged();
    return created.value();
}

Result<WatcherSpec, Error> WatcherService::validateCreate(const QJsonObject &request) const
{
    auto prepared = prepareCreate(request);
    if (!prepared)
        return fail(prepared.error());
    WatcherSpec &spec = prepared->spec;
    if (auto trigger = m_watchers.checkTrigger(0, spec); !trigger)
        return fail(fromStore(trigger.error(), ErrorCode::Conflict));
    if (spec.webhook()) {
        if (auto ready = secretsReady(); !ready)
            return fail(ready.error());
    }
    const QString madeAs = spec.name;
    for (int suffix = 2;; ++suffix) {
        auto taken = m_watchers.findByName(spec.name);
        if (!taken)
            return fail(Error::internal(taken.error()));
        if (!taken.value())
            return spec;
        if (!prepared->madeName || suffix > MaxNameSuffix)
            break;
        spec.name = madeAs + QStringLiteral(" (%1)").arg(suffix);
    }
    return fail(nameTaken(spec.name));
}

Result<WatcherSpec, Error> WatcherService::prepareUpdate(const WatcherRecord &current,
                                                         const QJsonObject &changes) const
{
    auto spec =
        WatcherSpec::patched(current.spec, changes, m_config.ceilings, m_config.checkSyntax);
    if (!spec)
        return fail(fromField(spec.error()));
    // The pin is checked when it (or what it must run) changes, so that a
    // watcher whose worker was removed can still be edited and re-pinned.
    if (const scheduler::AgentTask *agent = spec->agent()) {
        const scheduler::AgentTask *before = current.spec.agent();
        if (!before || agent->deviceWorkerId != before->deviceWorkerId ||
            agent->agentKind != before->agentKind) {
            if (auto pinned = resolvePin(spec.value()); !pinned)
                return fail(pinned.error());
        }
    }
    if (auto token = settleWebhookToken(&current.spec, spec.value()); !token)
        return fail(token.error());
    return spec.value();
}

Result<WatcherSpec, Error> WatcherService::validateUpdate(qint64 id, const QJsonObject &changes,
                                                          const Actor &actor) const
{
    auto current = get(id);
    if (!current)
        return fail(current.error());
    auto spec = prepareUpdate(current.value(), changes);
    if (!spec)
        return fail(spec.error());
    // What would be stored is the spec as asked; only the refusal matters.
    WatcherSpec stored = spec.value();
    if (auto pending = settleApproval(actor, &current.value(),
                                      changes.contains(QStringLiteral("enabled")), stored);
        !pending)
        return fail(pending.error());
    auto taken = m_watchers.findByName(spec->name);
    if (!taken)
        return fail(Error::internal(taken.error()));
    if (taken.value() && taken.value()->id != id)
        return fail(nameTaken(spec->name));
    if (auto trigger = m_watchers.checkTrigger(id, spec.value()); !trigger)
        return fail(fromStore(trigger.error(), ErrorCode::Conflict));
    if (startsFolderAfresh(current->spec, spec.value())) {
        if (auto folder = lookAtFolder(spec.value()); !folder)
            return fail(folder.error());
    }
    if (spec->webhook()) {
        if (auto ready = secretsReady(); !ready)
            return fail(ready.error());
    }
    return spec;
}

Result<WatcherRecord, Error> WatcherService::update(qint64 id, const QJsonObject &changes,
                                                    const Actor &actor) const
{
    auto current = get(id);
    if (!current)
        return fail(current.error());
    auto spec = prepareUpdate(current.value(), changes);
    if (!spec)
        return fail(spec.error());
    auto pending = settleApproval(actor, &current.value(),
                                  changes.contains(QStringLiteral("enabled")), spec.value());
    if (!pending)
        return fail(pending.error());
    // A new schedule, or enabling, starts counting from now; anything else
    // keeps the next fire where it is.
    const auto scheduleJson = [](const WatcherSpec &watcher) {
        return watcher.schedule ? watcher.schedule->toJson() : QJsonObject();
    };
    const bool reschedule = scheduleJson(spec.value()) != scheduleJson(current->spec) ||
        spec->enabled != current->spec.enabled;
    // Whoever sets `enabled` decides it from now on: Resume leaves it alone.
    const bool clearPause = changes.contains(QStringLiteral("enabled"));
    std::optional<FolderScan> folder;
    if (startsFolderAfresh(current->spec, spec.value())) {
        auto look = lookAtFolder(spec.value());
        if (!look)
            return fail(look.error());
        folder = std::move(look).value();
    }
    if (spec->webhook()) {
        if (auto ready = secretsReady(); !ready)
            return fail(ready.error());
    }
    WriteBatch batch = m_runs.batch();
    if (auto begun = batch.begin(); !begun)
        return fail(Error::internal(begun.error()));
    auto updated = m_watchers.update(current->id, spec.value(), reschedule, firstFire(spec.value()),
                                     clearPause, actor, pending.value());
    if (!updated)
        return fail(fromStore(updated.error(), ErrorCode::NameTaken));
    if (folder) {
        if (auto kept = m_folders.replace(id, spec->folder()->scope(), folder->files); !kept)
            return fail(Error::internal(kept.error()));
    }
    if (auto committed = batch.commit(); !committed)
        return fail(Error::internal(committed.error()));
    if (spec->webhook())
        ensureSigningSecret(id);
    events::publishWatcher(m_events, QStringLiteral("updated"), events::toApiJson(updated.value()));
    if (updated->spec.name != current->spec.name) {
        // Their trigger names it anew.
        if (auto followers = m_watchers.followers(id, WatcherRepository::Followers::All))
            publishChanged(followers.value());
    }
    m_runControl.watchersChanged();
    return updated.value();
}

Result<void, Error> WatcherService::remove(qint64 id) const
{
    auto current = get(id);
    auto removed = m_watchers.remove(id);
    if (!removed)
        return fail(fromStore(removed.error(), ErrorCode::Conflict));
    // Its signing secret goes with it (a later watcher may get its id).
    if (current && current->spec.webhook())
        (void)m_secrets.remove(scheduler::WebhookTrigger::secretName(id));
    m_runControl.stopExecutions(removed.value());
    events::publishWatcher(m_events, QStringLiteral("deleted"),
                           { { QStringLiteral("id"), QString::number(id) } });
    m_runControl.watchersChanged();
    return {};
}

Result<RunRecord, Error> WatcherService::runNow(qint64 id, const QByteArray &eventJson,
                                                const Actor &actor) const
{
    auto watcher = get(id);
    if (!watcher)
        return fail(watcher.error());
    if (watcher->approval == Approval::Pending)
        return fail(awaitingApproval(watcher->spec.name));
    const qint64 now = m_runControl.nowMs();
    FireRequest fire;
    fire.watcherId = watcher->id;
    fire.concurrency = watcher->spec.concurrency;
    fire.refuseWhileActive = true;
    fire.nowMs = now;
    fire.runs = { NewRun { now, scheduler::RunTrigger::Manual, now, eventJson,
                           watcher->spec.agent() ? watcher->spec.agent()->deviceWorkerId
                                                 : std::nullopt,
                           std::nullopt, 0, actor } };
    auto fired = m_runs.fire(fire);
    if (!fired)
        return fail(fromStore(fired.error(), ErrorCode::RunActive));
    m_runControl.stopExecutions(fired->replacedRunning);
    if (fired->created.isEmpty())
        return fail(Error::internal(QStringLiteral("the run was not recorded")));
    const RunRecord &run = fired->created.constFirst();
    events::publishRun(m_events, QStringLiteral("created"), run);
    m_runControl.wake();
    return run;
}

Result<QList<WatcherRecord>, Error> WatcherService::pauseAll(const Actor &actor) const
{
    auto paused = m_watchers.pauseEnabled(actor);
    if (!paused)
        return fail(fromStore(paused.error(), ErrorCode::Conflict));
    publishChanged(paused.value());
    return paused.value();
}

Result<QList<WatcherRecord>, Error> WatcherService::resumeAll(const Actor &actor) const
{
    auto resumed =
        m_watchers.resumePaused([this](const WatcherSpec &spec) { return firstFire(spec); }, actor);
    if (!resumed)
        return fail(fromStore(resumed.error(), ErrorCode::Conflict));
    // As when one is enabled: a folder watcher starts from what its folder
    // holds now, not with what changed while it was paused.
    for (const WatcherRecord &watcher : resumed.value())
        restartFolder(watcher);
    publishChanged(resumed.value());
    return resumed.value();
}

void WatcherService::restartFolder(const WatcherRecord &watcher) const
{
    auto folder = lookAtFolder(watcher.spec);
    if (folder && folder.value())
        (void)m_folders.replace(watcher.id, watcher.spec.folder()->scope(), folder.value()->files);
}

Result<std::optional<PendingApproval>, Error>
WatcherService::settleApproval(const Actor &actor, const WatcherRecord *current, bool setsEnabled,
                               WatcherSpec &spec)
{
    const bool awaiting = current && current->approval == Approval::Pending;
    if (actor.kind() == Actor::Kind::Mcp) {
        // Approving gives the change what it asked for: enabled as it says,
        // or as the watcher was (or as the change before asked).
        const bool enables = awaiting && !setsEnabled ? current->enablesOnApproval : spec.enabled;
        spec.enabled = false;
        return std::optional(PendingApproval { enables, actor.toString() });
    }
    if (!awaiting)
        return std::optional<PendingApproval>();
    // A person's edit of a change awaiting approval leaves the decision to
    // Approve or Reject.
    if (spec.enabled)
        return fail(awaitingApproval(current->spec.name));
    return std::optional(PendingApproval { current->enablesOnApproval, {} });
}

namespace {
Error personOnly()
{
    return { ErrorCode::Forbidden,
             QStringLiteral("approving or rejecting a watcher is for a person: in the tray, or "
                            "with `hearth approve` or `hearth reject`"),
             {} };
}
} // namespace

Result<WatcherRecord, Error>
WatcherService::approve(qint64 id, const std::optional<QString> &revision, const Actor &actor) const
{
    if (actor.kind() == Actor::Kind::Mcp)
        return fail(personOnly());
    auto approved = m_watchers.approve(
        id, revision, [this](const WatcherSpec &spec) { return firstFire(spec); }, actor);
    if (!approved)
        return fail(fromStore(approved.error(), ErrorCode::Conflict));
    if (approved->spec.enabled)
        restartFolder(approved.value());
    if (approved->spec.webhook())
        ensureSigningSecret(id);
    events::publishWatcher(m_events, QStringLiteral("updated"),
                           events::toApiJson(approved.value()));
    // Its queued runs may start now.
    m_runControl.watchersChanged();
    m_runControl.wake();
    return approved.value();
}

Result<std::optional<WatcherRecord>, Error>
WatcherService::reject(qint64 id, const std::optional<QString> &revision, const Actor &actor) const
{
    if (actor.kind() == Actor::Kind::Mcp)
        return fail(personOnly());
    auto before = get(id);
    auto rejected = m_watchers.reject(
        id, revision, [this](const WatcherSpec &spec) { return firstFire(spec); }, actor);
    if (!rejected)
        return fail(fromStore(rejected.error(), ErrorCode::Conflict));
    if (!rejected->restored) {
        if (before && before->spec.webhook())
            (void)m_secrets.remove(scheduler::WebhookTrigger::secretName(id));
        m_runControl.stopExecutions(rejected->stoppedRuns);
        events::publishWatcher(m_events, QStringLiteral("deleted"),
                               { { QStringLiteral("id"), QString::number(id) } });
        m_runControl.watchersChanged();
        return std::optional<WatcherRecord>();
    }
    const WatcherRecord &restored = *rejected->restored;
    if (restored.spec.enabled && before && startsFolderAfresh(before->spec, restored.spec))
        restartFolder(restored);
    if (restored.spec.webhook())
        ensureSigningSecret(id);
    else if (before && before->spec.webhook())
        (void)m_secrets.remove(scheduler::WebhookTrigger::secretName(id));
    events::publishWatcher(m_events, QStringLiteral("updated"), events::toApiJson(restored));
    if (before && before->spec.name != restored.spec.name) {
        if (auto followers = m_watchers.followers(id, WatcherRepository::Followers::All))
            publishChanged(followers.value());
    }
    m_runControl.watchersChanged();
    m_runControl.wake();
    return rejected->restored;
}

void WatcherService::publishChanged(const QList<WatcherRecord> &watchers) const
{
    for (const WatcherRecord &watcher : watchers)
        events::publishWatcher(m_events, QStringLiteral("updated"), events::toApiJson(watcher));
    if (!watchers.isEmpty())
        m_runControl.watchersChanged();
}

std::optional<qint64> WatcherService::firstFire(const WatcherSpec &spec) const
{
    if (!spec.enabled || !spec.schedule)
        return std::nullopt;
    return scheduler::firstFireAfter(*spec.schedule, m_runControl.nowMs());
}

// An agent watcher runs on one device worker: the one it names, which must
// exist and run its agent kind, or by default the only worker that does.
Result<void, Error> WatcherService::resolvePin(WatcherSpec &spec) const
{
    scheduler::AgentTask *agent = spec.agent();
    if (!agent)
        return {};
    const QString field = QStringLiteral("device_worker_id");
    auto workers = m_workers.list();
    if (!workers)
        return fail(Error::internal(workers.error()));
    QList<WorkerRecord> able;
    for (const WorkerRecord &worker : std::as_const(workers.value())) {
        if (agent->deviceWorkerId && worker.id == *agent->deviceWorkerId) {
            if (!worker.runs(agent->agentKind))
                return fail(Error::invalid(field,
                                           QStringLiteral("worker %1 (%2) runs %3 agents, not %4")
                                               .arg(worker.id)
                                               .arg(worker.name,
                                                    worker.agentKinds.join(QStringLiteral(", ")),
                                                    agent->agentKind)));
            return {};
        }
        if (worker.runs(agent->agentKind))
            able.append(worker);
    }
    if (agent->deviceWorkerId)
        return fail(Error::invalid(
            field, QStringLiteral("there is no worker %1").arg(*agent->deviceWorkerId)));
    if (able.size() == 1) {
        agent->deviceWorkerId = able.constFirst().id;
        return {};
    }
    if (able.isEmpty())
        return fail(Error::invalid(
            field,
            QStringLiteral("no registered device worker runs %1 agents; start one (`hearth worker "
                           "--profile %1`) or name one")
                .arg(agent->agentKind)));
    QStringList names;
    for (const WorkerRecord &worker : std::as_const(able))
        names.append(QStringLiteral("%1 (%2)").arg(worker.id).arg(worker.name));
    return fail(Error::invalid(field,
                               QStringLiteral("several workers run %1 agents (%2); name one")
                                   .arg(agent->agentKind, names.join(QStringLiteral(", ")))));
}

} // namespace hearth::services
