#pragma once

#include "model/ScriptTypes.h"

namespace hearth::sandbox {
class SandboxPool;
}

namespace hearth::http {

class Router;

// POST /api/v1/scripts/run: runs a script once, synchronously, with the same
// sandbox and limits as watchers, without creating a run.
void registerScriptRoutes(Router &router, sandbox::SandboxPool &sandboxes, lua::Limits defaults,
                          lua::Limits ceilings);

} // namespace hearth::http
