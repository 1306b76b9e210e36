#pragma once

#include "scheduler/WatcherSpec.h"

namespace hearth {
class RunRepository;
class WatcherRepository;
class WorkerRepository;
namespace events {
class EventBus;
}
namespace scheduler {
class Scheduler;
}
} // namespace hearth

namespace hearth::http {

class Router;

struct WatcherRouteContext
{
    WatcherRepository &watchers;
    RunRepository &runs;
    // Agent watchers are pinned to one of these.
    const WorkerRepository &workers;
    scheduler::Scheduler &scheduler;
    events::EventBus &events;
    lua::Limits ceilings;
    // Compiles scripts of new and changed watchers in a sandbox host.
    scheduler::SyntaxChecker checkSyntax;
};

// /api/v1/watchers…: create, read, update, delete and run watchers.
void registerWatcherRoutes(Router &router, const WatcherRouteContext &context);
// /api/v1/runs…: list and inspect runs and their logs, cancel, retry.
void registerRunRoutes(Router &router, const WatcherRouteContext &context);

} // namespace hearth::http
