// The SDK's http module. The host has no network: hearthd makes the request
// (http and https only, https-to-https redirects, size and time caps).
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

// http.request{method=, url=, body=, timeout_s=, headers=}
int httpRequest(lua_State *L)
{
    lua_settop(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    for (const char *field : { "method", "url", "body", "timeout_s", "headers" })
        lua_getfield(L, 1, field);
    // Stack: 2 method, 3 url, 4 body, 5 timeout_s, 6 headers.
    if (!lua_isnil(L, 2) && lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "http: method must be a string");
    if (lua_type(L, 3) != LUA_TSTRING)
        return luaL_error(L, "http: url must be a string");
    if (!lua_isnil(L, 4) && lua_type(L, 4) != LUA_TSTRING)
        return luaL_error(L, "http: body must be a string");
    if (!lua_isnil(L, 5) && !lua_isnumber(L, 5))
        return luaL_error(L, "http: timeout_s must be a number");
    if (!lua_isnil(L, 5) && !(lua_tonumber(L, 5) > 0))
        return luaL_error(L, "http: timeout_s must be positive");
    QCborArray headers;
    if (lua_istable(L, 6)) {
        lua_pushnil(L);
        while (lua_next(L, 6) != 0) {
            if (lua_type(L, -2) != LUA_TSTRING ||
                (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER))
                return luaL_error(L, "http: headers must map names to strings");
            size_t nameLength = 0;
            size_t valueLength = 0;
            // A number value is converted in a copy: lua_tolstring on the key
            // itself would confuse lua_next.
            lua_pushvalue(L, -1);
            const char *value = lua_tolstring(L, -1, &valueLength);
            const char *name = lua_tolstring(L, -3, &nameLength);
            headers.append(QCborArray { QByteArray(name, qsizetype(nameLength)),
                                        QByteArray(value, qsizetype(valueLength)) });
            lua_pop(L, 2);
        }
    } else if (!lua_isnil(L, 6)) {
        return luaL_error(L, "http: headers must be a table");
    }
    size_t bodyLength = 0;
    const char *body = lua_isnil(L, 4) ? "" : lua_tolstring(L, 4, &bodyLength);
    const QCborArray args { lua_isnil(L, 2) ? QByteArray("GET") : QByteArray(lua_tostring(L, 2)),
                            QString::fromUtf8(lua_tostring(L, 3)), headers,
                            QByteArray(body, qsizetype(bodyLength)),
                            lua_isnil(L, 5) ? QCborValue() : QCborValue(lua_tonumber(L, 5)) };
    const QCborMap response = callHearthd(L, SdkFunction::HttpRequest, args,
                                          QStringLiteral("http: the network is not available here"))
                                  .toMap();

    // Bounded by hearthd's response cap; the memory quota check comes right
    // after, when the script keeps the body.
    QuotaExemption exemption(L);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, response.value(QStringLiteral("status")).toInteger());
    lua_setfield(L, -2, "status");
    lua_pushinteger(L, response.value(QStringLiteral("elapsed_ms")).toInteger());
    lua_setfield(L, -2, "elapsed_ms");
    const QByteArray responseBody = response.value(QStringLiteral("body")).toByteArray();
    lua_pushlstring(L, responseBody.constData(), size_t(responseBody.size()));
    lua_setfield(L, -2, "body");
    const QCborArray responseHeaders = response.value(QStringLiteral("headers")).toArray();
    lua_createtable(L, 0, int(responseHeaders.size()));
    for (const QCborValue &pair : responseHeaders) {
        // Lower-case names; repeated headers joined by ", ".
        const QByteArray key = pair.toArray().at(0).toByteArray().toLower();
        QByteArray value = pair.toArray().at(1).toByteArray();
        lua_getfield(L, -1, key.constData());
        if (lua_isstring(L, -1))
            value = QByteArray(lua_tostring(L, -1)) + ", " + value;
        lua_pop(L, 1);
        lua_pushlstring(L, value.constData(), size_t(value.size()));
        lua_setfield(L, -2, key.constData());
    }
    lua_setfield(L, -2, "headers");
    return 1;
}

// http.get(url, opts) and http.post(url, body, opts): fill the options table
// (a new one when none was given) and call http.request (upvalue 1).
int callRequest(lua_State *L, const char *method, int optionsIndex, int bodyIndex)
{
    luaL_checkstring(L, 1);
    if (bodyIndex)
        luaL_checkstring(L, bodyIndex);
    lua_settop(L, optionsIndex);
    if (lua_isnil(L, optionsIndex))
        lua_newtable(L);
    else
        luaL_checktype(L, optionsIndex, LUA_TTABLE);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "url");
    if (bodyIndex) {
        lua_pushvalue(L, bodyIndex);
        lua_setfield(L, -2, "body");
    }
    lua_pushstring(L, method);
    lua_setfield(L, -2, "method");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    return 1;
}

int httpGet(lua_State *L)
{
    return callRequest(L, "GET", 2, 0);
}

int httpPost(lua_State *L)
{
    return callRequest(L, "POST", 3, 2);
}

} // namespace

void openSdk_http(lua_State *L, const SdkEnvironment &environment)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, httpRequest, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "request");
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, httpGet, 1);
    lua_setfield(L, -3, "get");
    lua_pushcclosure(L, httpPost, 1);
    lua_setfield(L, -2, "post");
    lua_setglobal(L, "http");
}

} // namespace hearth::lua
