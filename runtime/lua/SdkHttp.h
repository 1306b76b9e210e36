#pragma once

#include <chrono>

struct lua_State;

namespace hearth::lua {

// The SDK's http module (http.request, http.get, http.post) on Qt Network.
// Calls block the script (it runs on a pool thread of its own) for at most
// min(timeout_s, the time left before the run's deadline).
void openHttp(lua_State *L, const std::chrono::steady_clock::time_point *deadline);

} // namespace hearth::lua
