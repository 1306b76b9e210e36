// The SDK's diff module: diff.lines(old, new) and diff.words(old, new) →
// {added, removed, changed, unified} (model/TextDiff: dtl) — what changed
// between two versions of a page.
#include "LuaJson.h"
#include "LuaPatterns.h"
#include "LuaSupport.h"
#include "SdkModule.h"
#include "model/TextDiff.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

void pushPieces(lua_State *L, const QList<QByteArray> &pieces)
{
    lua_createtable(L, int(pieces.size()), 0);
    markAsArray(L, -1);
    lua_Integer index = 0;
    for (const QByteArray &piece : pieces) {
        lua_pushlstring(L, piece.constData(), size_t(piece.size()));
        lua_rawseti(L, -2, ++index);
    }
}

int compare(lua_State *L, DiffUnit unit)
{
    size_t oldLength = 0;
    size_t newLength = 0;
    const char *oldText = luaL_checklstring(L, 1, &oldLength);
    const char *newText = luaL_checklstring(L, 2, &newLength);
    Result<TextDiff> diff = diffTexts(QByteArrayView(oldText, qsizetype(oldLength)),
                                      QByteArrayView(newText, qsizetype(newLength)), unit);
    if (chargeSteps(L, 0))
        raiseTripped(L);
    if (!diff) {
        raiseText(L,
                  (unit == DiffUnit::Words ? QStringLiteral("diff.words: ")
                                           : QStringLiteral("diff.lines: ")) +
                      diff.error());
    }
    lua_createtable(L, 0, 4);
    pushPieces(L, diff->added);
    lua_setfield(L, -2, "added");
    pushPieces(L, diff->removed);
    lua_setfield(L, -2, "removed");
    lua_pushboolean(L, diff->changed);
    lua_setfield(L, -2, "changed");
    lua_pushlstring(L, diff->unified.constData(), size_t(diff->unified.size()));
    lua_setfield(L, -2, "unified");
    return 1;
}

int diffLines(lua_State *L)
{
    return compare(L, DiffUnit::Lines);
}

int diffWords(lua_State *L)
{
    return compare(L, DiffUnit::Words);
}

} // namespace

void openSdk_diff(lua_State *L, const SdkEnvironment &)
{
    lua_newtable(L);
    lua_pushcfunction(L, diffLines);
    lua_setfield(L, -2, "lines");
    lua_pushcfunction(L, diffWords);
    lua_setfield(L, -2, "words");
    lua_setglobal(L, "diff");
}

} // namespace hearth::lua
