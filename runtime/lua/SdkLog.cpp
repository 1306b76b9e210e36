// The SDK's log module and print: lines of the run's log, within its caps
// (appendRunLog, in Sandbox.cpp).
#include "LuaJson.h"
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

int logAt(lua_State *L)
{
    const auto level = LogLevel(lua_tointeger(L, lua_upvalueindex(1)));
    size_t length = 0;
    // Decided before luaL_tolstring pushes the message (onto index 2 when
    // only the message was given).
    const bool hasData = !lua_isnoneornil(L, 2);
    // May call a __tostring metamethod, which may raise: before any C++ object.
    const char *text = luaL_tolstring(L, 1, &length);
    bool ok = true;
    {
        QByteArray data;
        QString error;
        if (hasData)
            ok = encodeJson(L, 2, data, error, 64 * 1024);
        if (ok) {
            appendRunLog(L, level, QString::fromUtf8(text, qsizetype(length)), data);
        } else {
            pushText(L,
                     QStringLiteral("log.%1: data cannot be encoded as JSON: %2")
                         .arg(logLevelName(level), error));
        }
    }
    return ok ? 0 : lua_error(L);
}

int printToLog(lua_State *L)
{
    // Convert every argument first (metamethods may raise), then build the
    // line in C++ without calling back into Lua.
    const int count = lua_gettop(L);
    for (int i = 1; i <= count; ++i)
        luaL_tolstring(L, i, nullptr);
    QString line;
    for (int i = 1; i <= count; ++i) {
        size_t length = 0;
        const char *text = lua_tolstring(L, count + i, &length);
        if (i > 1)
            line += u'\t';
        line += QString::fromUtf8(text, qsizetype(length));
    }
    appendRunLog(L, LogLevel::Info, line, {});
    return 0;
}

} // namespace

void openSdk_log(lua_State *L, const SdkEnvironment &)
{
    lua_newtable(L);
    for (const LogLevel level :
         { LogLevel::Trace, LogLevel::Info, LogLevel::Warn, LogLevel::Error }) {
        lua_pushinteger(L, lua_Integer(level));
        lua_pushcclosure(L, logAt, 1);
        lua_setfield(L, -2, logLevelName(level).toLatin1().constData());
    }
    lua_setglobal(L, "log");
}

void openSdk_print(lua_State *L, const SdkEnvironment &)
{
    lua_pushcfunction(L, printToLog);
    lua_setglobal(L, "print");
}

} // namespace hearth::lua
