#pragma once

#include <QtGlobal>
#include <array>
#include <atomic>
#include <chrono>

struct lua_State;
struct lua_Debug;

namespace hearth::lua {

// Counts a run's VM instructions against its budget without slowing the VM.
//
// As soon as any count hook is set, Lua 5.4 sends every instruction through
// its hook check, whatever the hook's interval: a script runs about twice as
// slowly. So the hook is set only in short counted windows — at the start of
// a run, once per tick, and all the time once the budget is nearly spent —
// and is off in between. While it is off, a watchdog thread interrupts the
// run's thread every tick (a signal, the way lua.c stops a script on Ctrl-C)
// to set it again, so deadlines and the budget are still checked every tick.
// The instructions run with the hook off are estimated from the thread's CPU
// time, at the rate measured in the last counted windows less the hook's own
// cost for code with their density of calls (measured when the process
// starts and again between runs every CalibrationMaxAge, and scaled by a
// short probe of the machine's speed each time the hook goes off; see
// HookCost). Where threads cannot be interrupted, every instruction
// is counted and the hook's cost is paid.
//
// A process meters one run at a time: a sandbox host runs its runs one after
// another, each in a process of its own beside hearthd, so no neighbour's
// script shares its CPU-time figures or its watchdog.
class InstructionMeter
{
public:
    using Hook = void (*)(lua_State *, lua_Debug *);
    // Instructions in one counted window.
    static constexpr int Window = 16384;
    // How often a free-running script is interrupted.
    static constexpr int TickMs = 10;
    // Counted windows in a row at the start of a run, to learn its rate.
    static constexpr int InitialWindows = 4;

    InstructionMeter(qint64 budget, Hook hook);
    ~InstructionMeter();
    InstructionMeter(const InstructionMeter &) = delete;
    InstructionMeter &operator=(const InstructionMeter &) = delete;

    // Starts metering `main`, about to run on the calling thread.
    void start(lua_State *main);
    // The script's chunk starts now: CPU time spent so far (opening the
    // libraries, compiling) is not the script's and must not be estimated
    // as instructions of the first window.
    void scriptStarts();
    // Stops on the same thread, before the state is closed: no interruption
    // touches the state after this returns. Adds an estimate of the work
    // since the last hook call.
    void stop();

    // From the hook, with the state it fired in: accounts for the work since
    // the previous call and sets up the next window.
    void onHook(lua_State *L);
    // From the hook, on a call while a window is counted.
    static void countCall();
    // Work done in C that no hook sees (our pattern matcher), in steps.
    void charge(qint64 steps);
    // Once a limit tripped: hook every instruction of L and of the main
    // state, and keep interrupting whatever runs, so that no pcall or
    // coroutine can keep the script alive.
    void hookEveryInstruction(lua_State *L);

    qint64 budget() const { return m_budget; }
    qint64 instructions() const { return m_instructions; }
    bool exhausted() const { return m_instructions >= m_budget; }

    // The coroutine that runs now (our coroutine.resume and coroutine.wrap
    // keep it current): the state an interruption must set the hook on.
    void setRunning(lua_State *L) { m_running.store(L, std::memory_order_relaxed); }
    lua_State *running() const { return m_running.load(std::memory_order_relaxed); }

    // The meter of the run in progress in this process, else null.
    static InstructionMeter *current();
    // Whether this platform interrupts threads (else every instruction is
    // counted).
    static bool preempts();
    // Measures the hook's cost now (a few milliseconds).
    static void calibrate();
    // The hook's cost moves with the machine's load (the neighbours of the
    // host's core), and a sandbox host lives for many runs: it measures the
    // cost again between runs once the measurement is this old.
    static constexpr std::chrono::seconds CalibrationMaxAge { 10 };
    static void recalibrateIfOlderThan(std::chrono::milliseconds age);
    static std::chrono::steady_clock::time_point calibratedAt();
    // Starts the watchdog and measures the hook's cost now (a sandbox host
    // does this before it locks itself down and before its first run).
    static void prepare();

    // Runs in signal context on the interrupted thread.
    void armFromInterrupt();
    bool wantsInterrupt() const { return m_armable.load(std::memory_order_relaxed); }

private:
    enum class Mode { Counting, FreeRunning, Tripped };

    qint64 estimateSince(qint64 cpuNs) const;
    // Takes the speed probe and, with it, the rate of the windows counted
    // since the last one (see HookCost in the .cpp).
    void probeSpeed();
    void beginWindow(lua_State *L, qint64 cpuNs);

    const qint64 m_budget;
    const Hook m_hook;
    lua_State *m_main = nullptr;
    Mode m_mode = Mode::Counting;
    qint64 m_instructions = 0;
    // CPU time up to which m_instructions accounts for the work.
    qint64 m_accountedCpuNs = 0;
    // The current counted window: where it started, and whether C work was
    // charged inside it (its rate would then be wrong).
    qint64 m_windowStartCpuNs = 0;
    bool m_windowDisturbed = false;
    // CPU time per instruction with the hook on in the last counted window,
    // and with it off (estimated); 0 until measured.
    double m_lastHookedNs = 0;
    double m_nsPerInstruction = 0;
    // The calls made before the current counted window started.
    long long m_callsAtWindowStart = 0;
    // Counted windows not yet set against a speed probe: hooked CPU time and
    // calls per instruction.
    static constexpr int RecentWindows = 8;
    std::array<double, RecentWindows> m_unprobedRates {};
    std::array<double, RecentWindows> m_unprobedCallDensities {};
    int m_unprobed = 0;
    // The hooked rates (in probe times) and call densities of the last
    // probed windows, oldest overwritten first.
    std::array<double, RecentWindows> m_recentRates {};
    std::array<double, RecentWindows> m_recentCallDensities {};
    int m_windowsProbed = 0;
    int m_windowsMeasured = 0;
    bool m_registered = false;

    std::atomic<lua_State *> m_running = nullptr;
    // Set while the hook is off (or a limit tripped): an interruption may
    // set it. Cleared by whoever sets the hook.
    std::atomic<bool> m_armable = false;
};

// Replaces coroutine.resume and coroutine.wrap with versions that keep the
// meter's running state current (same results and errors as Lua's own).
void installCoroutineTracking(lua_State *L);

} // namespace hearth::lua
