// The SDK's agent module: agent.escalate hands a finding to a local CLI
// agent. hearthd checks the request and the budgets, and makes the agent's
// run; a refusal (a budget used up, no worker with the profile) is returned
// as nil and the reason, so the script decides what to do without failing.
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

// The prompt, data and schema each have their own limits in hearthd.
constexpr qsizetype MaxRequestBytes = 256 * 1024;

// agent.escalate{profile=, prompt=, data=, schema=, timeout_s=}
int agentEscalate(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    QByteArray request;
    QString error;
    if (!encodeJson(L, 1, request, error, MaxRequestBytes))
        raiseText(L, QStringLiteral("agent.escalate: ") + error);
    const QCborMap reply =
        callHearthd(L, SdkFunction::AgentEscalate, { request },
                    QStringLiteral("agent.escalate: escalations are not available here"))
            .toMap();
    const QCborValue refused = reply.value(QStringLiteral("refused"));
    if (refused.isString()) {
        lua_pushnil(L);
        const QByteArray reason =
            (QStringLiteral("agent.escalate: ") + refused.toString()).toUtf8();
        lua_pushlstring(L, reason.constData(), size_t(reason.size()));
        return 2;
    }
    const QByteArray runId = reply.value(QStringLiteral("run_id")).toString().toUtf8();
    lua_pushlstring(L, runId.constData(), size_t(runId.size()));
    return 1;
}

} // namespace

void openSdk_agent(lua_State *L, const SdkEnvironment &environment)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, agentEscalate, 1);
    lua_setfield(L, -2, "escalate");
    lua_setglobal(L, "agent");
}

} // namespace hearth::lua
