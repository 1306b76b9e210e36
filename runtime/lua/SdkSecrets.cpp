// The SDK's secrets module. hearthd remembers every value it hands out and
// redacts it from what the run leaves behind.
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

using sandbox::SdkFunction;

int secretsGet(lua_State *L)
{
    const QByteArray name = checkedBytes(L, 1);
    const QCborValue value =
        callHearthd(L, SdkFunction::SecretsGet, { QString::fromUtf8(name) },
                    QStringLiteral("secrets.get: secrets are not available here"));
    const QByteArray secret = value.toByteArray();
    QuotaExemption exemption(L); // bounded by the secret size cap
    lua_pushlstring(L, secret.constData(), size_t(secret.size()));
    return 1;
}

} // namespace

void openSdk_secrets(lua_State *L, const SdkEnvironment &environment)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, secretsGet, 1);
    lua_setfield(L, -2, "get");
    lua_setglobal(L, "secrets");
}

} // namespace hearth::lua
