#pragma once

#include "model/ScriptTypes.h"

namespace hearth::sandbox {
class SandboxPool;
}

namespace hearth::http {

class Router;

// /api/v1/templates: the watcher templates with their parameters' schemas,
// and a preview of what one would find and say now.
void registerTemplateRoutes(Router &router, sandbox::SandboxPool &sandboxes, lua::Limits defaults);

} // namespace hearth::http
