#include "Sandbox.h"

#include "InstructionMeter.h"
#include "LuaJson.h"
#include "LuaPatterns.h"
#include "LuaSupport.h"
#include "SdkChannel.h"
#include "SdkModule.h"
#include "SdkTestFunctions.h"
#include "XmlMemory.h"

#include <QDateTime>
#include <chrono>
#include <cstdlib>
#include <cstring>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

namespace hearth::lua {

namespace {

using Clock = std::chrono::steady_clock;

void countHook(lua_State *L, lua_Debug *);

struct RunState
{
    explicit RunState(qint64 budget)
        : meter(budget, countHook)
    {
    }

    // Memory: every allocation of the state goes through allocate().
    size_t used = 0;
    size_t peak = 0;
    size_t quota = 0;
    // Instructions and time, checked by the count hook.
    InstructionMeter meter;
    Clock::time_point deadline;
    // The first limit that tripped. Once set it is raised again at every
    // hook call, so a pcall that swallows it cannot keep the script alive.
    Outcome tripped = Outcome::Succeeded;
    QString trippedMessage;
    // While positive, allocations may exceed the quota (see QuotaExemption).
    int exemptions = 0;
    // The script's own allocations stop this much short of the quota, so
    // that our exempt pushes (a few small strings) stay within it too.
    static constexpr size_t ExemptReserve = 4096;
    size_t scriptQuota() const { return quota > ExemptReserve ? quota - ExemptReserve : 0; }

    // Where SDK calls and log lines go; null: nowhere (logs stay in `logs`).
    SdkChannel *channel = nullptr;
    // snapshot.save's text, the last one saved.
    std::optional<QByteArray> snapshot;
    QList<LogLine> logs;
    int logLines = 0;
    qsizetype logBytes = 0;
    int droppedLogLines = 0;
};

RunState *stateOf(lua_State *L)
{
    void *userData = nullptr;
    lua_getallocf(L, &userData);
    return static_cast<RunState *>(userData);
}

void trip(RunState *state, Outcome outcome, const QString &message)
{
    if (state->tripped == Outcome::Succeeded) {
        state->tripped = outcome;
        state->trippedMessage = message;
        // Raise it again at the next instruction, whatever swallows this
        // error (we may be inside the allocator: lua_sethook is safe here).
        if (lua_State *running = state->meter.running())
            state->meter.hookEveryInstruction(running);
    }
}

void *allocate(void *userData, void *pointer, size_t oldSize, size_t newSize)
{
    auto *state = static_cast<RunState *>(userData);
    const size_t old = pointer ? oldSize : 0;
    if (newSize == 0) {
        std::free(pointer);
        state->used -= old;
        return nullptr;
    }
    if (newSize > old && state->exemptions == 0 &&
        state->used - old + newSize > state->scriptQuota()) {
        trip(state, Outcome::MemoryLimit,
             QStringLiteral("the script needed more than %1 bytes of memory").arg(state->quota));
        return nullptr; // Lua raises a memory error
    }
    void *resized = std::realloc(pointer, newSize);
    if (!resized)
        return nullptr;
    state->used = state->used - old + newSize;
    state->peak = std::max(state->peak, state->used);
    return resized;
}

void checkLimits(RunState *state)
{
    if (state->meter.exhausted()) {
        trip(state, Outcome::InstructionLimit,
             QStringLiteral("the script ran more than %1 instructions").arg(state->meter.budget()));
    } else if (Clock::now() >= state->deadline) {
        trip(state, Outcome::Timeout, QStringLiteral("the script ran past its deadline"));
    }
}

void countHook(lua_State *L, lua_Debug *event)
{
    // Counted windows also see calls: the meter counts them (and nothing
    // more: its calibration pays the same). A tripped run's next count event
    // comes at the next instruction.
    if (event->event != LUA_HOOKCOUNT) {
        InstructionMeter::countCall();
        return;
    }
    RunState *state = stateOf(L);
    if (state->tripped == Outcome::Succeeded) {
        state->meter.onHook(L);
        checkLimits(state);
    }
    if (state->tripped != Outcome::Succeeded)
        raiseTripped(L);
}

// Records memory_limit and pushes its message; the caller raises it.
void pushMemoryTrip(lua_State *L, const QString &message)
{
    trip(stateOf(L), Outcome::MemoryLimit, message);
    pushText(L, message);
}

// --- capped C functions ------------------------------------------------------

// Calls the original function (upvalue 1) with this call's arguments.
int callWrapped(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

int cappedRep(lua_State *L)
{
    size_t length = 0;
    size_t separatorLength = 0;
    luaL_checklstring(L, 1, &length);
    const lua_Integer count = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separatorLength);
    if (count > 0) {
        const long double total = (long double)(length) * (long double)(count) +
            (long double)(separatorLength) * (long double)(count - 1);
        if (total > (long double)(Sandbox::MaxStringBytes)) {
            pushMemoryTrip(L,
                           QStringLiteral("string.rep would build %1 bytes; the limit is %2")
                               .arg(double(total), 0, 'g', 4)
                               .arg(Sandbox::MaxStringBytes));
            return lua_error(L);
        }
    }
    return callWrapped(L);
}

int cappedConcat(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t separatorLength = 0;
    luaL_optlstring(L, 2, "", &separatorLength);
    const lua_Integer first = luaL_optinteger(L, 3, 1);
    const lua_Integer last =
        lua_isnoneornil(L, 4) ? lua_Integer(luaL_len(L, 1)) : luaL_checkinteger(L, 4);
    long double total = 0;
    for (lua_Integer i = first; i <= last; ++i) {
        lua_geti(L, 1, i);
        size_t length = 0;
        if (lua_isstring(L, -1))
            lua_tolstring(L, -1, &length);
        lua_pop(L, 1);
        total += (long double)(length) + (i < last ? (long double)(separatorLength) : 0);
        if (total > (long double)(Sandbox::MaxStringBytes)) {
            pushMemoryTrip(L,
                           QStringLiteral("table.concat would build more than %1 bytes")
                               .arg(Sandbox::MaxStringBytes));
            return lua_error(L);
        }
    }
    return callWrapped(L);
}

void wrapField(lua_State *L, const char *table, const char *name, lua_CFunction wrapper)
{
    lua_getglobal(L, table);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

// Finalizers would run Lua code while the state closes, after the run's
// limits stopped applying. Lua marks an object for finalization only if its
// metatable has __gc when it is set, so refusing that here is enough.
int setMetatableWithoutFinalizer(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        const bool finalizer = lua_rawget(L, 2) != LUA_TNIL;
        lua_pop(L, 1);
        if (finalizer)
            return luaL_error(L, "setmetatable: __gc (finalizers) is not available in scripts");
    }
    return callWrapped(L);
}

int limitedCollectGarbage(lua_State *L)
{
    const char *option = luaL_optstring(L, 1, "count");
    if (std::strcmp(option, "count") != 0)
        return luaL_error(L, "collectgarbage: only \"count\" is available");
    lua_pushnumber(
        L, lua_Number(lua_gc(L, LUA_GCCOUNT, 0)) + lua_Number(lua_gc(L, LUA_GCCOUNTB, 0)) / 1024);
    return 1;
}

// --- log and print -----------------------------------------------------------

// A log line goes to hearthd as it is written (so a run that is killed
// keeps the lines before), or into the result where there is no channel.
void emitLog(RunState *state, LogLine line)
{
    if (state->channel) {
        state->channel->log(line);
        return;
    }
    line.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    state->logs.append(std::move(line));
}

} // namespace

void appendRunLog(lua_State *L, LogLevel level, QString message, QByteArray dataJson)
{
    RunState *state = stateOf(L);
    const qsizetype size = message.size() + dataJson.size();
    if (state->logLines >= Sandbox::MaxLogLines || state->logBytes + size > Sandbox::MaxLogBytes) {
        ++state->droppedLogLines;
        return;
    }
    ++state->logLines;
    state->logBytes += size;
    emitLog(state, { level, std::move(message), std::move(dataJson), {} });
}

namespace {

// --- the environment -----------------------------------------------------------

void openLibraries(lua_State *L, const ScriptContext &context, RunState &state)
{
    const luaL_Reg allowed[] = {
        { LUA_GNAME, luaopen_base },       { LUA_STRLIBNAME, luaopen_string },
        { LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
        { LUA_UTF8LIBNAME, luaopen_utf8 }, { LUA_COLIBNAME, luaopen_coroutine },
    };
    for (const luaL_Reg &library : allowed) {
        luaL_requiref(L, library.name, library.func, 1);
        lua_pop(L, 1);
    }
    // os: only the clock and calendar functions.
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
    lua_newtable(L);
    for (const char *name : { "time", "clock", "date" }) {
        lua_getfield(L, -2, name);
        lua_setfield(L, -2, name);
    }
    lua_setglobal(L, "os");
    lua_pop(L, 1);

    // Base minus everything that loads code or touches files.
    for (const char *name : { "load", "loadfile", "dofile", "require" }) {
        lua_pushnil(L);
        lua_setglobal(L, name);
    }
    lua_pushcfunction(L, limitedCollectGarbage);
    lua_setglobal(L, "collectgarbage");

    lua_getglobal(L, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);

    wrapField(L, LUA_GNAME, "setmetatable", setMetatableWithoutFinalizer);
    wrapField(L, "string", "rep", cappedRep);
    wrapField(L, "table", "concat", cappedConcat);
    installPatternFunctions(L);
    installCoroutineTracking(L);

    // Strings share one metatable (its __index is the string table); lock it
    // so getmetatable("") cannot reach and alter it.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    // The SDK's modules, as sdk::Modules lists them.
    openSdkModules(L, { state.channel, context });
    openTestFunctions(L, state.channel);
}

struct Job
{
    const QByteArray *source;
    const ScriptContext *context;
    ExecutionResult *result;
};

int traceback(lua_State *L)
{
    const char *message = lua_tostring(L, 1);
    luaL_traceback(L, L, message ? message : "(error object is not a string)", 1);
    return 1;
}

// Runs inside lua_pcall, so that even setting the state up is protected (a
// tiny memory quota must not make Lua panic).
int runProtected(lua_State *L)
{
    auto *job = static_cast<Job *>(lua_touserdata(L, 1));
    {
        // Setting up holds C++ temporaries and must not fail half-way.
        QuotaExemption exemption(L);
        openLibraries(L, *job->context, *stateOf(L));
    }
    lua_pushcfunction(L, traceback);
    const int handler = lua_gettop(L);
    const int loaded =
        luaL_loadbufferx(L, job->source->constData(), size_t(job->source->size()), "=script", "t");
    if (loaded != LUA_OK)
        return lua_error(L);
    stateOf(L)->meter.scriptStarts();
    if (lua_pcall(L, 0, 1, handler) != LUA_OK)
        return lua_error(L);
    // Without snapshot.save, a `snapshot` text in the result is the snapshot.
    if (!stateOf(L)->snapshot && lua_type(L, -1) == LUA_TTABLE) {
        if (lua_getfield(L, -1, "snapshot") == LUA_TSTRING) {
            size_t length = 0;
            const char *text = lua_tolstring(L, -1, &length);
            if (qsizetype(length) > RunCaps::MaxSnapshotBytes) {
                pushText(L,
                         QStringLiteral("the result's snapshot is larger than %1 bytes")
                             .arg(RunCaps::MaxSnapshotBytes));
                return lua_error(L);
            }
            stateOf(L)->snapshot = QByteArray(text, qsizetype(length));
        }
        lua_pop(L, 1);
    }
    bool encoded = false;
    {
        QString error;
        job->result->resultJson.clear();
        encoded = encodeJson(L, -1, job->result->resultJson, error, Sandbox::MaxResultBytes);
        if (!encoded) {
            const bool tooLarge = job->result->resultJson.size() > Sandbox::MaxResultBytes ||
                error.contains(u"exceed");
            job->result->resultJson = "null";
            if (tooLarge) {
                trip(stateOf(L), Outcome::OutputTooLarge,
                     QStringLiteral("the result is larger than %1 bytes as JSON")
                         .arg(Sandbox::MaxResultBytes));
            }
            pushText(L, QStringLiteral("the result cannot be encoded as JSON: ") + error);
        }
    }
    return encoded ? 0 : lua_error(L);
}

} // namespace

bool chargeSteps(lua_State *L, long long steps)
{
    RunState *state = stateOf(L);
    if (state->tripped == Outcome::Succeeded) {
        state->meter.charge(steps);
        checkLimits(state);
    }
    return state->tripped != Outcome::Succeeded;
}

void raiseTripped(lua_State *L)
{
    // From now on the hook runs at every instruction, so nothing runs
    // between a pcall that caught the error and the next raise.
    stateOf(L)->meter.hookEveryInstruction(L);
    // One string for every raise, so that a script that keeps swallowing
    // the error does not make us allocate beyond the quota.
    static const char messageKey = 0;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &messageKey) == LUA_TNIL) {
        lua_pop(L, 1);
        pushText(L, stateOf(L)->trippedMessage);
        lua_pushvalue(L, -1);
        QuotaExemption exemption(L);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &messageKey);
    }
    lua_error(L);
    std::abort(); // lua_error does not return
}

QuotaExemption::QuotaExemption(lua_State *L)
    : m_state(L)
{
    ++stateOf(L)->exemptions;
}

QuotaExemption::~QuotaExemption()
{
    --stateOf(m_state)->exemptions;
}

bool chargeMemory(lua_State *L, size_t bytes)
{
    RunState *state = stateOf(L);
    if (state->used + bytes > state->scriptQuota()) {
        trip(state, Outcome::MemoryLimit,
             QStringLiteral("the script needed more than %1 bytes of memory").arg(state->quota));
        return false;
    }
    state->used += bytes;
    state->peak = std::max(state->peak, state->used);
    return true;
}

void releaseMemory(lua_State *L, size_t bytes)
{
    stateOf(L)->used -= bytes;
}

void keepSnapshot(lua_State *L, QByteArray text)
{
    stateOf(L)->snapshot = std::move(text);
}

void pushText(lua_State *L, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QuotaExemption exemption(L);
    lua_pushlstring(L, utf8.constData(), size_t(utf8.size()));
}

QString Sandbox::checkSyntax(const QByteArray &source)
{
    RunState state(0);
    state.quota = 64 * 1024 * 1024;
    lua_State *L = lua_newstate(allocate, &state);
    if (!L)
        return QStringLiteral("cannot create a Lua state");
    QString error;
    if (luaL_loadbufferx(L, source.constData(), size_t(source.size()), "=script", "t") != LUA_OK)
        error = QString::fromUtf8(lua_tostring(L, -1));
    lua_close(L);
    return error;
}

ExecutionResult Sandbox::run(const QByteArray &source, const ScriptContext &context,
                             const Limits &limits, SdkChannel *channel)
{
    installXmlAllocator();
    ExecutionResult result;
    const auto started = Clock::now();
    RunState state(limits.instructions);
    state.quota = size_t(limits.memoryBytes);
    state.deadline = started + std::chrono::milliseconds(limits.timeoutMs);
    state.channel = channel;

    lua_State *L = lua_newstate(allocate, &state);
    if (!L) {
        result.outcome = Outcome::MemoryLimit;
        result.errorMessage = QStringLiteral("the memory limit is too small to start Lua");
        return result;
    }
    state.meter.start(L);
    // Until after lua_close: the documents scripts parsed are freed there.
    const XmlRunScope xmlAllocations(L);

    Job job { &source, &context, &result };
    lua_pushcfunction(L, runProtected);
    lua_pushlightuserdata(L, &job);
    const int status = lua_pcall(L, 1, 0, 0);
    state.meter.stop();
    if (status != LUA_OK || state.tripped != Outcome::Succeeded) {
        // A tripped limit wins over whatever error the script turned it into.
        result.outcome = state.tripped != Outcome::Succeeded ? state.tripped : Outcome::ScriptError;
        QString message = status != LUA_OK && lua_isstring(L, -1)
            ? QString::fromUtf8(lua_tostring(L, -1))
            : QString();
        const qsizetype tracebackStart = message.indexOf(QStringLiteral("\nstack traceback:"));
        if (tracebackStart >= 0) {
            result.traceback = message.mid(tracebackStart + 1);
            message.truncate(tracebackStart);
        }
        result.errorMessage = state.tripped != Outcome::Succeeded ? state.trippedMessage : message;
        if (result.outcome == Outcome::ScriptError && status == LUA_ERRMEM)
            result.errorMessage = QStringLiteral("not enough memory");
        result.resultJson = "null";
    }
    lua_close(L);

    if (state.droppedLogLines > 0) {
        emitLog(&state,
                { LogLevel::Warn,
                  QStringLiteral("%1 more log lines were dropped (limit: %2 lines, %3 bytes)")
                      .arg(state.droppedLogLines)
                      .arg(MaxLogLines)
                      .arg(MaxLogBytes),
                  {},
                  {} });
    }
    result.logs = std::move(state.logs);
    if (result.outcome == Outcome::Succeeded)
        result.snapshot = std::move(state.snapshot);
    result.durationMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    result.instructions = state.meter.instructions();
    result.peakMemoryBytes = qint64(state.peak);
    return result;
}

} // namespace hearth::lua
