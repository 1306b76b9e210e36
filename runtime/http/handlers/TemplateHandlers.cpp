#include "TemplateHandlers.h"

#include "ScriptHandlers.h"
#include "http/Router.h"
#include "model/WatcherTemplates.h"
#include "sandbox/SandboxPool.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace hearth::http {

namespace {

QJsonObject listed()
{
    QJsonArray items;
    for (const scheduler::WatcherTemplate &recipe : scheduler::watcherTemplates()) {
        items.append(
            QJsonObject { { QStringLiteral("name"), QLatin1String(recipe.name) },
                          { QStringLiteral("title"), QString::fromUtf8(recipe.title) },
                          { QStringLiteral("description"), QString::fromUtf8(recipe.description) },
                          { QStringLiteral("params"), scheduler::paramsSchema(recipe) } });
    }
    return { { QStringLiteral("items"), items } };
}

bool isTemplate(const QString &name)
{
    const auto &recipes = scheduler::watcherTemplates();
    return std::any_of(recipes.begin(), recipes.end(),
                       [&name](const auto &recipe) { return name == QLatin1String(recipe.name); });
}

// Runs the script the template makes, once, as a preview: as if the page
// had been empty before (so a page change shows what it would say about
// everything on it now, a feed lists every item as new), and without
// sending anything (its notifications come back as drafts).
HandlerResult preview(sandbox::SandboxPool &sandboxes, lua::Limits limits,
                      const ApiRequest &request)
{
    const QString name = request.pathParams.value(0);
    if (!isTemplate(name))
        return fail(ApiError::notFound(QStringLiteral("no template is named \"%1\"").arg(name)));
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "params" }); !known)
        return fail(known.error());
    const QJsonValue params = body->value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isObject())
        return fail(ApiError::invalidRequest(QStringLiteral("params"),
                                             QStringLiteral("must be an object")));
    auto expanded = scheduler::expandTemplate(name, params.toObject());
    if (!expanded)
        return fail(ApiError::invalidRequest(expanded.error().field, expanded.error().message));
    const QJsonObject watcher = expanded.value();

    lua::ScriptContext context;
    context.watcherName = watcher.value(QStringLiteral("name")).toString();
    context.lastSnapshot = QByteArray();
    context.preview = true;
    const lua::ExecutionResult result =
        sandboxes.run(watcher.value(QStringLiteral("script")).toString().toUtf8(), context, limits);

    const QJsonObject extra {
        { QStringLiteral("watcher"), watcher },
        { QStringLiteral("snapshot"),
          result.snapshot ? QJsonValue(QString::fromUtf8(*result.snapshot)) : QJsonValue() },
        { QStringLiteral("notifications"), draftNotificationsJson(result.draftNotifications) },
    };
    return ApiResponse { 200, scriptRunAnswer(result, extra), "application/json", {}, {} };
}

} // namespace

void registerTemplateRoutes(Router &router, sandbox::SandboxPool &sandboxes, lua::Limits defaults)
{
    router.add("GET", QStringLiteral("/api/v1/templates"),
               [](const ApiRequest &) -> HandlerResult { return ApiResponse::json(listed()); });
    router.add("POST", QStringLiteral("/api/v1/templates/([^/]+)/preview"),
               [&sandboxes, defaults](const ApiRequest &request) {
                   return preview(sandboxes, defaults, request);
               });
}

} // namespace hearth::http
