#pragma once

namespace hearth::services {
class RunService;
class WatcherService;
} // namespace hearth::services

namespace hearth::http {

class Router;

struct WatcherRouteContext
{
    const services::WatcherService &watchers;
    const services::RunService &runs;
};

// /api/v1/watchers…: create, read, update, delete, run, pause and resume
// watchers.
void registerWatcherRoutes(Router &router, const WatcherRouteContext &context);
// /api/v1/runs…: list and inspect runs and their logs, cancel, retry.
void registerRunRoutes(Router &router, const WatcherRouteContext &context);

} // namespace hearth::http
