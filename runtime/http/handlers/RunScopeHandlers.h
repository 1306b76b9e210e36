#pragma once

namespace hearth::services {
class KvService;
class RunScopeService;
} // namespace hearth::services

namespace hearth::http {

class Router;

struct RunScopeRouteContext
{
    const services::RunScopeService &scopes;
    const services::KvService &kv;
};

// /api/v1/run-scope…: what an agent run's own MCP server (`hearth mcp --run
// ID`) may do, with the run token its worker was handed at the claim
// (Authorization: Bearer): GET the scope itself, the run's watcher's KV
// (GET, GET|PUT|DELETE kv/{key}), POST notify (under the watcher's cooldown
// and daily budget: 429 when held back) and POST log (into the run's log).
// A token whose run has ended opens nothing (401).
void registerRunScopeRoutes(Router &router, const RunScopeRouteContext &context);

} // namespace hearth::http
