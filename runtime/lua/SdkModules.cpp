#include "LuaSupport.h"
#include "SdkChannel.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

// Lua is built as C++ here: a Lua error unwinds these frames like an
// exception, so C++ values may be alive when one is raised.
namespace hearth::lua {

namespace {

struct Opener
{
    const char *global;
    SdkOpener open;
};

#define HEARTH_SDK_OPENER_ENTRY(global, functions, summary) Opener { #global, openSdk_##global },
constexpr Opener Openers[] = { HEARTH_SDK_MODULES(HEARTH_SDK_OPENER_ENTRY) };
#undef HEARTH_SDK_OPENER_ENTRY

} // namespace

void openSdkModules(lua_State *L, const SdkEnvironment &environment)
{
    for (const Opener &module : Openers)
        module.open(L, environment);
}

SdkChannel *channelOf(lua_State *L)
{
    return static_cast<SdkChannel *>(lua_touserdata(L, lua_upvalueindex(1)));
}

QByteArray checkedBytes(lua_State *L, int index)
{
    size_t length = 0;
    const char *text = luaL_checklstring(L, index, &length);
    return QByteArray(text, qsizetype(length));
}

void setTextField(lua_State *L, const char *name, const QString &value)
{
    if (value.isEmpty())
        return;
    const QByteArray utf8 = value.toUtf8();
    lua_pushlstring(L, utf8.constData(), size_t(utf8.size()));
    lua_setfield(L, -2, name);
}

void raiseText(lua_State *L, const QString &message)
{
    pushText(L, message);
    lua_error(L);
    std::abort(); // lua_error does not return
}

QCborValue callHearthd(lua_State *L, sandbox::SdkFunction function, const QCborArray &args,
                       const QString &unavailable)
{
    SdkChannel *channel = channelOf(L);
    if (!channel)
        raiseText(L, unavailable);
    auto reply = channel->call(function, args);
    if (!reply)
        raiseText(L, reply.error());
    return reply.value();
}

} // namespace hearth::lua
