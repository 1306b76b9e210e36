#include "SdkModules.h"

#include "LuaJson.h"
#include "LuaSupport.h"
#include "SdkChannel.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

// Lua is built as C++ here: a Lua error unwinds these frames like an
// exception, so C++ values may be alive when one is raised.
namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

// The largest value kv.set sends (the store's own cap; hearthd checks it again).
constexpr qsizetype MaxKvValueBytes = 256 * 1024;

SdkChannel *channelOf(lua_State *L)
{
    return static_cast<SdkChannel *>(lua_touserdata(L, lua_upvalueindex(1)));
}

QByteArray bytesAt(lua_State *L, int index)
{
    size_t length = 0;
    const char *text = luaL_checklstring(L, index, &length);
    return QByteArray(text, qsizetype(length));
}

[[noreturn]] void raise(lua_State *L, const QString &message)
{
    pushText(L, message);
    lua_error(L);
    std::abort(); // lua_error does not return
}

// Sends one call; raises the error hearthd answered, or "not available here".
QCborValue call(lua_State *L, SdkFunction function, const QCborArray &args,
                const QString &unavailable)
{
    SdkChannel *channel = channelOf(L);
    if (!channel)
        raise(L, unavailable);
    auto reply = channel->call(function, args);
    if (!reply)
        raise(L, reply.error());
    return reply.value();
}

// --- kv -----------------------------------------------------------------------

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
    const QByteArray key = bytesAt(L, 1);
    const QCborValue value = call(L, isGlobal(L) ? SdkFunction::KvGlobalGet : SdkFunction::KvGet,
                                  { key }, kvUnavailable("get"));
    if (!value.isByteArray()) {
        lua_pushnil(L);
        return 1;
    }
    QString error;
    if (!decodeJson(L, value.toByteArray(), error))
        raise(L, QStringLiteral("kv.get: stored value unreadable: ") + error);
    return 1;
}

int kvSet(lua_State *L)
{
    const QByteArray key = bytesAt(L, 1);
    luaL_checkany(L, 2);
    QByteArray json;
    QString error;
    if (!encodeJson(L, 2, json, error, MaxKvValueBytes))
        raise(L, QStringLiteral("kv.set: ") + error);
    call(L, isGlobal(L) ? SdkFunction::KvGlobalSet : SdkFunction::KvSet, { key, json },
         kvUnavailable("set"));
    return 0;
}

int kvDelete(lua_State *L)
{
    const QByteArray key = bytesAt(L, 1);
    call(L, isGlobal(L) ? SdkFunction::KvGlobalDelete : SdkFunction::KvDelete, { key },
         kvUnavailable("delete"));
    return 0;
}

int kvList(lua_State *L)
{
    size_t length = 0;
    const char *prefix = luaL_optlstring(L, 1, "", &length);
    const QCborValue keys =
        call(L, isGlobal(L) ? SdkFunction::KvGlobalList : SdkFunction::KvList,
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

// --- secrets and notify --------------------------------------------------------

int secretsGet(lua_State *L)
{
    const QByteArray name = bytesAt(L, 1);
    const QCborValue value =
        call(L, SdkFunction::SecretsGet, { QString::fromUtf8(name) },
             QStringLiteral("secrets.get: secrets are not available here"));
    const QByteArray secret = value.toByteArray();
    QuotaExemption exemption(L); // bounded by the secret size cap
    lua_pushlstring(L, secret.constData(), size_t(secret.size()));
    return 1;
}

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
    const QCborArray args { stringField(L, 1, "title", nullptr),
                            stringField(L, 1, "body", ""),
                            stringField(L, 1, "level", "info") };
    call(L, SdkFunction::Notify, args,
         QStringLiteral("notify: notifications are not available here"));
    return 0;
}

// --- http ----------------------------------------------------------------------

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
                            QString::fromUtf8(lua_tostring(L, 3)),
                            headers,
                            QByteArray(body, qsizetype(bodyLength)),
                            lua_isnil(L, 5) ? QCborValue() : QCborValue(lua_tonumber(L, 5)) };
    const QCborMap response =
        call(L, SdkFunction::HttpRequest, args,
             QStringLiteral("http: the network is not available here"))
            .toMap();

    // Bounded by hearthd's response cap; the memory quota check comes right
    // after, when the script keeps the body.
    QuotaExemption exemption(L);
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, response.value(QStringLiteral("status")).toInteger());
    lua_setfield(L, -2, "status");
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

void openHttp(lua_State *L, SdkChannel *channel)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, channel);
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

} // namespace

void openSdkModules(lua_State *L, SdkChannel *channel)
{
    pushKvTable(L, channel, false);
    pushKvTable(L, channel, true);
    lua_setfield(L, -2, "global");
    lua_setglobal(L, "kv");

    lua_newtable(L);
    lua_pushlightuserdata(L, channel);
    lua_pushcclosure(L, secretsGet, 1);
    lua_setfield(L, -2, "get");
    lua_setglobal(L, "secrets");

    lua_pushlightuserdata(L, channel);
    lua_pushcclosure(L, notify, 1);
    lua_setglobal(L, "notify");

    openHttp(L, channel);
}

} // namespace hearth::lua
