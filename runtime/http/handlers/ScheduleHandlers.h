#pragma once

namespace hearth::http {

class Router;

// POST /api/v1/schedules/preview: the next fire instants of a schedule (for
// the editor's preview and `hearth schedule next`), or where it is wrong.
void registerScheduleRoutes(Router &router);

} // namespace hearth::http
