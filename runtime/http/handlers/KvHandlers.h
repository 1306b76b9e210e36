#pragma once

namespace hearth {
class KvRepository;
}

namespace hearth::http {

class Router;

// GET /api/v1/kv, GET|PUT|DELETE /api/v1/kv/{key} on the global namespace.
void registerKvRoutes(Router &router, const KvRepository &kv);

} // namespace hearth::http
