// The SDK's jq: jq(value_or_json_text, filter) → the filter's first result
// (nil when it gives none), jq.all(…) → all of them, run by libjq. Values
// cross as JSON text, so integers, floats and json.null keep their kinds.
#include "LuaJson.h"
#include "LuaPatterns.h"
#include "LuaSupport.h"
#include "SdkModule.h"

#include <QList>

extern "C" {
#include <jq.h>
#include <lauxlib.h>
#include <lua.h>
}

#include <variant>

namespace hearth::lua {

namespace {

// More results than any JSON API answer needs; an endless generator
// (repeat, range(infinite)) stops here.
constexpr int MaxResults = 100'000;
constexpr qsizetype MaxJsonBytes = 16 * 1024 * 1024;

struct JqRun
{
    QList<QByteArray> results; // JSON texts
    QString error;
};

QString textOf(jv value)
{
    // Consumes value.
    if (jv_get_kind(value) == JV_KIND_STRING) {
        const QString text = QString::fromUtf8(jv_string_value(value));
        jv_free(value);
        return text;
    }
    jv dumped = jv_dump_string(value, 0);
    const QString text = QString::fromUtf8(jv_string_value(dumped));
    jv_free(dumped);
    return text;
}

void collectError(void *data, jv message)
{
    auto *run = static_cast<JqRun *>(data);
    QString text = textOf(message);
    if (run->error.isEmpty())
        run->error = text.remove(QStringLiteral("jq: error: ")).trimmed();
}

constexpr const char *ProgramType = "hearth.jq.program";
// jq compiles its library of builtins with every program (about 10 ms), so
// a run keeps the programs it compiled, up to this many.
constexpr int MaxCachedPrograms = 32;

struct JqProgram
{
    jq_state *jq = nullptr;
};

int programCollect(lua_State *L)
{
    auto *program = static_cast<JqProgram *>(luaL_checkudata(L, 1, ProgramType));
    if (program->jq)
        jq_teardown(&program->jq);
    return 0;
}

// The compiled program for `filter`, from this run's cache or compiled now;
// raises its compile error.
jq_state *compiled(lua_State *L, const char *name, const QByteArray &filter)
{
    static const char cacheKey = 0;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &cacheKey) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &cacheKey);
    }
    const int cache = lua_gettop(L);
    lua_pushlstring(L, filter.constData(), size_t(filter.size()));
    if (lua_rawget(L, cache) == LUA_TUSERDATA) {
        jq_state *jq = static_cast<JqProgram *>(lua_touserdata(L, -1))->jq;
        lua_pop(L, 2);
        return jq;
    }
    lua_pop(L, 1);
    // Full: start again (the old programs are torn down when collected).
    lua_pushboolean(L, 1);
    const lua_Integer cached = lua_rawget(L, cache) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (cached >= MaxCachedPrograms) {
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &cacheKey);
        lua_replace(L, cache);
    }
    auto *program = static_cast<JqProgram *>(lua_newuserdatauv(L, sizeof(JqProgram), 0));
    program->jq = nullptr;
    if (luaL_newmetatable(L, ProgramType)) {
        lua_pushcfunction(L, programCollect);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    program->jq = jq_init();
    if (!program->jq)
        raiseText(L, QLatin1String(name) + QStringLiteral(": not enough memory"));
    JqRun errors;
    jq_set_error_cb(program->jq, collectError, &errors);
    const bool ok = jq_compile(program->jq, filter.constData()) != 0;
    jq_set_error_cb(program->jq, nullptr, nullptr);
    if (!ok) {
        raiseText(L,
                  QLatin1String(name) + QStringLiteral(": ") +
                      (errors.error.isEmpty() ? QStringLiteral("the filter does not compile")
                                              : errors.error));
    }
    lua_pushlstring(L, filter.constData(), size_t(filter.size()));
    lua_pushvalue(L, -2);
    lua_rawset(L, cache);
    lua_pushboolean(L, 1);
    lua_pushinteger(L, cached >= MaxCachedPrograms ? 1 : cached + 1);
    lua_rawset(L, cache);
    lua_pop(L, 2); // the program and the cache
    return program->jq;
}

// Runs a compiled program without touching Lua, so that nothing of jq's is
// alive when an error is raised. `stop` says whether the run's limits were
// reached.
template<typename Stop> JqRun runJq(jq_state *jq, const QByteArray &input, int wanted, Stop stop)
{
    JqRun run;
    jq_set_error_cb(jq, collectError, &run);
    jv parsed = jv_parse_sized(input.constData(), int(input.size()));
    if (!jv_is_valid(parsed)) {
        run.error = QStringLiteral("the input is not JSON: ") + textOf(jv_invalid_get_msg(parsed));
        jq_set_error_cb(jq, nullptr, nullptr);
        return run;
    }
    jq_start(jq, parsed, 0);
    qsizetype bytes = 0;
    while (true) {
        jv result = jq_next(jq);
        if (!jv_is_valid(result)) {
            if (jv_invalid_has_msg(jv_copy(result)))
                run.error = textOf(jv_invalid_get_msg(result));
            else
                jv_free(result);
            break;
        }
        jv dumped = jv_dump_string(result, 0);
        run.results.append(QByteArray(jv_string_value(dumped)));
        jv_free(dumped);
        bytes += run.results.last().size();
        if (run.results.size() >= wanted)
            break;
        if (run.results.size() >= MaxResults || bytes > MaxJsonBytes) {
            run.error = QStringLiteral("the filter gave more than %1 results or %2 bytes")
                            .arg(MaxResults)
                            .arg(MaxJsonBytes);
            break;
        }
        if (stop())
            break;
    }
    jq_set_error_cb(jq, nullptr, nullptr);
    return run;
}

int callJq(lua_State *L, int first, bool all)
{
    const char *name = all ? "jq.all" : "jq";
    luaL_checkany(L, first);
    const QByteArray filter = checkedBytes(L, first + 1);
    QByteArray input;
    if (lua_type(L, first) == LUA_TSTRING) {
        input = checkedBytes(L, first);
        if (input.size() > MaxJsonBytes)
            raiseText(L,
                      QStringLiteral("%1: the JSON text is larger than %2 bytes")
                          .arg(QLatin1String(name))
                          .arg(MaxJsonBytes));
    } else {
        QString error;
        if (!encodeJson(L, first, input, error, MaxJsonBytes))
            raiseText(L, QLatin1String(name) + QStringLiteral(": ") + error);
    }
    jq_state *program = compiled(L, name, filter);
    const JqRun run =
        runJq(program, input, all ? MaxResults + 1 : 1, [L]() { return chargeSteps(L, 1); });
    if (chargeSteps(L, 0))
        raiseTripped(L);
    if (!run.error.isEmpty())
        raiseText(L, QLatin1String(name) + QStringLiteral(": ") + run.error);
    if (all) {
        lua_createtable(L, int(run.results.size()), 0);
        markAsArray(L, -1);
    }
    for (qsizetype i = 0; i < run.results.size(); ++i) {
        QString error;
        if (!decodeJson(L, run.results[i], error))
            raiseText(L, QLatin1String(name) + QStringLiteral(": ") + error);
        if (all)
            lua_rawseti(L, -2, lua_Integer(i + 1));
    }
    if (!all && run.results.isEmpty())
        lua_pushnil(L);
    return 1;
}

// jq(value, filter): called through the table's __call (argument 1 is jq).
int jqFirst(lua_State *L)
{
    return callJq(L, 2, false);
}

int jqAll(lua_State *L)
{
    return callJq(L, 1, true);
}

} // namespace

void openSdk_jq(lua_State *L, const SdkEnvironment &)
{
    lua_newtable(L);
    lua_pushcfunction(L, jqAll);
    lua_setfield(L, -2, "all");
    lua_newtable(L);
    lua_pushcfunction(L, jqFirst);
    lua_setfield(L, -2, "__call");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "jq");
}

} // namespace hearth::lua
