#pragma once

#include "http/ApiTypes.h"
#include "model/ScriptTypes.h"

#include <QJsonArray>

namespace hearth {
namespace agents {
class WorkerDispatch;
}
namespace services {
class WorkerService;
}
} // namespace hearth

namespace hearth::http {

class Router;

struct WorkerRouteContext
{
    const services::WorkerService &workers;
    // Where polls wait for runs.
    agents::WorkerDispatch &dispatch;
};

// /api/v1/workers…: device workers register, long-poll for agent runs,
// heartbeat and complete them. Everything after registration needs the
// worker's bearer token, which binds the call to that worker.
void registerWorkerRoutes(Router &router, const WorkerRouteContext &context);
// The log lines an agent sends (heartbeats, its run's MCP server): a list of
// {"level": debug|info|warn|error, "message": text}, at most 1,000, each
// message cut at 8 KiB; none for null or absent. Errors name "logs".
Result<QList<lua::LogLine>, ApiError> agentLogLines(const QJsonValue &value);
// For /api/v1/status: each worker's id, name, agent kinds, last_seen_at and
// whether it is online (polling now, or seen within the last 45 s).
QJsonArray workersStatus(const WorkerRouteContext &context);

} // namespace hearth::http
