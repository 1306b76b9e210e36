#pragma once

#include <QtGlobal>

namespace hearth::secrets {
class SecretStore;
}

namespace hearth::http {

class Router;

// GET /api/v1/secrets, PUT|DELETE /api/v1/secrets/{name},
// POST /api/v1/secrets/{name}/reveal, POST /api/v1/secrets/rotate-key,
// POST /api/v1/secrets/reset.
void registerSecretRoutes(Router &router, secrets::SecretStore &store, qint64 maxValueBytes);

} // namespace hearth::http
