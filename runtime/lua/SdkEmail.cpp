// The SDK's email module. The host has no network: hearthd checks the
// message and queues it as a delivery of its email channel.
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

// A field that is a string or a list of strings (to, cc, bcc), as a list;
// an error naming the field otherwise.
QCborArray addressList(lua_State *L, int table, const char *field)
{
    lua_getfield(L, table, field);
    QCborArray list;
    if (lua_type(L, -1) == LUA_TSTRING) {
        list.append(QString::fromUtf8(lua_tostring(L, -1)));
    } else if (lua_istable(L, -1)) {
        const lua_Integer count = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= count; ++i) {
            lua_geti(L, -1, i);
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "email.send: %s must be an address or a list of addresses", field);
            list.append(QString::fromUtf8(lua_tostring(L, -1)));
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "email.send: %s must be an address or a list of addresses", field);
    }
    lua_pop(L, 1);
    return list;
}

// A text field; null when absent (hearthd says which are required).
QCborValue textField(lua_State *L, int table, const char *field)
{
    lua_getfield(L, table, field);
    QCborValue value;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t length = 0;
        const char *text = lua_tolstring(L, -1, &length);
        value = QString::fromUtf8(text, qsizetype(length));
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "email.send: %s must be a string", field);
    }
    lua_pop(L, 1);
    return value;
}

// Bytes of the field's string (0 when it is not one), to refuse an
// oversize message before it is copied to hearthd.
size_t lengthOf(lua_State *L, int table, const char *field)
{
    lua_getfield(L, table, field);
    size_t length = 0;
    if (lua_type(L, -1) == LUA_TSTRING)
        lua_tolstring(L, -1, &length);
    lua_pop(L, 1);
    return length;
}

// email.send{to=, cc=, bcc=, subject=, text=, html=, reply_to=, channel=}
int emailSend(lua_State *L)
{
    lua_settop(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    // Checked here too, so that an oversize message is not copied to hearthd.
    if (lengthOf(L, 1, "subject") > 998)
        return luaL_error(L, "email.send: subject must be at most 998 characters");
    const size_t size = lengthOf(L, 1, "text") + lengthOf(L, 1, "html");
    if (size > size_t(RunCaps::MaxEmailBytes))
        return luaL_error(L, "email.send: the message is larger than %d MB",
                          int(RunCaps::MaxEmailBytes / 1000000));
    QCborMap message;
    message.insert(QStringLiteral("to"), addressList(L, 1, "to"));
    message.insert(QStringLiteral("cc"), addressList(L, 1, "cc"));
    message.insert(QStringLiteral("bcc"), addressList(L, 1, "bcc"));
    for (const char *field : { "subject", "text", "html", "reply_to", "channel" })
        message.insert(QString::fromLatin1(field), textField(L, 1, field));
    const QCborMap queued = callHearthd(L, SdkFunction::EmailSend, QCborArray { message },
                                        QStringLiteral("email.send: email is not available here"))
                                .toMap();
    // {id = "12", status = "pending" | "suppressed"}
    lua_createtable(L, 0, 2);
    lua_pushstring(L, queued.value(QStringLiteral("id")).toString().toUtf8().constData());
    lua_setfield(L, -2, "id");
    lua_pushstring(L, queued.value(QStringLiteral("status")).toString().toUtf8().constData());
    lua_setfield(L, -2, "status");
    return 1;
}

} // namespace

void openSdk_email(lua_State *L, const SdkEnvironment &environment)
{
    lua_createtable(L, 0, 1);
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, emailSend, 1);
    lua_setfield(L, -2, "send");
    lua_setglobal(L, "email");
}

} // namespace hearth::lua
