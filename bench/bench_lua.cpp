// Prints the Lua engine's figures:
//  - creating a sandbox and running an empty script (median, p99),
//  - throughput of a trivial script on a 2-thread ScriptRunner (runs/s),
//  - a CPU-bound loop in the sandbox (instruction meter, quota allocator)
//    against the same loop in a stock Lua 5.4 state, as instructions/s and a
//    ratio, and how close the meter's estimate came to the exact count.
#include "lua/Sandbox.h"
#include "lua/ScriptRunner.h"

#include <QCoreApplication>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

using namespace hearth::lua;
using Clock = std::chrono::steady_clock;

namespace {

double millisSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

const char CpuLoop[] = "local x = 0 for i = 1, 30000000 do x = x + i % 7 end return x";

long long t_counted = 0;

void countOne(lua_State *, lua_Debug *)
{
    ++t_counted;
}

// Every instruction of `source`, counted in a stock state.
long long exactInstructions(const char *source)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    t_counted = 0;
    lua_sethook(L, countOne, LUA_MASKCOUNT, 1);
    luaL_loadstring(L, source);
    lua_pcall(L, 0, 0, 0);
    lua_close(L);
    return t_counted;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    std::vector<double> startups;
    for (int i = 0; i < 2000; ++i) {
        const auto start = Clock::now();
        Sandbox::run("return nil", {}, {});
        startups.push_back(millisSince(start) * 1000);
    }
    std::printf("sandbox create + empty script: median %.1f us, p99 %.1f us (n=2000)\n",
                percentile(startups, 0.5), percentile(startups, 0.99));

    {
        ScriptRunner runner(2, {});
        std::atomic<long> runs = 0;
        std::atomic<bool> running = true;
        std::vector<std::thread> submitters;
        const auto start = Clock::now();
        for (int i = 0; i < 4; ++i) {
            submitters.emplace_back([&]() {
                while (running) {
                    runner.run("local t = {} for i = 1, 10 do t[i] = i end return #t", {}, {});
                    ++runs;
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::seconds(3));
        running = false;
        for (auto &submitter : submitters)
            submitter.join();
        std::printf("trivial script on a 2-thread pool: %.0f runs/s\n",
                    double(runs.load()) / (millisSince(start) / 1000));
    }

    // Same loop, alternating, best of 7 each: this machine's speed changes
    // from one moment to the next, and a disturbance only ever adds time.
    const long long instructions = exactInstructions(CpuLoop);
    double sandboxMs = 1e12;
    double stockMs = 1e12;
    qint64 metered = 0;
    for (int i = 0; i < 7; ++i) {
        Limits limits;
        limits.instructions = 10'000'000'000;
        limits.timeoutMs = 120'000;
        const ExecutionResult result = Sandbox::run(CpuLoop, {}, limits);
        sandboxMs = std::min(sandboxMs, double(result.durationMs));
        metered = result.instructions;

        lua_State *L = luaL_newstate();
        luaL_openlibs(L);
        const auto start = Clock::now();
        luaL_loadstring(L, CpuLoop);
        lua_pcall(L, 0, 1, 0);
        stockMs = std::min(stockMs, millisSince(start));
        lua_close(L);
    }
    std::printf("CPU-bound loop (%lld instructions): sandbox %.0f ms (%.0f M instructions/s), "
                "stock Lua %.0f ms (%.0f M instructions/s); sandbox/stock time ratio %.3f\n",
                instructions, sandboxMs, double(instructions) / sandboxMs / 1000, stockMs,
                double(instructions) / stockMs / 1000, sandboxMs / stockMs);
    std::printf("  metered instructions: %lld (%.2f of the exact count)\n", metered,
                double(metered) / double(instructions));
    return 0;
}
