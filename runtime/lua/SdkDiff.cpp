// The SDK's diff module: diff.lines(old, new) and diff.words(old, new) →
// {added, removed, changed, unified}, computed by dtl (Wu, Manber and
// Myers' O(NP) algorithm) — what changed between two versions of a page.
#include "LuaJson.h"
#include "LuaPatterns.h"
#include "LuaSupport.h"
#include "SdkModule.h"

#include <dtl/dtl.hpp>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

// Beyond this the comparison's own memory (outside the run's quota) could
// grow large; pages are far below it.
constexpr size_t MaxPieces = 200'000;

using Pieces = std::vector<std::string>;

Pieces splitLines(const char *text, size_t length)
{
    Pieces lines;
    size_t start = 0;
    for (size_t i = 0; i < length; ++i) {
        if (text[i] == '\n') {
            size_t end = i;
            if (end > start && text[end - 1] == '\r')
                --end;
            lines.emplace_back(text + start, end - start);
            start = i + 1;
        }
    }
    if (start < length)
        lines.emplace_back(text + start, length - start);
    return lines;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Pieces splitWords(const char *text, size_t length)
{
    Pieces words;
    size_t i = 0;
    while (i < length) {
        while (i < length && isSpace(text[i]))
            ++i;
        const size_t start = i;
        while (i < length && !isSpace(text[i]))
            ++i;
        if (i > start)
            words.emplace_back(text + start, i - start);
    }
    return words;
}

using Edits = std::vector<std::pair<std::string, dtl::elemInfo>>;

void pushPieces(lua_State *L, const Edits &edits, dtl::edit_t type)
{
    lua_newtable(L);
    markAsArray(L, -1);
    lua_Integer index = 0;
    for (const auto &[piece, info] : edits) {
        if (info.type != type)
            continue;
        lua_pushlstring(L, piece.data(), piece.size());
        lua_rawseti(L, -2, ++index);
    }
}

// git's --word-diff=plain: the texts' words, each change as its removed
// words [-…-] followed by its added ones {+…+}.
std::string wordDiff(const Edits &edits)
{
    std::string out;
    const auto append = [&out](const std::string &text) {
        if (!out.empty())
            out += ' ';
        out += text;
    };
    const auto joined = [](const std::vector<const std::string *> &words) {
        std::string text;
        for (const std::string *word : words)
            text += (text.empty() ? "" : " ") + *word;
        return text;
    };
    std::vector<const std::string *> removed;
    std::vector<const std::string *> added;
    const auto flush = [&]() {
        if (!removed.empty())
            append("[-" + joined(removed) + "-]");
        if (!added.empty())
            append("{+" + joined(added) + "+}");
        removed.clear();
        added.clear();
    };
    for (const auto &[word, info] : edits) {
        if (info.type == dtl::SES_DELETE) {
            removed.push_back(&word);
        } else if (info.type == dtl::SES_ADD) {
            added.push_back(&word);
        } else {
            flush();
            append(word);
        }
    }
    flush();
    return out;
}

int compare(lua_State *L, bool byWords)
{
    const char *name = byWords ? "diff.words" : "diff.lines";
    size_t oldLength = 0;
    size_t newLength = 0;
    const char *oldText = luaL_checklstring(L, 1, &oldLength);
    const char *newText = luaL_checklstring(L, 2, &newLength);
    std::string unified;
    Edits edits;
    bool changed = false;
    {
        Pieces before = byWords ? splitWords(oldText, oldLength) : splitLines(oldText, oldLength);
        Pieces after = byWords ? splitWords(newText, newLength) : splitLines(newText, newLength);
        if (before.size() > MaxPieces || after.size() > MaxPieces) {
            raiseText(L,
                      QStringLiteral("%1: a text has more than %2 %3")
                          .arg(QLatin1String(name))
                          .arg(MaxPieces)
                          .arg(byWords ? QStringLiteral("words") : QStringLiteral("lines")));
        }
        dtl::Diff<std::string, Pieces> diff(before, after);
        diff.enableHuge();
        diff.compose();
        edits = diff.getSes().getSequence();
        changed = diff.getEditDistance() > 0;
        if (byWords) {
            unified = wordDiff(edits);
        } else if (changed) {
            diff.composeUnifiedHunks();
            std::ostringstream stream;
            diff.printUnifiedFormat(stream);
            unified = stream.str();
        }
    }
    if (chargeSteps(L, 0))
        raiseTripped(L);
    lua_createtable(L, 0, 4);
    pushPieces(L, edits, dtl::SES_ADD);
    lua_setfield(L, -2, "added");
    pushPieces(L, edits, dtl::SES_DELETE);
    lua_setfield(L, -2, "removed");
    lua_pushboolean(L, changed);
    lua_setfield(L, -2, "changed");
    lua_pushlstring(L, unified.data(), unified.size());
    lua_setfield(L, -2, "unified");
    return 1;
}

int diffLines(lua_State *L)
{
    return compare(L, false);
}

int diffWords(lua_State *L)
{
    return compare(L, true);
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
