#pragma once

#include "http/ApiTypes.h"

#include <functional>

namespace hearth::services {
class KvService;
}

namespace hearth::http {

class Router;

// The KV namespace a request acts on, or why it may act on none.
using KvNamespaceOf = std::function<Result<QString, ApiError>(const ApiRequest &request)>;

// GET base, GET|PUT|DELETE base/{key} on the namespace `namespaceOf` names:
// /api/v1/kv on the global one, /api/v1/run-scope/kv on a run's watcher's.
void registerKvRoutes(Router &router, const services::KvService &kv, const QString &base,
                      KvNamespaceOf namespaceOf);

} // namespace hearth::http
