// The SDK's ctx table: what the script is run for.
#include "LuaJson.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

void openSdk_ctx(lua_State *L, const SdkEnvironment &environment)
{
    const ScriptContext &context = environment.context;
    lua_newtable(L);
    lua_pushstring(L, sdk::Version);
    lua_setfield(L, -2, "sdk_version");

    lua_newtable(L);
    setTextField(L, "id", context.runId);
    lua_pushinteger(L, context.attempt);
    lua_setfield(L, -2, "attempt");
    setTextField(L, "trigger", context.trigger);
    setTextField(L, "scheduled_for", context.scheduledFor);
    lua_setfield(L, -2, "run");

    lua_newtable(L);
    setTextField(L, "id", context.watcherId);
    setTextField(L, "name", context.watcherName);
    lua_setfield(L, -2, "watcher");

    QString error;
    if (decodeJson(L, context.eventJson.isEmpty() ? QByteArray("{}") : context.eventJson, error))
        lua_setfield(L, -2, "event");
    if (!context.lastResultJson.isEmpty() && decodeJson(L, context.lastResultJson, error))
        lua_setfield(L, -2, "last");
    if (context.lastSnapshot) {
        lua_pushlstring(L, context.lastSnapshot->constData(), size_t(context.lastSnapshot->size()));
        lua_setfield(L, -2, "last_snapshot");
    }
    lua_setglobal(L, "ctx");
}

} // namespace hearth::lua
