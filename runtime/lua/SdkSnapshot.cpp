// The SDK's snapshot module: snapshot.save(text) keeps what the run
// observed. hearthd stores it when the run succeeds (deduplicated,
// compressed); the next run sees it as ctx.last_snapshot, and the API and
// `hearth diff` compare any two.
#include "LuaSupport.h"
#include "SdkModule.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

int snapshotSave(lua_State *L)
{
    size_t length = 0;
    const char *text = luaL_checklstring(L, 1, &length);
    if (qsizetype(length) > RunCaps::MaxSnapshotBytes)
        raiseText(L,
                  QStringLiteral("snapshot.save: the text is %1 bytes; the limit is %2")
                      .arg(qulonglong(length))
                      .arg(RunCaps::MaxSnapshotBytes));
    keepSnapshot(L, QByteArray(text, qsizetype(length)));
    return 0;
}

} // namespace

void openSdk_snapshot(lua_State *L, const SdkEnvironment &)
{
    lua_newtable(L);
    lua_pushcfunction(L, snapshotSave);
    lua_setfield(L, -2, "save");
    lua_setglobal(L, "snapshot");
}

} // namespace hearth::lua
