#pragma once

#include <QJsonArray>

namespace hearth {
class RunRepository;
class WorkerRepository;
namespace agents {
class WorkerDispatch;
}
namespace events {
class EventBus;
}
namespace scheduler {
class Scheduler;
}
namespace services {
class RunService;
}
} // namespace hearth

namespace hearth::http {

class Router;

struct WorkerRouteContext
{
    WorkerRepository &workers;
    RunRepository &runs;
    // Cancelling the runs of a removed worker.
    const services::RunService &runService;
    scheduler::Scheduler &scheduler;
    agents::WorkerDispatch &dispatch;
    events::EventBus &events;
    // How long a claim (and each heartbeat) holds a run.
    qint64 leaseMs = 60'000;
};

// /api/v1/workers…: device workers register, long-poll for agent runs,
// heartbeat and complete them. Everything after registration needs the
// worker's bearer token, which binds the call to that worker.
void registerWorkerRoutes(Router &router, const WorkerRouteContext &context);
// For /api/v1/status: each worker's id, name, agent kinds, last_seen_at and
// whether it is online (polling now, or seen within the last 45 s).
QJsonArray workersStatus(const WorkerRouteContext &context);

} // namespace hearth::http
