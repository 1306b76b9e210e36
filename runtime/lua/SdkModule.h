#pragma once

#include "model/ScriptTypes.h"
#include "sandbox/HostProtocol.h"
#include "sandbox/SdkCatalog.h"

struct lua_State;

// The engine's side of sdk::Modules: one opener per module, each in its
// module's file (SdkKv.cpp, SdkHttp.cpp, …); a module without its opener
// fails the link.
namespace hearth::lua {

class SdkChannel;

// What a module is opened with: where its calls go (null: nowhere, and
// calls raise "… is not available here"), and the run's context.
struct SdkEnvironment
{
    SdkChannel *channel = nullptr;
    const ScriptContext &context;
};
using SdkOpener = void (*)(lua_State *L, const SdkEnvironment &environment);

#define HEARTH_SDK_DECLARE_OPENER(global, functions, summary)                                      \
    void openSdk_##global(lua_State *L, const SdkEnvironment &environment);
HEARTH_SDK_MODULES(HEARTH_SDK_DECLARE_OPENER)
#undef HEARTH_SDK_DECLARE_OPENER

// Sets every module's global, in the catalog's order.
void openSdkModules(lua_State *L, const SdkEnvironment &environment);

// --- for the modules -------------------------------------------------------------

// A module function's channel: its upvalue 1.
SdkChannel *channelOf(lua_State *L);
// Argument `index` as bytes (a string is required).
QByteArray checkedBytes(lua_State *L, int index);
// Sets field `name` of the table on top of the stack to `value`, unless it
// is empty (the field stays nil).
void setTextField(lua_State *L, const char *name, const QString &value);
// Raises `message` as the script's error.
[[noreturn]] void raiseText(lua_State *L, const QString &message);
// Asks hearthd; raises its error, or `unavailable` where there is no channel.
QCborValue callHearthd(lua_State *L, sandbox::SdkFunction function, const QCborArray &args,
                       const QString &unavailable);
// Appends a line to the run's log within its caps (Sandbox.cpp).
void appendRunLog(lua_State *L, LogLevel level, QString message, QByteArray dataJson);

} // namespace hearth::lua
