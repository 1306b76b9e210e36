#pragma once

#include "lua/Sandbox.h"

namespace hearth::lua {
class ScriptRunner;
}

namespace hearth::http {

class Router;

// POST /api/v1/scripts/run: runs a script once, synchronously, with the same
// sandbox and limits as watchers, without creating a run.
void registerScriptRoutes(Router &router, lua::ScriptRunner &runner, lua::Limits defaults,
                          lua::Limits ceilings);

} // namespace hearth::http
