#pragma once

namespace hearth::services {
class KvService;
}

namespace hearth::http {

class Router;

// GET /api/v1/kv, GET|PUT|DELETE /api/v1/kv/{key} on the global namespace.
void registerKvRoutes(Router &router, const services::KvService &kv);

} // namespace hearth::http
