// The SDK's kv module: the watcher's key-value store (kv.global: the shared
// one). hearthd decides the namespace from the run, never from the call.
#include "LuaJson.h"
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

// The largest value kv.set sends (the store's own cap; hearthd checks it again).
constexpr qsizetype MaxKvValueBytes = 256 * 1024;

// Upvalue 2: whether this is kv.global.
bool isGlobal(lua_State *L)
{
    return lua_toboolean(L, lua_upvalueindex(2));
}

QString kvUnavailable(const char *function)
{
    return QStringLiteral("kv.%1: the key-value store is not available here")
        .arg(QLatin1String(function));
}

int kvGet(lua_State *L)
{
    const QByteArray key = checkedBytes(L, 1);
    const QCborValue value =
        callHearthd(L, isGlobal(L) ? SdkFunction::KvGlobalGet : SdkFunction::KvGet, { key },
                    kvUnavailable("get"));
    if (!value.isByteArray()) {
        lua_pushnil(L);
        return 1;
    }
    QString error;
    if (!decodeJson(L, value.toByteArray(), error))
        raiseText(L, QStringLiteral("kv.get: stored value unreadable: ") + error);
    return 1;
}

int kvSet(lua_State *L)
{
    const QByteArray key = checkedBytes(L, 1);
    luaL_checkany(L, 2);
    QByteArray json;
    QString error;
    if (!encodeJson(L, 2, json, error, MaxKvValueBytes))
        raiseText(L, QStringLiteral("kv.set: ") + error);
    callHearthd(L, isGlobal(L) ? SdkFunction::KvGlobalSet : SdkFunction::KvSet, { key, json },
                kvUnavailable("set"));
    return 0;
}

int kvDelete(lua_State *L)
{
    const QByteArray key = checkedBytes(L, 1);
    callHearthd(L, isGlobal(L) ? SdkFunction::KvGlobalDelete : SdkFunction::KvDelete, { key },
                kvUnavailable("delete"));
    return 0;
}

int kvList(lua_State *L)
{
    size_t length = 0;
    const char *prefix = luaL_optlstring(L, 1, "", &length);
    const QCborValue keys =
        callHearthd(L, isGlobal(L) ? SdkFunction::KvGlobalList : SdkFunction::KvList,
                    { QString::fromUtf8(prefix, qsizetype(length)) }, kvUnavailable("list"));
    const QCborArray list = keys.toArray();
    QuotaExemption exemption(L); // bounded by hearthd's cap on listed keys
    lua_createtable(L, int(list.size()), 0);
    markAsArray(L, -1);
    lua_Integer index = 0;
    for (const QCborValue &key : list) {
        const QByteArray utf8 = key.toString().toUtf8();
        lua_pushlstring(L, utf8.constData(), size_t(utf8.size()));
        lua_rawseti(L, -2, ++index);
    }
    return 1;
}

void pushKvTable(lua_State *L, SdkChannel *channel, bool global)
{
    lua_newtable(L);
    const luaL_Reg functions[] = {
        { "get", kvGet }, { "set", kvSet }, { "delete", kvDelete }, { "list", kvList }
    };
    for (const luaL_Reg &function : functions) {
        lua_pushlightuserdata(L, channel);
        lua_pushboolean(L, global);
        lua_pushcclosure(L, function.func, 2);
        lua_setfield(L, -2, function.name);
    }
}

} // namespace

void openSdk_kv(lua_State *L, const SdkEnvironment &environment)
{
    pushKvTable(L, environment.channel, false);
    pushKvTable(L, environment.channel, true);
    lua_setfield(L, -2, "global");
    lua_setglobal(L, "kv");
}

} // namespace hearth::lua
