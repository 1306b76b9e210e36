#include "SdkTestFunctions.h"

#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS

#include "SdkChannel.h"
#include "platform/SandboxLockdown.h"

#include <csignal>
#include <cstdlib>
#include <cstring>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

SdkChannel *channelOf(lua_State *L)
{
    return static_cast<SdkChannel *>(lua_touserdata(L, lua_upvalueindex(1)));
}

int crash(lua_State *L)
{
    const char *how = luaL_checkstring(L, 1);
    const int signal = std::strcmp(how, "abort") == 0 ? SIGABRT : SIGSEGV;
    // The default action, whatever a sanitizer installed: the process dies
    // of the signal, as it would of a real fault.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return luaL_error(L, "hearth_test.crash: still alive after %s", how);
}

int probe(lua_State *L)
{
    lua_newtable(L);
    for (const auto &[name, outcome] : platform::probeSandboxRestrictions()) {
        lua_pushstring(L, outcome.toUtf8().constData());
        lua_setfield(L, -2, name.toUtf8().constData());
    }
    return 1;
}

int runToken(lua_State *L)
{
    lua_pushinteger(L, lua_Integer(channelOf(L)->run()));
    return 1;
}

QCborValue toCbor(lua_State *L, int index)
{
    switch (lua_type(L, index)) {
    case LUA_TSTRING:
        return QString::fromUtf8(lua_tostring(L, index));
    case LUA_TBOOLEAN:
        return bool(lua_toboolean(L, index));
    case LUA_TNUMBER:
        return lua_isinteger(L, index) ? QCborValue(qint64(lua_tointeger(L, index)))
                                       : QCborValue(lua_tonumber(L, index));
    case LUA_TTABLE: {
        QCborArray array;
        const lua_Integer length = luaL_len(L, index);
        for (lua_Integer i = 1; i <= length; ++i) {
            lua_geti(L, index, i);
            array.append(toCbor(L, lua_gettop(L)));
            lua_pop(L, 1);
        }
        return array;
    }
    default:
        return QCborValue();
    }
}

int send(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    QCborMap map;
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING)
            map.insert(QString::fromUtf8(lua_tostring(L, -2)), toCbor(L, lua_gettop(L)));
        lua_pop(L, 1);
    }
    channelOf(L)->sendRaw(sandbox::encodeFrame(map));
    return 0;
}

int sendRaw(lua_State *L)
{
    size_t length = 0;
    const char *bytes = luaL_checklstring(L, 1, &length);
    channelOf(L)->sendRaw(QByteArray(bytes, qsizetype(length)));
    return 0;
}

} // namespace

void openTestFunctions(lua_State *L, SdkChannel *channel)
{
    if (!channel)
        return;
    lua_newtable(L);
    const luaL_Reg functions[] = { { "crash", crash },
                                   { "probe", probe },
                                   { "run", runToken },
                                   { "send", send },
                                   { "send_raw", sendRaw } };
    for (const luaL_Reg &function : functions) {
        lua_pushlightuserdata(L, channel);
        lua_pushcclosure(L, function.func, 1);
        lua_setfield(L, -2, function.name);
    }
    lua_setglobal(L, "hearth_test");
}

} // namespace hearth::lua

#endif
