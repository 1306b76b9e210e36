#pragma once

#include "model/ScriptTypes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hearth::sandbox {
class SandboxPool;
}

namespace hearth::http {

class Router;

// POST /api/v1/scripts/run: runs a script once, synchronously, with the same
// sandbox and limits as watchers, without creating a run.
// A script run's answer (status, error, logs, resource use and the result
// verbatim), with `extra`'s fields beside them.
// A preview's notifications as the API answers them.
QJsonArray draftNotificationsJson(const QList<lua::DraftNotification> &drafts);

QByteArray scriptRunAnswer(const lua::ExecutionResult &result, const QJsonObject &extra = {});

void registerScriptRoutes(Router &router, sandbox::SandboxPool &sandboxes, lua::Limits defaults,
                          lua::Limits ceilings);

} // namespace hearth::http
