#pragma once

struct lua_State;

namespace hearth::lua {

class SdkChannel;

// The SDK modules that act outside the script: kv (and kv.global), secrets,
// notify and http. Each call is a request to hearthd over `channel`, which
// checks and performs it; without a channel every call raises
// "… is not available here".
void openSdkModules(lua_State *L, SdkChannel *channel);

} // namespace hearth::lua
