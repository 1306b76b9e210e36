// The SDK's ctx table: what the script is run for.
#include "LuaJson.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

void setStringField(lua_State *L, const char *name, const QString &value)
{
    if (value.isEmpty())
        return;
    const QByteArray utf8 = value.toUtf8();
    lua_pushlstring(L, utf8.constData(), size_t(utf8.size()));
    lua_setfield(L, -2, name);
}

} // namespace

void openSdk_ctx(lua_State *L, const SdkEnvironment &environment)
{
    const ScriptContext &context = environment.context;
    lua_newtable(L);
    lua_pushstring(L, sdk::Version);
    lua_setfield(L, -2, "sdk_version");

    lua_newtable(L);
    setStringField(L, "id", context.runId);
    lua_pushinteger(L, context.attempt);
    lua_setfield(L, -2, "attempt");
    setStringField(L, "trigger", context.trigger);
    setStringField(L, "scheduled_for", context.scheduledFor);
    lua_setfield(L, -2, "run");

    lua_newtable(L);
    setStringField(L, "id", context.watcherId);
    setStringField(L, "name", context.watcherName);
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
