#include "WatcherRepository.h"

#include "Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

Q_LOGGING_CATEGORY(lcWatchers, "hearth.store.watchers")

namespace hearth {

namespace {

const QString Columns = QStringLiteral(
    "id, spec, next_run_at, last_fired_at, last_notified_at, notify_window_start, "
    "notify_window_count, created_at, updated_at, paused, created_by, updated_by, approval, "
    "approved_spec, enable_on_approval, approval_requested_by, approved_by");

// Text columns are NOT NULL: a null QString would bind as NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString specText(const scheduler::WatcherSpec &spec)
{
    return QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact));
}

// Whether specs parsed while reading are kept: the scheduler's reads (the due
// watchers, a watcher by id) keep them; listings only use what is kept (a
// client paging through 10,000 watchers would fill the cache for nothing).
enum class KeepSpecs { Yes, No };

Result<WatcherRecord> fromRow(const QSqlQuery &query, SpecCache &specs, KeepSpecs keep)
{
    WatcherRecord record;
    record.id = query.value(0).toLongLong();
    const QString storedSpec = query.value(1).toString();
    if (auto known = specs.find(record.id, storedSpec)) {
        record.spec = std::move(*known);
    } else {
        const QJsonObject json = QJsonDocument::fromJson(storedSpec.toUtf8()).object();
        auto spec = scheduler::WatcherSpec::fromStored(json);
        if (!spec) {
            return fail(QStringLiteral("watcher %1 has an unreadable spec (%2: %3)")
                            .arg(record.id)
                            .arg(spec.error().field, spec.error().message));
        }
        record.spec = spec.value();
        if (keep == KeepSpecs::Yes)
            specs.keep(record.id, storedSpec, record.spec);
    }
    record.nextRunAt = optionalInt(query.value(2));
    record.lastFiredAt = optionalInt(query.value(3));
    record.notifyState.lastNotifiedAt = query.value(4).toLongLong();
    record.notifyState.windowStart = query.value(5).toLongLong();
    record.notifyState.windowCount = query.value(6).toInt();
    record.createdAt = query.value(7).toString();
    record.updatedAt = query.value(8).toString();
    record.paused = query.value(9).toInt() != 0;
    record.createdBy = query.value(10).toString();
    record.updatedBy = query.value(11).toString();
    record.approval = approvalFromName(query.value(12).toString()).value_or(Approval::Approved);
    if (const QString approved = query.value(13).toString(); !approved.isEmpty()) {
        auto spec =
            scheduler::WatcherSpec::fromStored(QJsonDocument::fromJson(approved.toUtf8()).object());
        if (!spec) {
            return fail(QStringLiteral("watcher %1 has an unreadable approved spec (%2: %3)")
                            .arg(record.id)
                            .arg(spec.error().field, spec.error().message));
        }
        record.approvedSpec = std::move(spec).value();
    }
    record.enablesOnApproval = query.value(14).toInt() != 0;
    record.approvalRequestedBy = query.value(15).toString();
    record.approvedBy = query.value(16).toString();
    return record;
}

// A row that cannot be read is left out with a warning rather than failing
// the whole list: one damaged watcher must not stop the others from firing.
Result<QList<WatcherRecord>> readAll(QSqlQuery &query, SpecCache &specs, KeepSpecs keep)
{
    QList<WatcherRecord> records;
    while (query.next()) {
        auto record = fromRow(query, specs, keep);
        if (!record) {
            qCWarning(lcWatchers).noquote() << record.error();
            continue;
        }
        records.append(std::move(record).value());
    }
    return records;
}

Result<std::optional<WatcherRecord>> readOne(QSqlQuery &query, SpecCache &specs)
{
    if (!query.next())
        return std::optional<WatcherRecord>();
    auto record = fromRow(query, specs, KeepSpecs::Yes);
    if (!record)
        return fail(record.error());
    return std::optional<WatcherRecord>(std::move(record).value());
}

// Whether another watcher already has the name (inside the caller's transaction).
Result<bool> nameTaken(QSqlDatabase &db, const QString &name, qint64 exceptId)
{
    PreparedQuery query(db, QStringLiteral("SELECT 1 FROM watchers WHERE name = ? AND id <> ?"));
    query->addBindValue(name);
    query->addBindValue(exceptId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return query->next();
}

Result<std::optional<QString>> storedName(QSqlDatabase &db, qint64 id)
{
    PreparedQuery query(db, QStringLiteral("SELECT name FROM watchers WHERE id = ?"));
    query->addBindValue(id);
    if (!query->exec())
        return fail(describeSqlError(*query));
    if (!query->next())
        return std::optional<QString>();
    return std::optional(query->value(0).toString());
}

// The watchers that follow a renamed one name it anew (their link is by id;
// the name in their spec is what the API shows and what a PATCH keeps), and
// so do the approved versions a rejection would restore.
Result<void, StoreError> renameInFollowers(QSqlDatabase &db, qint64 id, const QString &oldName,
                                           const QString &newName)
{
    PreparedQuery approved(
        db,
        QStringLiteral("UPDATE watchers SET approved_spec = json_set(approved_spec, "
                       "'$.trigger.after', ?) WHERE approved_spec IS NOT NULL AND "
                       "json_extract(approved_spec, '$.trigger.after') = ?"));
    approved->addBindValue(newName);
    approved->addBindValue(oldName);
    if (!approved->exec())
        return fail(StoreError::storage(describeSqlError(*approved)));
    PreparedQuery followers(
        db, QStringLiteral("SELECT id, spec FROM watchers WHERE after_watcher_id = ?"));
    followers->addBindValue(id);
    if (!followers->exec())
        return fail(StoreError::storage(describeSqlError(*followers)));
    PreparedQuery rewrite(db, QStringLiteral("UPDATE watchers SET spec = ? WHERE id = ?"));
    while (followers->next()) {
        const qint64 followerId = followers->value(0).toLongLong();
        auto spec = scheduler::WatcherSpec::fromStored(
            QJsonDocument::fromJson(followers->value(1).toString().toUtf8()).object());
        if (!spec || !spec->chain())
            return fail(StoreError::storage(
                QStringLiteral("watcher %1 follows %2 but its spec does not say so")
                    .arg(followerId)
                    .arg(id)));
        std::get<scheduler::ChainTrigger>(*spec->trigger).after = newName;
        rewrite->bindValue(0, specText(spec.value()));
        rewrite->bindValue(1, followerId);
        if (!rewrite->exec())
            return fail(StoreError::storage(describeSqlError(*rewrite)));
    }
    return {};
}

// The id of the watcher a chained watcher starts after (none: not chained),
// read inside the caller's transaction so that two saves cannot make a
// cycle between them: the upstream must exist, and following the links up
// from it must not lead back to the watcher `id` (0: a new one). Each
// watcher has at most one upstream, so the walk is a line, at most as long
// as there are watchers.
Result<std::optional<qint64>, StoreError> upstreamOf(QSqlDatabase &db, qint64 id,
                                                     const scheduler::WatcherSpec &spec)
{
    const scheduler::ChainTrigger *chain = spec.chain();
    if (!chain)
        return std::optional<qint64>();
    const QString field = QStringLiteral("trigger.after");
    PreparedQuery find(db, QStringLiteral("SELECT id FROM watchers WHERE name = ?"));
    find->addBindValue(chain->after);
    if (!find->exec())
        return fail(StoreError::storage(describeSqlError(*find)));
    if (!find->next())
        return fail(StoreError::invalid(
            field, QStringLiteral("there is no watcher named \"%1\"").arg(chain->after)));
    const qint64 upstream = find->value(0).toLongLong();
    if (upstream == id)
        return fail(
            StoreError::invalid(field, QStringLiteral("a watcher cannot start after itself")));
    // Each step: the next watcher up and its name.
    PreparedQuery up(db,
                     QStringLiteral("SELECT w.after_watcher_id, u.name FROM watchers w "
                                    "JOIN watchers u ON u.id = w.after_watcher_id "
                                    "WHERE w.id = ?"));
    QStringList path { spec.name, chain->after };
    QSet<qint64> seen { upstream };
    for (qint64 at = upstream;;) {
        up->bindValue(0, at);
        if (!up->exec())
            return fail(StoreError::storage(describeSqlError(*up)));
        if (!up->next())
            break;
        at = up->value(0).toLongLong();
        if (at == id) {
            path.append(spec.name);
            return fail(StoreError::invalid(
                field, QStringLiteral("would make a cycle: %1").arg(path.join(u" → "))));
        }
        if (seen.contains(at))
            break; // a loop above that does not pass here (none can be saved)
        seen.insert(at);
        path.append(up->value(1).toString());
    }
    return std::optional(upstream);
}

// The channels a watcher names in notify.channels must exist when it is
// saved (one deleted later is simply not sent to).
Result<void, StoreError> checkChannels(QSqlDatabase &db, const scheduler::WatcherSpec &spec)
{
    if (!spec.notifyChannels)
        return {};
    PreparedQuery find(db, QStringLiteral("SELECT 1 FROM channels WHERE name = ?"));
    for (const QString &name : std::as_const(*spec.notifyChannels)) {
        find->bindValue(0, name);
        if (!find->exec())
            return fail(StoreError::storage(describeSqlError(*find)));
        if (!find->next())
            return fail(
                StoreError::invalid(QStringLiteral("notify.channels"),
                                    QStringLiteral("there is no channel named \"%1\"").arg(name)));
    }
    return {};
}

// The columns that find a watcher by its trigger: the upstream it starts
// after (checked: it exists and closes no cycle) and its webhook token.
// The channels it names are checked on the way.
Result<void, StoreError> writeLinks(QSqlDatabase &db, qint64 id, const scheduler::WatcherSpec &spec)
{
    if (auto channels = checkChannels(db, spec); !channels)
        return channels;
    auto upstream = upstreamOf(db, id, spec);
    if (!upstream)
        return fail(upstream.error());
    // The webhook token is looked up by every delivery.
    PreparedQuery link(db,
                       QStringLiteral("UPDATE watchers SET after_watcher_id = ?, "
                                      "webhook_token = ? WHERE id = ?"));
    link->addBindValue(nullableInt(upstream.value()));
    const scheduler::WebhookTrigger *webhook = spec.webhook();
    link->addBindValue(webhook ? QVariant(webhook->token)
                               : QVariant(QMetaType::fromType<QString>()));
    link->addBindValue(id);
    if (!link->exec())
        return fail(StoreError::storage(describeSqlError(*link)));
    return {};
}

} // namespace

QString WatcherRecord::revision() const
{
    return approvalRevision(specText(spec).toUtf8(), enablesOnApproval);
}

QString WatcherRepository::nameTakenMessage(const QString &name)
{
    return QStringLiteral("a watcher named \"%1\" already exists").arg(name);
}

WatcherRepository::WatcherRepository(Database &database)
    : m_database(database)
{
}

Result<WatcherRecord, StoreError>
WatcherRepository::create(const scheduler::WatcherSpec &spec, std::optional<qint64> nextRunAt,
                          const Actor &actor, const std::optional<PendingApproval> &pending) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto taken = nameTaken(db, spec.name, 0);
    if (!taken)
        return fail(StoreError::storage(taken.error()));
    if (taken.value())
        return fail(StoreError::conflict(nameTakenMessage(spec.name)));
    PreparedQuery insert(
        db,
        QStringLiteral(
            "INSERT INTO watchers (name, kind, spec, enabled, next_run_at, created_at, updated_at, "
            "created_by, updated_by, approval, enable_on_approval, approval_requested_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString now = nowUtc();
    insert->addBindValue(spec.name);
    insert->addBindValue(scheduler::watcherKindName(spec.kind()));
    insert->addBindValue(specText(spec));
    insert->addBindValue(spec.enabled ? 1 : 0);
    insert->addBindValue(nullableInt(spec.enabled ? nextRunAt : std::nullopt));
    insert->addBindValue(now);
    insert->addBindValue(now);
    const QString actorText = actor.toString();
    insert->addBindValue(actorText);
    insert->addBindValue(actorText);
    insert->addBindValue(approvalName(pending ? Approval::Pending : Approval::Approved));
    insert->addBindValue(pending && pending->enables ? 1 : 0);
    insert->addBindValue(notNull(pending ? pending->requestedBy : QString()));
    if (!insert->exec())
        return fail(StoreError::storage(describeSqlError(*insert)));
    WatcherRecord record;
    record.id = insert->lastInsertId().toLongLong();
    if (auto linked = writeLinks(db, record.id, spec); !linked)
        return fail(linked.error());
    record.spec = spec;
    record.nextRunAt = spec.enabled ? nextRunAt : std::nullopt;
    record.createdAt = now;
    record.updatedAt = now;
    record.createdBy = actorText;
    record.updatedBy = actorText;
    if (pending) {
        record.approval = Approval::Pending;
        record.enablesOnApproval = pending->enables;
        record.approvalRequestedBy = pending->requestedBy;
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return record;
}

Result<std::optional<WatcherRecord>> WatcherRepository::get(qint64 id) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM watchers WHERE id = ?"));
    query->addBindValue(id);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return readOne(*query, m_specs);
}

Result<std::optional<WatcherRecord>>
WatcherRepository::findByWebhookToken(const QString &token) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM watchers WHERE webhook_token = ?"));
    query->addBindValue(token);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return readOne(*query, m_specs);
}

Result<std::optional<WatcherRecord>> WatcherRepository::findByName(const QString &name) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM watchers WHERE name = ?"));
    query->addBindValue(name);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return readOne(*query, m_specs);
}

Result<QList<WatcherRecord>> WatcherRepository::enabledFolderWatchers() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT ") + Columns +
                    QStringLiteral(" FROM watchers WHERE enabled = 1 AND "
                                   "json_extract(spec, '$.trigger.path') IS NOT NULL ORDER BY id")))
        return fail(describeSqlError(query));
    return readAll(query, m_specs, KeepSpecs::No);
}

Result<QList<WatcherRecord>> WatcherRepository::list() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT ") + Columns +
                    QStringLiteral(" FROM watchers ORDER BY id")))
        return fail(describeSqlError(query));
    return readAll(query, m_specs, KeepSpecs::No);
}

Result<void, StoreError> WatcherRepository::checkTrigger(qint64 id,
                                                         const scheduler::WatcherSpec &spec) const
{
    QSqlDatabase db = m_database.connection();
    auto upstream = upstreamOf(db, id, spec);
    if (!upstream)
        return fail(upstream.error());
    return {};
}

Result<QList<WatcherRecord>> WatcherRepository::followers(qint64 upstreamId, Followers which) const
{
    PreparedQuery query(
        m_database.connection(),
        QStringLiteral("SELECT ") + Columns +
            QStringLiteral(" FROM watchers WHERE after_watcher_id = ? ") +
            (which == Followers::Enabled ? QStringLiteral("AND enabled = 1 ") : QString()) +
            QStringLiteral("ORDER BY id"));
    query->addBindValue(upstreamId);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return readAll(*query, m_specs, KeepSpecs::Yes);
}

Result<QList<WatcherRecord>> WatcherRepository::page(std::optional<qint64> afterId, int limit,
                                                     bool *more) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM watchers WHERE id > ? ORDER BY id LIMIT ?"));
    query->addBindValue(afterId.value_or(0));
    query->addBindValue(limit + 1); // one more says whether there is more
    if (!query->exec())
        return fail(describeSqlError(*query));
    auto watchers = readAll(*query, m_specs, KeepSpecs::No);
    if (!watchers)
        return watchers;
    *more = watchers->size() > limit;
    if (*more)
        watchers->removeLast();
    return watchers;
}

Result<WatcherRecord, StoreError>
WatcherRepository::update(qint64 id, const scheduler::WatcherSpec &spec, bool reschedule,
                          std::optional<qint64> nextRunAt, bool clearPause, const Actor &actor,
                          const std::optional<PendingApproval> &pending) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto taken = nameTaken(db, spec.name, id);
    if (!taken)
        return fail(StoreError::storage(taken.error()));
    if (taken.value())
        return fail(StoreError::conflict(nameTakenMessage(spec.name)));
    auto oldName = storedName(db, id);
    if (!oldName)
        return fail(StoreError::storage(oldName.error()));
    if (!oldName.value())
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(id)));
    if (pending) {
        // Before the spec is replaced: the version approved last is kept
        // (a change to a change awaiting approval keeps the first's).
        PreparedQuery request(
            db,
            QStringLiteral("UPDATE watchers SET approved_spec = CASE WHEN approval = 'approved' "
                           "THEN spec ELSE approved_spec END, approval = 'pending', "
                           "enable_on_approval = ?, approval_requested_by = CASE WHEN ? = '' "
                           "THEN approval_requested_by ELSE ? END WHERE id = ?"));
        request->addBindValue(pending->enables ? 1 : 0);
        request->addBindValue(notNull(pending->requestedBy));
        request->addBindValue(notNull(pending->requestedBy));
        request->addBindValue(id);
        if (!request->exec())
            return fail(StoreError::storage(describeSqlError(*request)));
    }
    if (auto written = writeSpec(db, id, spec, reschedule, nextRunAt,
                                 clearPause ? std::optional<bool>(false) : std::nullopt, actor);
        !written)
        return fail(written.error());
    if (auto linked = writeLinks(db, id, spec); !linked)
        return fail(linked.error());
    if (*oldName.value() != spec.name) {
        if (auto renamed = renameInFollowers(db, id, *oldName.value(), spec.name); !renamed)
            return fail(renamed.error());
    }
    auto record = selectOne(db, id);
    if (!record)
        return fail(record.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return record.value();
}

Result<QList<WatcherRecord>, StoreError> WatcherRepository::pauseEnabled(const Actor &actor) const
{
    return setEnabledWhere(QStringLiteral("enabled = 1"), false, {}, actor);
}

Result<QList<WatcherRecord>, StoreError> WatcherRepository::resumePaused(const FirstFire &firstFire,
                                                                         const Actor &actor) const
{
    // A watcher awaiting approval stays disabled: approving it decides.
    return setEnabledWhere(QStringLiteral("paused = 1 AND approval = 'approved'"), true, firstFire,
                           actor);
}

Result<QList<WatcherRecord>, StoreError>
WatcherRepository::setEnabledWhere(const QString &condition, bool enabled,
                                   const FirstFire &firstFire, const Actor &actor) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    QSqlQuery select(db);
    if (!select.exec(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM watchers WHERE ") +
                     condition + QStringLiteral(" ORDER BY id")))
        return fail(StoreError::storage(describeSqlError(select)));
    auto matching = readAll(select, m_specs, KeepSpecs::No);
    if (!matching)
        return fail(StoreError::storage(matching.error()));
    QList<WatcherRecord> changed;
    for (const WatcherRecord &watcher : std::as_const(matching.value())) {
        scheduler::WatcherSpec spec = watcher.spec;
        spec.enabled = enabled;
        const std::optional<qint64> next = enabled ? firstFire(spec) : std::nullopt;
        if (auto written = writeSpec(db, watcher.id, spec, true, next, !enabled, actor); !written)
            return fail(written.error());
        auto record = selectOne(db, watcher.id);
        if (!record)
            return fail(record.error());
        changed.append(std::move(record).value());
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return changed;
}

Result<void, StoreError>
WatcherRepository::writeSpec(QSqlDatabase &db, qint64 id, const scheduler::WatcherSpec &spec,
                             bool reschedule, std::optional<qint64> nextRunAt,
                             std::optional<bool> paused, const Actor &actor) const
{
    PreparedQuery update(
        db,
        QStringLiteral(
            "UPDATE watchers SET name = ?, kind = ?, spec = ?, enabled = ?, updated_at = ?, "
            "updated_by = ?, next_run_at = CASE WHEN ? THEN ? ELSE next_run_at END, "
            "paused = coalesce(?, paused) WHERE id = ?"));
    update->addBindValue(spec.name);
    update->addBindValue(scheduler::watcherKindName(spec.kind()));
    update->addBindValue(specText(spec));
    update->addBindValue(spec.enabled ? 1 : 0);
    update->addBindValue(nowUtc());
    update->addBindValue(actor.toString());
    // A disabled watcher has nothing scheduled, whatever the caller asked.
    update->addBindValue(reschedule || !spec.enabled ? 1 : 0);
    update->addBindValue(nullableInt(spec.enabled ? nextRunAt : std::nullopt));
    update->addBindValue(paused ? QVariant(*paused ? 1 : 0) : QVariant());
    update->addBindValue(id);
    if (!update->exec())
        return fail(StoreError::storage(describeSqlError(*update)));
    if (update->numRowsAffected() == 0)
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(id)));
    return {};
}

Result<WatcherRecord, StoreError> WatcherRepository::selectOne(QSqlDatabase &db, qint64 id) const
{
    PreparedQuery select(
        db, QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM watchers WHERE id = ?"));
    select->addBindValue(id);
    if (!select->exec())
        return fail(StoreError::storage(describeSqlError(*select)));
    auto record = readOne(*select, m_specs);
    if (!record || !record.value())
        return fail(
            StoreError::storage(record ? QStringLiteral("watcher vanished") : record.error()));
    return *record.value();
}

Result<QList<qint64>, StoreError> WatcherRepository::remove(qint64 id) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto stopped = removeIn(db, id);
    if (!stopped)
        return stopped;
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return stopped;
}

Result<QList<qint64>, StoreError> WatcherRepository::removeIn(QSqlDatabase &db, qint64 id) const
{
    PreparedQuery followers(db,
                            QStringLiteral("SELECT name FROM watchers WHERE after_watcher_id = ? "
                                           "ORDER BY name"));
    followers->addBindValue(id);
    if (!followers->exec())
        return fail(StoreError::storage(describeSqlError(*followers)));
    QStringList following;
    while (followers->next())
        following.append(QStringLiteral("\"%1\"").arg(followers->value(0).toString()));
    if (!following.isEmpty())
        return fail(StoreError::conflict(
            QStringLiteral("%1 %2 after this watcher: give %3 another trigger or delete %3 first")
                .arg(following.join(QStringLiteral(", ")),
                     following.size() == 1 ? QStringLiteral("starts") : QStringLiteral("start"),
                     following.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"))));
    PreparedQuery running(
        db, QStringLiteral("SELECT id FROM runs WHERE watcher_id = ? AND status = 'running'"));
    running->addBindValue(id);
    if (!running->exec())
        return fail(StoreError::storage(describeSqlError(*running)));
    QList<qint64> stopped;
    while (running->next())
        stopped.append(running->value(0).toLongLong());
    // Logs go with their runs (ON DELETE CASCADE); notifications refer to
    // watchers by text and go explicitly.
    auto execute = [&db](const QString &statement, const QVariant &value) -> Result<int> {
        PreparedQuery query(db, statement);
        query->addBindValue(value);
        if (!query->exec())
            return fail(describeSqlError(*query));
        return query->numRowsAffected();
    };
    auto notifications = execute(QStringLiteral("DELETE FROM notifications WHERE watcher_id = ?"),
                                 QString::number(id));
    if (!notifications)
        return fail(StoreError::storage(notifications.error()));
    auto runs = execute(QStringLiteral("DELETE FROM runs WHERE watcher_id = ?"), id);
    if (!runs)
        return fail(StoreError::storage(runs.error()));
    auto watchers = execute(QStringLiteral("DELETE FROM watchers WHERE id = ?"), id);
    if (!watchers)
        return fail(StoreError::storage(watchers.error()));
    if (watchers.value() == 0)
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(id)));
    return stopped;
}

Result<WatcherRecord, StoreError>
WatcherRepository::selectPending(QSqlDatabase &db, qint64 id,
                                 const std::optional<QString> &revision) const
{
    PreparedQuery select(
        db, QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM watchers WHERE id = ?"));
    select->addBindValue(id);
    if (!select->exec())
        return fail(StoreError::storage(describeSqlError(*select)));
    auto record = readOne(*select, m_specs);
    if (!record)
        return fail(StoreError::storage(record.error()));
    if (!record.value())
        return fail(StoreError::notFound(QStringLiteral("no watcher %1").arg(id)));
    const WatcherRecord &watcher = *record.value();
    if (watcher.approval != Approval::Pending)
        return fail(StoreError::conflict(
            QStringLiteral("\"%1\" does not await approval").arg(watcher.spec.name)));
    if (revision && *revision != watcher.revision())
        return fail(StoreError::conflict(
            QStringLiteral("\"%1\" changed since revision %2 (it is at %3 now): review it again")
                .arg(watcher.spec.name, *revision, watcher.revision())));
    return *record.value();
}

Result<void, StoreError> WatcherRepository::markApproved(QSqlDatabase &db, qint64 id,
                                                         const Actor &actor) const
{
    PreparedQuery mark(db,
                       QStringLiteral("UPDATE watchers SET approval = 'approved', approved_spec = "
                                      "NULL, enable_on_approval = 0, approval_requested_by = '', "
                                      "approved_by = ? WHERE id = ?"));
    mark->addBindValue(actor.toString());
    mark->addBindValue(id);
    if (!mark->exec())
        return fail(StoreError::storage(describeSqlError(*mark)));
    return {};
}

Result<WatcherRecord, StoreError> WatcherRepository::approve(qint64 id,
                                                             const std::optional<QString> &revision,
                                                             const FirstFire &firstFire,
                                                             const Actor &actor) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto pending = selectPending(db, id, revision);
    if (!pending)
        return fail(pending.error());
    // The change itself is its requester's: who approved it is kept apart
    // (updated_by stays).
    scheduler::WatcherSpec spec = pending->spec;
    spec.enabled = pending->enablesOnApproval && !pending->paused;
    PreparedQuery enable(
        db,
        QStringLiteral("UPDATE watchers SET spec = ?, enabled = ?, next_run_at = ?, updated_at = "
                       "? WHERE id = ?"));
    enable->addBindValue(specText(spec));
    enable->addBindValue(spec.enabled ? 1 : 0);
    enable->addBindValue(nullableInt(spec.enabled ? firstFire(spec) : std::nullopt));
    enable->addBindValue(nowUtc());
    enable->addBindValue(id);
    if (!enable->exec())
        return fail(StoreError::storage(describeSqlError(*enable)));
    if (auto marked = markApproved(db, id, actor); !marked)
        return fail(marked.error());
    auto record = selectOne(db, id);
    if (!record)
        return fail(record.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return record.value();
}

Result<Rejection, StoreError> WatcherRepository::reject(qint64 id,
                                                        const std::optional<QString> &revision,
                                                        const FirstFire &firstFire,
                                                        const Actor &actor) const
{
    QSqlDatabase db = m_database.connection();
    WriteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(StoreError::storage(begun.error()));
    auto pending = selectPending(db, id, revision);
    if (!pending)
        return fail(pending.error());
    Rejection rejection;
    if (!pending->approvedSpec) {
        auto stopped = removeIn(db, id);
        if (!stopped)
            return fail(stopped.error());
        rejection.stoppedRuns = std::move(stopped).value();
    } else {
        const scheduler::WatcherSpec &approved = *pending->approvedSpec;
        const auto cannotRestore = [&approved](const QString &why) {
            return StoreError::conflict(
                QStringLiteral("the approved version (\"%1\") cannot be restored: %2")
                    .arg(approved.name, why));
        };
        auto taken = nameTaken(db, approved.name, id);
        if (!taken)
            return fail(StoreError::storage(taken.error()));
        if (taken.value())
            return fail(cannotRestore(nameTakenMessage(approved.name)));
        if (auto written = writeSpec(db, id, approved, true,
                                     approved.enabled ? firstFire(approved) : std::nullopt,
                                     std::nullopt, actor);
            !written)
            return fail(written.error());
        if (auto linked = writeLinks(db, id, approved); !linked) {
            if (linked.error().code != StoreError::Invalid)
                return fail(linked.error());
            return fail(cannotRestore(linked.error().field + QStringLiteral(": ") +
                                      linked.error().message));
        }
        if (pending->spec.name != approved.name) {
            if (auto renamed = renameInFollowers(db, id, pending->spec.name, approved.name);
                !renamed)
                return fail(renamed.error());
        }
        if (auto marked = markApproved(db, id, actor); !marked)
            return fail(marked.error());
        auto record = selectOne(db, id);
        if (!record)
            return fail(record.error());
        rejection.restored = std::move(record).value();
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(StoreError::storage(committed.error()));
    return rejection;
}

Result<QList<WatcherRecord>> WatcherRepository::due(qint64 nowMs, int limit) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT ") + Columns +
                            QStringLiteral(" FROM watchers WHERE enabled = 1 AND next_run_at <= ? "
                                           "ORDER BY next_run_at, id LIMIT ?"));
    query->addBindValue(nowMs);
    query->addBindValue(limit);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return readAll(*query, m_specs, KeepSpecs::Yes);
}

Result<std::optional<qint64>> WatcherRepository::earliestDue() const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("SELECT min(next_run_at) FROM watchers WHERE enabled = 1"));
    if (!query->exec() || !query->next())
        return fail(describeSqlError(*query));
    return optionalInt(query->value(0));
}

Result<int> WatcherRepository::countEnabled() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM watchers WHERE enabled = 1")) ||
        !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toInt();
}

Result<int> WatcherRepository::countAwaitingApproval() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM watchers WHERE approval = 'pending'")) ||
        !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toInt();
}

Result<int> WatcherRepository::countPaused() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM watchers WHERE paused = 1")) ||
        !query.next())
        return fail(describeSqlError(query));
    return query.value(0).toInt();
}

Result<void> WatcherRepository::moveNextRunAt(qint64 id, qint64 expected, qint64 nextRunAt) const
{
    PreparedQuery query(m_database.connection(),
                        QStringLiteral("UPDATE watchers SET next_run_at = ? WHERE id = ? AND "
                                       "next_run_at = ? AND enabled = 1"));
    query->addBindValue(nextRunAt);
    query->addBindValue(id);
    query->addBindValue(expected);
    if (!query->exec())
        return fail(describeSqlError(*query));
    return {};
}

} // namespace hearth
