#include "LuaPatterns.h"

#include <cctype>
#include <cstdio>
#include <cstring>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

// Plain C data only below: Lua errors (longjmp) may unwind through any of it.
namespace hearth::lua {

namespace {

constexpr int MaxCaptures = 32;
constexpr int MaxDepth = 200; // recursion, as Lua's MAXCCALLS for patterns
constexpr long long StepsPerCharge = 4096;
constexpr ptrdiff_t CaptureUnfinished = -1;
constexpr ptrdiff_t CapturePosition = -2;
constexpr char Escape = '%';
constexpr const char *Specials = "^$*+?.([%-";

struct MatchState
{
    const char *sourceStart;
    const char *sourceEnd;
    const char *patternEnd;
    lua_State *L;
    int level = 0; // captures opened so far
    int depth = 0;
    long long steps = 0;
    bool tripped = false; // a run limit stopped the matching
    char error[160] = {}; // a malformed pattern stopped it
    struct
    {
        const char *start;
        ptrdiff_t length;
    } capture[MaxCaptures];

    bool stopped() const { return tripped || error[0] != '\0'; }
};

unsigned char byteAt(const char *p)
{
    return static_cast<unsigned char>(*p);
}

void setError(MatchState &ms, const char *message)
{
    if (ms.error[0] == '\0')
        std::snprintf(ms.error, sizeof(ms.error), "%s", message);
}

// Counts one step; every StepsPerCharge steps, charges them to the run.
bool step(MatchState &ms)
{
    if (ms.stopped())
        return false;
    if (++ms.steps % StepsPerCharge == 0 && chargeSteps(ms.L, StepsPerCharge))
        ms.tripped = true;
    return !ms.tripped;
}

// The end of the single-character class starting at p.
const char *classEnd(MatchState &ms, const char *p)
{
    const char c = *p++;
    if (c == Escape) {
        if (p >= ms.patternEnd) {
            setError(ms, "malformed pattern (ends with '%')");
            return nullptr;
        }
        return p + 1;
    }
    if (c == '[') {
        if (p < ms.patternEnd && *p == '^')
            ++p;
        // The first character of a set may be ']' (taken literally).
        do {
            if (p >= ms.patternEnd) {
                setError(ms, "malformed pattern (missing ']')");
                return nullptr;
            }
            const char d = *p++;
            if (d == Escape && p < ms.patternEnd)
                ++p;
        } while (p >= ms.patternEnd || *p != ']');
        return p + 1;
    }
    return p;
}

bool matchClass(int c, int cls)
{
    bool result;
    switch (std::tolower(cls)) {
    case 'a':
        result = std::isalpha(c);
        break;
    case 'c':
        result = std::iscntrl(c);
        break;
    case 'd':
        result = std::isdigit(c);
        break;
    case 'g':
        result = std::isgraph(c);
        break;
    case 'l':
        result = std::islower(c);
        break;
    case 'p':
        result = std::ispunct(c);
        break;
    case 's':
        result = std::isspace(c);
        break;
    case 'u':
        result = std::isupper(c);
        break;
    case 'w':
        result = std::isalnum(c);
        break;
    case 'x':
        result = std::isxdigit(c);
        break;
    default:
        return cls == c;
    }
    return std::isupper(cls) ? !result : result;
}

// p points at '[', last at the closing ']'.
bool matchBracketClass(int c, const char *p, const char *last)
{
    bool matches = true;
    if (*(p + 1) == '^') {
        matches = false;
        ++p;
    }
    while (++p < last) {
        if (*p == Escape) {
            ++p;
            if (matchClass(c, byteAt(p)))
                return matches;
        } else if (*(p + 1) == '-' && p + 2 < last) {
            p += 2;
            if (byteAt(p - 2) <= c && c <= byteAt(p))
                return matches;
        } else if (byteAt(p) == c) {
            return matches;
        }
    }
    return !matches;
}

bool singleMatch(MatchState &ms, const char *s, const char *p, const char *ep)
{
    if (s >= ms.sourceEnd)
        return false;
    const int c = byteAt(s);
    switch (*p) {
    case '.':
        return true;
    case Escape:
        return matchClass(c, byteAt(p + 1));
    case '[':
        return matchBracketClass(c, p, ep - 1);
    default:
        return byteAt(p) == c;
    }
}

const char *match(MatchState &ms, const char *s, const char *p);

const char *maxExpand(MatchState &ms, const char *s, const char *p, const char *ep)
{
    ptrdiff_t count = 0;
    while (singleMatch(ms, s + count, p, ep)) {
        ++count;
        if (!step(ms))
            return nullptr;
    }
    // Try the longest run first, then back off one at a time.
    while (count >= 0) {
        if (const char *result = match(ms, s + count, ep + 1))
            return result;
        if (ms.stopped())
            return nullptr;
        --count;
    }
    return nullptr;
}

const char *minExpand(MatchState &ms, const char *s, const char *p, const char *ep)
{
    for (;;) {
        if (const char *result = match(ms, s, ep + 1))
            return result;
        if (ms.stopped() || !singleMatch(ms, s, p, ep))
            return nullptr;
        ++s;
    }
}

const char *startCapture(MatchState &ms, const char *s, const char *p, ptrdiff_t what)
{
    if (ms.level >= MaxCaptures) {
        setError(ms, "too many captures");
        return nullptr;
    }
    ms.capture[ms.level].start = s;
    ms.capture[ms.level].length = what;
    ++ms.level;
    const char *result = match(ms, s, p);
    if (!result)
        --ms.level;
    return result;
}

const char *endCapture(MatchState &ms, const char *s, const char *p)
{
    int open = -1;
    for (int i = ms.level - 1; i >= 0; --i) {
        if (ms.capture[i].length == CaptureUnfinished) {
            open = i;
            break;
        }
    }
    if (open < 0) {
        setError(ms, "invalid pattern capture");
        return nullptr;
    }
    ms.capture[open].length = s - ms.capture[open].start;
    const char *result = match(ms, s, p);
    if (!result)
        ms.capture[open].length = CaptureUnfinished;
    return result;
}

const char *matchBalance(MatchState &ms, const char *s, const char *p)
{
    if (p + 1 >= ms.patternEnd) {
        setError(ms, "malformed pattern (missing arguments to '%b')");
        return nullptr;
    }
    if (s >= ms.sourceEnd || *s != *p)
        return nullptr;
    const char open = *p;
    const char close = *(p + 1);
    int depth = 1;
    while (++s < ms.sourceEnd) {
        if (!step(ms))
            return nullptr;
        if (*s == close) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == open) {
            ++depth;
        }
    }
    return nullptr;
}

const char *matchCapture(MatchState &ms, const char *s, int digit)
{
    const int index = digit - '1';
    if (index < 0 || index >= ms.level || ms.capture[index].length == CaptureUnfinished) {
        char message[64];
        std::snprintf(message, sizeof(message), "invalid capture index %%%d", index + 1);
        setError(ms, message);
        return nullptr;
    }
    const ptrdiff_t length = ms.capture[index].length;
    if (ms.sourceEnd - s >= length && std::memcmp(ms.capture[index].start, s, size_t(length)) == 0)
        return s + length;
    return nullptr;
}

const char *match(MatchState &ms, const char *s, const char *p)
{
    if (ms.depth >= MaxDepth) {
        setError(ms, "pattern too complex");
        return nullptr;
    }
    ++ms.depth;
    const char *result = nullptr;
    for (;;) {
        if (!step(ms)) {
            result = nullptr;
            break;
        }
        if (p >= ms.patternEnd) {
            result = s;
            break;
        }
        if (*p == '(') {
            result = (p + 1 < ms.patternEnd && *(p + 1) == ')')
                ? startCapture(ms, s, p + 2, CapturePosition)
                : startCapture(ms, s, p + 1, CaptureUnfinished);
            break;
        }
        if (*p == ')') {
            result = endCapture(ms, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == ms.patternEnd) {
            result = s == ms.sourceEnd ? s : nullptr;
            break;
        }
        if (*p == Escape && p + 1 < ms.patternEnd && *(p + 1) == 'b') {
            s = matchBalance(ms, s, p + 2);
            if (!s) {
                result = nullptr;
                break;
            }
            p += 4;
            continue;
        }
        if (*p == Escape && p + 1 < ms.patternEnd && *(p + 1) == 'f') {
            p += 2;
            if (p >= ms.patternEnd || *p != '[') {
                setError(ms, "missing '[' after '%f' in pattern");
                result = nullptr;
                break;
            }
            const char *ep = classEnd(ms, p);
            if (!ep) {
                result = nullptr;
                break;
            }
            const int previous = s == ms.sourceStart ? 0 : byteAt(s - 1);
            const int current = s < ms.sourceEnd ? byteAt(s) : 0;
            if (!matchBracketClass(previous, p, ep - 1) && matchBracketClass(current, p, ep - 1)) {
                p = ep;
                continue;
            }
            result = nullptr;
            break;
        }
        if (*p == Escape && p + 1 < ms.patternEnd && std::isdigit(byteAt(p + 1))) {
            s = matchCapture(ms, s, byteAt(p + 1));
            if (!s) {
                result = nullptr;
                break;
            }
            p += 2;
            continue;
        }
        // A single-character class, maybe with a quantifier.
        const char *ep = classEnd(ms, p);
        if (!ep) {
            result = nullptr;
            break;
        }
        const char quantifier = ep < ms.patternEnd ? *ep : '\0';
        if (!singleMatch(ms, s, p, ep)) {
            if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
                p = ep + 1; // zero occurrences are fine
                continue;
            }
            result = nullptr;
            break;
        }
        if (quantifier == '?') {
            if (const char *r = match(ms, s + 1, ep + 1)) {
                result = r;
                break;
            }
            if (ms.stopped()) {
                result = nullptr;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (quantifier == '+') {
            result = maxExpand(ms, s + 1, p, ep);
            break;
        }
        if (quantifier == '*') {
            result = maxExpand(ms, s, p, ep);
            break;
        }
        if (quantifier == '-') {
            result = minExpand(ms, s, p, ep);
            break;
        }
        ++s;
        p = ep;
    }
    --ms.depth;
    return result;
}

void prepare(MatchState &ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
    ms.L = L;
    ms.sourceStart = s;
    ms.sourceEnd = s + ls;
    ms.patternEnd = p + lp;
}

void reset(MatchState &ms)
{
    ms.level = 0;
    ms.depth = 0;
}

// Raises the matcher's error or tripped limit, if any.
void raiseIfStopped(MatchState &ms)
{
    if (ms.tripped)
        raiseTripped(ms.L);
    if (ms.error[0] != '\0')
        luaL_error(ms.L, "%s", ms.error);
}

void pushOneCapture(MatchState &ms, int i, const char *s, const char *e)
{
    if (i >= ms.level) {
        if (i != 0)
            luaL_error(ms.L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(ms.L, s, size_t(e - s)); // the whole match
        return;
    }
    const ptrdiff_t length = ms.capture[i].length;
    if (length == CaptureUnfinished)
        luaL_error(ms.L, "unfinished capture");
    if (length == CapturePosition)
        lua_pushinteger(ms.L, lua_Integer(ms.capture[i].start - ms.sourceStart + 1));
    else
        lua_pushlstring(ms.L, ms.capture[i].start, size_t(length));
}

int pushCaptures(MatchState &ms, const char *s, const char *e)
{
    const int count = (ms.level == 0 && s) ? 1 : ms.level;
    luaL_checkstack(ms.L, count, "too many captures");
    for (int i = 0; i < count; ++i)
        pushOneCapture(ms, i, s, e);
    return count;
}

bool hasSpecials(const char *p, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        if (std::strchr(Specials, p[i]) && p[i] != '\0')
            return true;
    }
    return false;
}

size_t startIndex(lua_Integer position, size_t length)
{
    if (position > 0)
        return size_t(position);
    if (position == 0)
        return 1;
    if (position < -lua_Integer(length))
        return 1;
    return size_t(lua_Integer(length) + position + 1);
}

// Linear search for plain find, with step charging.
const char *findPlain(lua_State *L, const char *s, size_t ls, const char *p, size_t lp,
                      bool *tripped)
{
    if (lp == 0)
        return s;
    if (lp > ls)
        return nullptr;
    long long steps = 0;
    for (size_t i = 0; i + lp <= ls; ++i) {
        if (++steps % StepsPerCharge == 0 && chargeSteps(L, StepsPerCharge)) {
            *tripped = true;
            return nullptr;
        }
        if (s[i] == p[0] && std::memcmp(s + i, p, lp) == 0)
            return s + i;
    }
    return nullptr;
}

int findOrMatch(lua_State *L, bool find)
{
    size_t ls = 0;
    size_t lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    const size_t init = startIndex(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        lua_pushnil(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !hasSpecials(p, lp))) {
        bool tripped = false;
        const char *found = findPlain(L, s + init, ls - init, p, lp, &tripped);
        if (tripped)
            raiseTripped(L);
        if (!found) {
            lua_pushnil(L);
            return 1;
        }
        lua_pushinteger(L, lua_Integer(found - s + 1));
        lua_pushinteger(L, lua_Integer(found - s + lp));
        return 2;
    }
    MatchState ms;
    prepare(ms, L, s, ls, p, lp);
    const bool anchored = lp > 0 && *p == '^';
    if (anchored) {
        ++p;
        --lp;
        prepare(ms, L, s, ls, p, lp);
    }
    const char *start = s + init;
    do {
        reset(ms);
        const char *end = match(ms, start, p);
        raiseIfStopped(ms);
        if (end) {
            if (find) {
                lua_pushinteger(L, lua_Integer(start - s + 1));
                lua_pushinteger(L, lua_Integer(end - s));
                return pushCaptures(ms, nullptr, nullptr) + 2;
            }
            return pushCaptures(ms, start, end);
        }
    } while (start++ < ms.sourceEnd && !anchored);
    lua_pushnil(L);
    return 1;
}

int stringFind(lua_State *L)
{
    return findOrMatch(L, true);
}
int stringMatch(lua_State *L)
{
    return findOrMatch(L, false);
}

// gmatch's state, kept in a userdata (plain data: the strings stay alive as
// upvalues of the iterator).
struct GmatchState
{
    const char *source;
    size_t sourceLength;
    const char *pattern;
    size_t patternLength;
    const char *position;
    const char *lastMatch;
};

int gmatchStep(lua_State *L)
{
    auto *state = static_cast<GmatchState *>(lua_touserdata(L, lua_upvalueindex(3)));
    MatchState ms;
    prepare(ms, L, state->source, state->sourceLength, state->pattern, state->patternLength);
    for (const char *src = state->position; src <= ms.sourceEnd; ++src) {
        reset(ms);
        const char *end = match(ms, src, state->pattern);
        raiseIfStopped(ms);
        if (end && end != state->lastMatch) {
            state->position = state->lastMatch = end;
            return pushCaptures(ms, src, end);
        }
    }
    return 0;
}

int stringGmatch(lua_State *L)
{
    size_t ls = 0;
    size_t lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = startIndex(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls)
        init = ls + 1; // no matches
    lua_settop(L, 2);
    auto *state = static_cast<GmatchState *>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
    *state = { s, ls, p, lp, s + init, nullptr };
    lua_pushcclosure(L, gmatchStep, 3);
    return 1;
}

void addReplacementString(MatchState &ms, luaL_Buffer &buffer, const char *s, const char *e)
{
    size_t length = 0;
    const char *news = lua_tolstring(ms.L, 3, &length);
    const char *end = news + length;
    for (const char *p = news; p < end; ++p) {
        if (*p != Escape) {
            luaL_addchar(&buffer, *p);
            continue;
        }
        ++p;
        if (p >= end || (*p != Escape && !std::isdigit(byteAt(p))))
            luaL_error(ms.L, "invalid use of '%c' in replacement string", Escape);
        if (*p == Escape) {
            luaL_addchar(&buffer, *p);
        } else if (*p == '0') {
            luaL_addlstring(&buffer, s, size_t(e - s));
        } else {
            pushOneCapture(ms, *p - '1', s, e);
            luaL_tolstring(ms.L, -1, nullptr);
            lua_remove(ms.L, -2);
            luaL_addvalue(&buffer);
        }
    }
}

void addReplacement(MatchState &ms, luaL_Buffer &buffer, const char *s, const char *e, int type)
{
    lua_State *L = ms.L;
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        const int count = pushCaptures(ms, s, e);
        lua_call(L, count, 1);
    } else if (type == LUA_TTABLE) {
        pushOneCapture(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {
        addReplacementString(ms, buffer, s, e);
        return;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(&buffer, s, size_t(e - s)); // keep the original text
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
        luaL_addvalue(&buffer);
    }
}

int stringGsub(lua_State *L)
{
    size_t ls = 0;
    size_t lp = 0;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    const int type = lua_type(L, 3);
    const lua_Integer maxReplacements = luaL_optinteger(L, 4, lua_Integer(ls) + 1);
    luaL_argexpected(L,
                     type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION ||
                         type == LUA_TTABLE,
                     3, "string/function/table");
    const bool anchored = lp > 0 && *p == '^';
    if (anchored) {
        ++p;
        --lp;
    }
    MatchState ms;
    prepare(ms, L, src, ls, p, lp);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    const char *lastMatch = nullptr;
    lua_Integer replacements = 0;
    bool changed = false;
    while (replacements < maxReplacements) {
        reset(ms);
        const char *end = match(ms, src, p);
        raiseIfStopped(ms);
        if (end && end != lastMatch) {
            ++replacements;
            changed = true;
            addReplacement(ms, buffer, src, end, type);
            src = lastMatch = end;
        } else if (src < ms.sourceEnd) {
            luaL_addchar(&buffer, *src++);
        } else {
            break;
        }
        if (anchored)
            break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&buffer, src, size_t(ms.sourceEnd - src));
        luaL_pushresult(&buffer);
    }
    lua_pushinteger(L, replacements);
    return 2;
}

} // namespace

void installPatternFunctions(lua_State *L)
{
    lua_getglobal(L, "string");
    const luaL_Reg functions[] = { { "find", stringFind },
                                   { "match", stringMatch },
                                   { "gmatch", stringGmatch },
                                   { "gsub", stringGsub } };
    for (const luaL_Reg &function : functions) {
        lua_pushcfunction(L, function.func);
        lua_setfield(L, -2, function.name);
    }
    lua_pop(L, 1);
}

} // namespace hearth::lua
