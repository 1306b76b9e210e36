#include "InstructionMeter.h"

#include "platform/Platform.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <numeric>
#include <span>
#include <thread>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

// The meter of the run in progress. A process runs one script at a time
// (a sandbox host runs its runs one after another), so one is enough, and
// the interruption's signal handler can find it without thread-local state.
std::atomic<InstructionMeter *> g_current = nullptr;

// No workload we measured ran more than 2.4 times slower with the hook on;
// this bounds a calibration that went wrong.
constexpr double MaxHookSlowdown = 2.5;

void onInterrupt()
{
    if (InstructionMeter *meter = g_current.load(std::memory_order_relaxed))
        meter->armFromInterrupt();
}

// One thread that interrupts the process's free-running script once per
// tick. It sleeps on a condition variable while no script runs.
class Watchdog
{
public:
    static Watchdog &instance()
    {
        static Watchdog *watchdog = new Watchdog; // never destroyed: its thread outlives main
        return *watchdog;
    }

    bool interrupts() const { return m_interrupts; }

    void watch(InstructionMeter *meter, std::uintptr_t thread)
    {
        const std::lock_guard lock(m_mutex);
        m_meter = meter;
        m_thread = thread;
        m_wake.notify_one();
    }

    // Once this returns, the meter's thread receives no further interruption
    // on its behalf.
    void unwatch()
    {
        const std::lock_guard lock(m_mutex);
        m_meter = nullptr;
    }

private:
    Watchdog()
        : m_interrupts(platform::installThreadInterrupt(onInterrupt))
    {
        if (m_interrupts)
            std::thread([this]() { loop(); }).detach();
    }

    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this]() { return m_meter != nullptr; });
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(InstructionMeter::TickMs));
            lock.lock();
            if (m_meter && m_meter->wantsInterrupt())
                platform::interruptThread(m_thread);
        }
    }

    const bool m_interrupts;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    InstructionMeter *m_meter = nullptr;
    std::uintptr_t m_thread = 0;
};

// What a count hook costs, measured once per process on two loops at the
// extremes of VM-bound code: plain arithmetic, which the hook slows least
// (seen: 1.4 times), and Lua-to-Lua calls, which it slows most (seen: 2.0;
// with a hook every return takes the slow path). A script's own rate with
// the hook on says where it lies: near the arithmetic loop's rate it is
// slowed like it, near the call loop's like that, and in between in
// proportion. Slower code than the call loop spends its extra time in C
// (allocating, string functions), which the hook does not slow: it pays the
// call loop's cost per instruction, not its ratio, and is metered near its
// exact count either way.
struct HookCost
{
    struct Loop
    {
        double hookedNs = 0; // per instruction, with the hook on
        double slowdown = 1; // hooked time / plain time
    };
    Loop arithmetic;
    Loop calls;

    // CPU time per instruction with the hook off, for code that takes
    // `hookedNs` per instruction with it on.
    double plainNs(double hookedNs) const
    {
        if (calls.hookedNs <= arithmetic.hookedNs) // a calibration that went wrong
            return hookedNs / std::sqrt(arithmetic.slowdown * calls.slowdown);
        if (hookedNs <= arithmetic.hookedNs)
            return hookedNs / arithmetic.slowdown;
        if (hookedNs >= calls.hookedNs)
            return hookedNs - calls.hookedNs * (1 - 1 / calls.slowdown);
        const double along =
            (hookedNs - arithmetic.hookedNs) / (calls.hookedNs - arithmetic.hookedNs);
        return hookedNs / (arithmetic.slowdown + along * (calls.slowdown - arithmetic.slowdown));
    }
};

thread_local long long t_calibrationCount = 0;

void countEvery(lua_State *, lua_Debug *)
{
    ++t_calibrationCount;
}

void doNothing(lua_State *, lua_Debug *) { }

// Best of a few runs of `source` with and without a count hook,
// alternating: what disturbs a measurement only adds time.
struct LoopTimes
{
    double plainNs = 1e18;
    double hookedNs = 1e18;
};

LoopTimes timeLoop(const char *source)
{
    lua_State *L = luaL_newstate();
    luaL_loadstring(L, source);
    const auto timeRun = [L](lua_Hook hook, int count) {
        lua_sethook(L, hook, hook ? LUA_MASKCOUNT : 0, count);
        lua_pushvalue(L, -1);
        const long long start = platform::threadCpuTimeNs();
        lua_pcall(L, 0, 0, 0);
        return double(platform::threadCpuTimeNs() - start);
    };
    LoopTimes times;
    for (int i = 0; i < 5; ++i) {
        times.plainNs = std::min(times.plainNs, timeRun(nullptr, 0));
        times.hookedNs = std::min(times.hookedNs, timeRun(doNothing, InstructionMeter::Window));
    }
    lua_close(L);
    return times;
}

long long countInstructions(const char *source)
{
    lua_State *L = luaL_newstate();
    luaL_loadstring(L, source);
    t_calibrationCount = 0;
    lua_sethook(L, countEvery, LUA_MASKCOUNT, 1);
    lua_pcall(L, 0, 0, 0);
    lua_close(L);
    return std::max(t_calibrationCount, 1LL);
}

HookCost measureHookCost()
{
    const char *const arithmetic = "local x = 0 for i = 1, 50000 do x = x + i % 7 end return x";
    const char *const calls =
        "local function f(a) return a + 1 end local x = 0 for i = 1, 20000 do x = f(x) end";
    const auto measure = [](const char *source) {
        const LoopTimes times = timeLoop(source);
        return HookCost::Loop { times.hookedNs / double(countInstructions(source)),
                                std::clamp(times.hookedNs / std::max(times.plainNs, 1.0), 1.0,
                                           MaxHookSlowdown) };
    };
    return { measure(arithmetic), measure(calls) };
}

// The rate of the last few windows. One window is short (tens of
// microseconds) and now and then far off — a cache or page-fault storm, a
// frequency change — so the fastest and the slowest are left out once there
// are enough; a few windows still follow a script into a new phase.
double robustMean(std::span<const double> rates)
{
    if (rates.size() < 3)
        return std::accumulate(rates.begin(), rates.end(), 0.0) / double(rates.size());
    const auto [fastest, slowest] = std::minmax_element(rates.begin(), rates.end());
    return (std::accumulate(rates.begin(), rates.end(), 0.0) - *fastest - *slowest) /
        double(rates.size() - 2);
}

const HookCost &hookCost()
{
    static const HookCost cost = measureHookCost();
    return cost;
}

} // namespace

InstructionMeter::InstructionMeter(qint64 budget, Hook hook)
    : m_budget(budget)
    , m_hook(hook)
{
}

InstructionMeter::~InstructionMeter()
{
    stop();
}

bool InstructionMeter::preempts()
{
    return Watchdog::instance().interrupts();
}

void InstructionMeter::prepare()
{
    if (preempts())
        hookCost();
}

InstructionMeter *InstructionMeter::current()
{
    return g_current.load(std::memory_order_relaxed);
}

void InstructionMeter::start(lua_State *main)
{
    if (preempts())
        hookCost(); // measured before the run, not in its first window
    m_main = main;
    setRunning(main);
    // One run at a time per process (see g_current).
    if (g_current.exchange(this) != nullptr)
        qFatal("InstructionMeter: a second Lua run started in this process");
    m_accountedCpuNs = platform::threadCpuTimeNs();
    beginWindow(main, m_accountedCpuNs);
    // Setting the state up happens in this window: its rate would be wrong.
    m_windowDisturbed = true;
    if (preempts()) {
        Watchdog::instance().watch(this, platform::currentThread());
        m_registered = true;
    }
}

void InstructionMeter::scriptStarts()
{
    if (m_mode == Mode::Counting)
        m_windowStartCpuNs = platform::threadCpuTimeNs();
}

void InstructionMeter::stop()
{
    if (!m_main)
        return;
    m_armable.store(false, std::memory_order_relaxed);
    const qint64 cpu = platform::threadCpuTimeNs();
    if (m_mode == Mode::FreeRunning) {
        m_instructions += estimateSince(cpu);
    } else if (m_mode == Mode::Counting) {
        // The unfinished window, at the hooked rate.
        const double hookedNs =
            m_windowsMeasured > 0 ? m_hookedNsPerInstruction : hookCost().arithmetic.hookedNs;
        if (hookedNs > 0)
            m_instructions += std::min<qint64>(lua_gethookcount(m_main),
                                               qint64(double(cpu - m_windowStartCpuNs) / hookedNs));
    }
    setRunning(nullptr);
    if (m_registered)
        Watchdog::instance().unwatch();
    g_current.store(nullptr);
    m_registered = false;
    m_main = nullptr;
}

qint64 InstructionMeter::estimateSince(qint64 cpuNs) const
{
    if (m_nsPerInstruction <= 0 || cpuNs <= m_accountedCpuNs)
        return 0;
    return qint64(double(cpuNs - m_accountedCpuNs) / m_nsPerInstruction);
}

void InstructionMeter::beginWindow(lua_State *L, qint64 cpuNs)
{
    m_mode = Mode::Counting;
    m_windowStartCpuNs = cpuNs;
    m_windowDisturbed = false;
    const qint64 remaining = std::max<qint64>(1, m_budget - m_instructions);
    lua_sethook(L, m_hook, LUA_MASKCOUNT, int(std::min<qint64>(remaining, Window)));
}

void InstructionMeter::onHook(lua_State *L)
{
    m_armable.store(false, std::memory_order_relaxed);
    const qint64 cpu = platform::threadCpuTimeNs();
    if (m_mode == Mode::Counting) {
        const int window = lua_gethookcount(L);
        m_instructions += window;
        // Small windows (near the end of the budget) time too little to
        // tell the rate.
        if (!m_windowDisturbed && window >= Window / 4 && cpu > m_windowStartCpuNs) {
            m_recentRates[m_windowsMeasured % RecentWindows] =
                double(cpu - m_windowStartCpuNs) / window;
            ++m_windowsMeasured;
            m_hookedNsPerInstruction = robustMean(
                std::span(m_recentRates).first(std::min(m_windowsMeasured, RecentWindows)));
            m_nsPerInstruction = hookCost().plainNs(m_hookedNsPerInstruction);
        }
    } else if (m_mode == Mode::FreeRunning) {
        m_instructions += estimateSince(cpu);
    }
    m_accountedCpuNs = cpu;
    if (m_mode == Mode::Tripped || m_instructions >= m_budget)
        return; // the caller raises the limit

    // Count exactly until a few windows told the rate, where the budget could
    // run out before the next tick, and right after a free run (to measure
    // the rate again).
    const qint64 remaining = m_budget - m_instructions;
    const double tickNs = double(TickMs) * 1e6;
    const bool nearTheEnd = double(remaining) * m_nsPerInstruction < 3 * tickNs;
    if (!preempts() || m_windowsMeasured < InitialWindows || nearTheEnd ||
        m_mode == Mode::FreeRunning) {
        beginWindow(L, cpu);
        return;
    }
    m_mode = Mode::FreeRunning;
    lua_sethook(L, nullptr, 0, 0);
    setRunning(L);
    m_armable.store(true, std::memory_order_relaxed);
}

void InstructionMeter::charge(qint64 steps)
{
    if (m_mode == Mode::FreeRunning) {
        // The CPU time already includes this work.
        const qint64 cpu = platform::threadCpuTimeNs();
        m_instructions += estimateSince(cpu);
        m_accountedCpuNs = cpu;
        return;
    }
    m_instructions += steps;
    m_windowDisturbed = true;
}

void InstructionMeter::hookEveryInstruction(lua_State *L)
{
    m_mode = Mode::Tripped;
    lua_sethook(L, m_hook, LUA_MASKCOUNT, 1);
    if (m_main && m_main != L)
        lua_sethook(m_main, m_hook, LUA_MASKCOUNT, 1);
    setRunning(L);
    // A coroutine created before the hook was set has none: interruptions
    // keep setting it on whatever runs.
    m_armable.store(preempts(), std::memory_order_relaxed);
}

void InstructionMeter::armFromInterrupt()
{
    // Signal context on this meter's thread: only lock-free atomics and
    // lua_sethook, which Lua allows here (lua.c calls it from a signal
    // handler). Never while our own hook changes the hook.
    if (!m_armable.exchange(false, std::memory_order_relaxed))
        return;
    lua_sethook(m_running.load(std::memory_order_relaxed), m_hook, LUA_MASKCOUNT, 1);
}

// --- coroutine tracking ---------------------------------------------------------

namespace {

// Calls upvalue 1 (Lua's own function) with this call's arguments while
// `co` is the running state; errors pass through unchanged.
int callWhileRunning(lua_State *L, lua_State *co)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    InstructionMeter *meter = InstructionMeter::current();
    if (meter)
        meter->setRunning(co);
    const int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (meter)
        meter->setRunning(L);
    return status;
}

int trackedResume(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTHREAD);
    if (callWhileRunning(L, lua_tothread(L, 1)) != LUA_OK)
        return lua_error(L);
    return lua_gettop(L);
}

// The function coroutine.wrap returns: upvalue 1 is Lua's, upvalue 2 its
// coroutine.
int trackedWrapped(lua_State *L)
{
    if (callWhileRunning(L, lua_tothread(L, lua_upvalueindex(2))) != LUA_OK) {
        // Lua's function prefixes the position of its caller, which is now
        // this C function (no position); add the script's, as Lua would.
        if (lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return lua_gettop(L);
}

int trackedWrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    lua_getupvalue(L, -1, 1); // the coroutine Lua's wrapper resumes
    lua_pushcclosure(L, trackedWrapped, 2);
    return 1;
}

} // namespace

void installCoroutineTracking(lua_State *L)
{
    lua_getglobal(L, "coroutine");
    lua_getfield(L, -1, "resume");
    lua_pushcclosure(L, trackedResume, 1);
    lua_setfield(L, -2, "resume");
    lua_getfield(L, -1, "wrap");
    lua_pushcclosure(L, trackedWrap, 1);
    lua_setfield(L, -2, "wrap");
    lua_pop(L, 1);
}

} // namespace hearth::lua
