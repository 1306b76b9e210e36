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

// No workload we measured ran more than 3 times slower with the hook on;
// this bounds an estimate that went wrong.
constexpr double MaxHookSlowdown = 4;

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

// The hook mask of a counted window: the count, and calls, whose density
// tells how much of the hook's cost a script pays (see HookCost).
constexpr int WindowMask = LUA_MASKCOUNT | LUA_MASKCALL;

// Calls seen by counted windows' hooks (InstructionMeter::countCall). One
// thread runs scripts (and calibrates) in a process.
long long g_calls = 0;

thread_local long long t_calibrationCount = 0;

void countEvery(lua_State *, lua_Debug *event)
{
    if (event->event == LUA_HOOKCOUNT)
        ++t_calibrationCount;
    else
        InstructionMeter::countCall();
}

// What a counted window's hook does on a call (Sandbox's countHook), so that
// the calibration pays what a script pays.
void countCalls(lua_State *, lua_Debug *event)
{
    if (event->event != LUA_HOOKCOUNT)
        InstructionMeter::countCall();
}

// A loop loaded in a state of its own, timed with and without a counted
// window's hook. Its state is kept, so a timing allocates nothing.
class TimedLoop
{
public:
    explicit TimedLoop(const char *source)
        : m_source(source)
        , m_state(loaded(source))
    {
        t_calibrationCount = 0;
        const long long callsBefore = g_calls;
        lua_sethook(m_state, countEvery, WindowMask, 1);
        lua_pushvalue(m_state, -1);
        lua_pcall(m_state, 0, 0, 0);
        m_instructions = double(std::max(t_calibrationCount, 1LL));
        m_callsPerInstruction = double(g_calls - callsBefore) / m_instructions;
    }
    ~TimedLoop() { lua_close(m_state); }
    TimedLoop(const TimedLoop &) = delete;
    TimedLoop &operator=(const TimedLoop &) = delete;

    // CPU time per instruction of one run.
    double nsPerInstruction(bool hooked)
    {
        lua_sethook(m_state, hooked ? countCalls : nullptr, hooked ? WindowMask : 0,
                    InstructionMeter::Window);
        lua_pushvalue(m_state, -1);
        const long long start = platform::threadCpuTimeNs();
        lua_pcall(m_state, 0, 0, 0);
        return std::max(double(platform::threadCpuTimeNs() - start), 1.0) / m_instructions;
    }
    double callsPerInstruction() const { return m_callsPerInstruction; }

    // The same loop in a new state: elsewhere in memory. How fast code runs
    // depends on where its state lies (seen: 1.5 times, by the state's
    // offset in a page), so a calibration takes several.
    void renew()
    {
        lua_State *fresh = loaded(m_source); // before the old one is freed: another place
        lua_close(m_state);
        m_state = fresh;
        nsPerInstruction(false); // warms the caches and the allocator
    }

private:
    static lua_State *loaded(const char *source)
    {
        lua_State *L = luaL_newstate();
        luaL_loadstring(L, source);
        return L;
    }

    const char *m_source;
    lua_State *m_state;
    double m_instructions = 1;
    double m_callsPerInstruction = 0;
};

// How fast this thread runs hooked VM code at the moment: best of two short
// runs of an arithmetic loop (what disturbs a run only adds time). Seen on a
// virtual machine: for stretches of a fraction of a second to seconds the
// same code ran 1.7 times faster or slower (the core's neighbours, its
// frequency), the hook's cost with it; costs are kept relative to the
// probe's time, and the probe is taken again whenever it is needed.
double probeNs()
{
    static TimedLoop probe("local x = 0 for i = 1, 2500 do x = x + i % 7 end return x");
    return std::min(probe.nsPerInstruction(true), probe.nsPerInstruction(true));
}

double median(std::span<double> values)
{
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// What a counted window's hook costs (see InstructionMeter::calibrate). With a
// count hook set, every instruction goes through Lua's hook check, and every
// call and return takes a slower path too; time spent in C (allocating,
// string functions) is not slowed at all. The calibration times two loops at
// the extremes of VM-bound code, plain arithmetic and Lua-to-Lua calls, with
// and without the hook. VM-bound code is slowed by a ratio between theirs,
// by its density of calls (which its counted windows count): a ratio, so that
// a script that runs somewhat faster or slower than the loops (its own
// memory layout) is still estimated in proportion. Code that takes longer
// than VM-bound code spends the rest in C, and pays the hook's time per
// instruction, not its ratio. How much each loop is slowed differs between
// machines (arithmetic 1.4 times and calls 2.0 on one, 2.4 and 1.9 on
// another) and on one machine with its load (calls 2.1 times while the other
// core was busy, 3.0 while it was idle, in one process a second apart), so a
// host that lives long measures it again between runs; absolute times move
// with the machine's speed, so times are kept in units of the speed probe's
// time, measured together with it.
struct HookCost
{
    // Per instruction, in probe times.
    struct Loop
    {
        double hooked = 1;
        double plain = 1;
    };
    Loop arithmetic;
    Loop calls;
    double callsPerInstruction = 0; // of the call loop
    double arithmeticHookedNs = 0; // for a window cut short before any rate was measured

    // The time per instruction with the hook off, for code that takes
    // `hooked` with it on and makes `callDensity` calls per instruction
    // (times in probe times).
    double plainTime(double hooked, double callDensity) const
    {
        const double along = std::clamp(callDensity / callsPerInstruction, 0.0, 1.0);
        const double vmHooked = arithmetic.hooked + along * (calls.hooked - arithmetic.hooked);
        const double vmPlain = arithmetic.plain + along * (calls.plain - arithmetic.plain);
        const double plain =
            hooked <= vmHooked ? hooked * vmPlain / vmHooked : hooked - (vmHooked - vmPlain);
        return std::max(plain, hooked / MaxHookSlowdown);
    }
};

HookCost measureHookCost()
{
    TimedLoop arithmetic("local x = 0 for i = 1, 20000 do x = x + i % 7 end return x");
    TimedLoop calls(
        "local function f(a) return a + 1 end local x = 0 for i = 1, 10000 do x = f(x) end");
    // Rounds of each loop with and without the hook, back to back, between
    // two probes, each round in new states: each round is taken at one speed
    // and one place in memory; the median round counts.
    constexpr int Rounds = 7;
    std::array<double, Rounds> arithmeticHooked {};
    std::array<double, Rounds> arithmeticPlain {};
    std::array<double, Rounds> callsHooked {};
    std::array<double, Rounds> callsPlain {};
    std::array<double, Rounds> arithmeticHookedNs {};
    for (int round = 0; round < Rounds; ++round) {
        arithmetic.renew();
        calls.renew();
        const double probeBefore = probeNs();
        arithmeticPlain[round] = arithmetic.nsPerInstruction(false);
        arithmeticHookedNs[round] = arithmetic.nsPerInstruction(true);
        callsPlain[round] = calls.nsPerInstruction(false);
        callsHooked[round] = calls.nsPerInstruction(true);
        const double probe = (probeBefore + probeNs()) / 2;
        arithmeticHooked[round] = arithmeticHookedNs[round] / probe;
        arithmeticPlain[round] /= probe;
        callsPlain[round] /= probe;
        callsHooked[round] /= probe;
    }
    return { { median(arithmeticHooked), median(arithmeticPlain) },
             { median(callsHooked), median(callsPlain) },
             std::max(calls.callsPerInstruction(), 1e-3),
             median(arithmeticHookedNs) };
}

// The rate of the last few windows. One window is short (tens of
// microseconds) and now and then far off — a cache or page-fault storm —
// so the fastest and the slowest are left out once there are enough; a few
// windows still follow a script into a new phase.
double robustMean(std::span<const double> rates)
{
    if (rates.size() < 3)
        return std::accumulate(rates.begin(), rates.end(), 0.0) / double(rates.size());
    const auto [fastest, slowest] = std::minmax_element(rates.begin(), rates.end());
    return (std::accumulate(rates.begin(), rates.end(), 0.0) - *fastest - *slowest) /
        double(rates.size() - 2);
}

// The hook's cost in use, and when it was measured (see
// InstructionMeter::recalibrateIfOlderThan).
struct Calibration
{
    HookCost cost;
    std::chrono::steady_clock::time_point measuredAt;
    bool measured = false;
};
Calibration g_calibration;

const HookCost &hookCost()
{
    if (!g_calibration.measured)
        InstructionMeter::calibrate();
    return g_calibration.cost;
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
        calibrate();
}

void InstructionMeter::calibrate()
{
    g_calibration = { measureHookCost(), std::chrono::steady_clock::now(), true };
}

void InstructionMeter::recalibrateIfOlderThan(std::chrono::milliseconds age)
{
    if (preempts() && std::chrono::steady_clock::now() - calibratedAt() >= age)
        calibrate();
}

std::chrono::steady_clock::time_point InstructionMeter::calibratedAt()
{
    hookCost();
    return g_calibration.measuredAt;
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
            m_windowsMeasured > 0 ? m_lastHookedNs : hookCost().arithmeticHookedNs;
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
    m_callsAtWindowStart = g_calls;
    const qint64 remaining = std::max<qint64>(1, m_budget - m_instructions);
    lua_sethook(L, m_hook, WindowMask, int(std::min<qint64>(remaining, Window)));
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
            m_lastHookedNs = double(cpu - m_windowStartCpuNs) / window;
            if (m_unprobed < RecentWindows) {
                m_unprobedRates[m_unprobed] = m_lastHookedNs;
                m_unprobedCallDensities[m_unprobed] =
                    double(g_calls - m_callsAtWindowStart) / window;
                ++m_unprobed;
            }
            ++m_windowsMeasured;
        }
    } else if (m_mode == Mode::FreeRunning) {
        m_instructions += estimateSince(cpu);
    }
    m_accountedCpuNs = cpu;
    if (m_mode == Mode::Tripped || m_instructions >= m_budget)
        return; // the caller raises the limit

    // Count exactly until a few windows told the rate, right after a free
    // run (to measure the rate again), and where the budget could run out
    // before the next tick.
    if (!preempts() || m_windowsMeasured < InitialWindows || m_mode == Mode::FreeRunning) {
        beginWindow(L, cpu);
        return;
    }
    if (m_unprobed > 0) {
        probeSpeed();
        m_accountedCpuNs = platform::threadCpuTimeNs(); // the probe's time is not the script's
    }
    const qint64 remaining = m_budget - m_instructions;
    const double tickNs = double(TickMs) * 1e6;
    if (double(remaining) * m_nsPerInstruction < 3 * tickNs) {
        beginWindow(L, m_accountedCpuNs);
        return;
    }
    m_mode = Mode::FreeRunning;
    lua_sethook(L, nullptr, 0, 0);
    setRunning(L);
    m_armable.store(true, std::memory_order_relaxed);
}

void InstructionMeter::probeSpeed()
{
    // The windows since the last probe ran at the speed the probe finds now:
    // in probe times, their rates compare with each other and with the
    // calibration whatever the machine's speed did meanwhile.
    const double probe = probeNs();
    for (int i = 0; i < m_unprobed; ++i) {
        m_recentRates[m_windowsProbed % RecentWindows] = m_unprobedRates[i] / probe;
        m_recentCallDensities[m_windowsProbed % RecentWindows] = m_unprobedCallDensities[i];
        ++m_windowsProbed;
    }
    m_unprobed = 0;
    const int recent = std::min(m_windowsProbed, RecentWindows);
    m_nsPerInstruction = probe *
        hookCost().plainTime(robustMean(std::span(m_recentRates).first(recent)),
                             robustMean(std::span(m_recentCallDensities).first(recent)));
}

void InstructionMeter::countCall()
{
    ++g_calls;
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
