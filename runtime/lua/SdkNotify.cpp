// The SDK's notify function. hearthd checks the fields and the per-run cap.
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

// A string field as text; null where it is not a string, so that hearthd
// names the field in its refusal.
QCborValue stringField(lua_State *L, int table, const char *field, const char *whenNil)
{
    lua_getfield(L, table, field);
    QCborValue value;
    if (lua_type(L, -1) == LUA_TSTRING)
        value = QString::fromUtf8(lua_tostring(L, -1));
    else if (lua_isnil(L, -1) && whenNil)
        value = QString::fromUtf8(whenNil);
    lua_pop(L, 1);
    return value;
}

// notify{title=…, body=…, level=…}
int notify(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const QCborArray args { stringField(L, 1, "title", nullptr), stringField(L, 1, "body", ""),
                            stringField(L, 1, "level", "info") };
    callHearthd(L, SdkFunction::Notify, args,
                QStringLiteral("notify: notifications are not available here"));
    return 0;
}

} // namespace

void openSdk_notify(lua_State *L, const SdkEnvironment &environment)
{
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, notify, 1);
    lua_setglobal(L, "notify");
}

} // namespace hearth::lua
