#include "SnapshotHandlers.h"

#include "http/Router.h"
#include "model/Schedule.h"
#include "services/SnapshotService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::http {

namespace {

QJsonObject toJson(const SnapshotRecord &snapshot)
{
    return { { QStringLiteral("id"), QString::number(snapshot.id) },
             { QStringLiteral("watcher_id"), QString::number(snapshot.watcherId) },
             { QStringLiteral("run_id"),
               snapshot.runId ? QJsonValue(QString::number(*snapshot.runId)) : QJsonValue() },
             { QStringLiteral("created_at"), scheduler::rfc3339FromMs(snapshot.createdAt) },
             { QStringLiteral("size"), snapshot.size },
             { QStringLiteral("sha256"), QString::fromLatin1(snapshot.hash.toHex()) } };
}

QJsonArray textArray(const QList<QByteArray> &pieces)
{
    QJsonArray array;
    for (const QByteArray &piece : pieces)
        array.append(QString::fromUtf8(piece));
    return array;
}

HandlerResult listSnapshots(const services::SnapshotService &snapshots, const ApiRequest &request)
{
    auto watcher = resourceId(request, QStringLiteral("watcher"), 0);
    if (!watcher)
        return fail(watcher.error());
    auto limit = pageLimit(request);
    if (!limit)
        return fail(limit.error());
    auto cursor =
        optionalIdParameter(request, QStringLiteral("cursor"), QStringLiteral("snapshot"));
    if (!cursor)
        return fail(cursor.error());
    auto page = snapshots.list(watcher.value(), cursor.value(), limit.value());
    if (!page)
        return fail(ApiError::from(page.error()));
    QJsonArray items;
    for (const SnapshotRecord &snapshot : std::as_const(page->items))
        items.append(toJson(snapshot));
    return ApiResponse::json(
        { { QStringLiteral("items"), items },
          { QStringLiteral("next"),
            page->more ? QJsonValue(QString::number(page->items.last().id)) : QJsonValue() } });
}

HandlerResult getSnapshot(const services::SnapshotService &snapshots, const ApiRequest &request)
{
    auto watcher = resourceId(request, QStringLiteral("watcher"), 0);
    if (!watcher)
        return fail(watcher.error());
    auto id = resourceId(request, QStringLiteral("snapshot"), 1);
    if (!id)
        return fail(id.error());
    auto snapshot = snapshots.get(watcher.value(), id.value());
    if (!snapshot)
        return fail(ApiError::from(snapshot.error()));
    QJsonObject json = toJson(snapshot->record);
    json.insert(QStringLiteral("text"), QString::fromUtf8(snapshot->text));
    return ApiResponse::json(json);
}

HandlerResult diffSnapshots(const services::SnapshotService &snapshots, const ApiRequest &request)
{
    auto watcher = resourceId(request, QStringLiteral("watcher"), 0);
    if (!watcher)
        return fail(watcher.error());
    auto from = resourceId(request, QStringLiteral("snapshot"), 1);
    if (!from)
        return fail(from.error());
    auto to = resourceId(request, QStringLiteral("snapshot"), 2);
    if (!to)
        return fail(to.error());
    const QString by = request.query.value(QStringLiteral("by"), QStringLiteral("lines"));
    if (by != u"lines" && by != u"words")
        return fail(ApiError::invalidRequest(QStringLiteral("by"),
                                             QStringLiteral("must be lines or words")));
    auto compared = snapshots.compare(watcher.value(), from.value(), to.value(),
                                      by == u"words" ? DiffUnit::Words : DiffUnit::Lines);
    if (!compared)
        return fail(ApiError::from(compared.error()));
    const TextDiff &diff = compared->diff;
    return ApiResponse::json({ { QStringLiteral("from"), toJson(compared->from) },
                               { QStringLiteral("to"), toJson(compared->to) },
                               { QStringLiteral("by"), by },
                               { QStringLiteral("changed"), diff.changed },
                               { QStringLiteral("added"), textArray(diff.added) },
                               { QStringLiteral("removed"), textArray(diff.removed) },
                               { QStringLiteral("unified"), QString::fromUtf8(diff.unified) } });
}

} // namespace

void registerSnapshotRoutes(Router &router, const services::SnapshotService &snapshots)
{
    const services::SnapshotService *service = &snapshots;
    router
        .add("GET", QStringLiteral("/api/v1/watchers/([^/]+)/snapshots"),
             [service](const ApiRequest &request) { return listSnapshots(*service, request); })
        .withQuery({ "limit", "cursor" });
    router.add("GET", QStringLiteral("/api/v1/watchers/([^/]+)/snapshots/([^/]+)"),
               [service](const ApiRequest &request) { return getSnapshot(*service, request); });
    router
        .add("GET", QStringLiteral("/api/v1/watchers/([^/]+)/snapshots/([^/]+)/diff/([^/]+)"),
             [service](const ApiRequest &request) { return diffSnapshots(*service, request); })
        .withQuery({ "by" });
}

} // namespace hearth::http
