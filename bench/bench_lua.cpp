// Prints the Lua engine's figures:
//  - the engine alone: creating a sandbox and running an empty script
//    (median, p99), in-process;
//  - a sandbox host's start (spawn, set-up, lockdown, first run);
//  - one run through the pool of hosts, as hearthd does it (p50/p99), and
//    what the process boundary adds to the engine alone;
//  - throughput of a trivial script on 2 hosts (runs/s), and the hosts'
//    resident memory after it;
//  - a CPU-bound loop in a host (instruction meter, quota allocator) against
//    the same loop in a stock Lua 5.4 state, as instructions/s and a ratio,
//    and how close the meter's estimate came to the exact count.
#include "lua/Sandbox.h"
#include "sandbox/SandboxPool.h"

#include <QCoreApplication>
#include <QFile>
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
using hearth::sandbox::SandboxPool;
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
    const double engineMedian = percentile(startups, 0.5);
    std::printf("engine alone, sandbox create + empty script: median %.1f us, p99 %.1f us "
                "(n=2000)\n",
                engineMedian, percentile(startups, 0.99));

    const SandboxPool::Config hosts { QStringLiteral(HEARTH_BIN_DIR "/hearth-sandbox"), 2,
                                      512LL * 1024 * 1024 };
    {
        std::vector<double> starts;
        for (int i = 0; i < 20; ++i) {
            const auto start = Clock::now();
            SandboxPool pool({ hosts.hostProgram, 1, hosts.maxMemoryBytes }, {});
            pool.run("return nil", {}, {});
            starts.push_back(millisSince(start));
        }
        std::printf("host start (spawn, set-up, lockdown, first run): median %.1f ms, max %.1f ms "
                    "(n=20)\n",
                    percentile(starts, 0.5), percentile(starts, 1.0));
    }

    SandboxPool pool(hosts, {});
    pool.run("return nil", {}, {}); // both hosts warm
    pool.run("return nil", {}, {});
    {
        std::vector<double> runs;
        for (int i = 0; i < 5000; ++i) {
            const auto start = Clock::now();
            pool.run("return nil", {}, {});
            runs.push_back(millisSince(start) * 1000);
        }
        const double median = percentile(runs, 0.5);
        std::printf("one run through the pool: p50 %.1f us, p99 %.1f us (n=5000); the process "
                    "boundary adds %.1f us at p50\n",
                    median, percentile(runs, 0.99), median - engineMedian);
    }
    {
        std::atomic<long> runs = 0;
        std::atomic<bool> running = true;
        std::vector<std::thread> submitters;
        const auto start = Clock::now();
        for (int i = 0; i < 4; ++i) {
            submitters.emplace_back([&]() {
                while (running) {
                    pool.run("local t = {} for i = 1, 10 do t[i] = i end return #t", {}, {});
                    ++runs;
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::seconds(3));
        running = false;
        for (auto &submitter : submitters)
            submitter.join();
        std::printf("trivial script on 2 hosts: %.0f runs/s\n",
                    double(runs.load()) / (millisSince(start) / 1000));
        for (const long long pid : pool.hostPids()) {
            QFile status(QStringLiteral("/proc/%1/status").arg(pid));
            if (!status.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    std::printf("  sandbox host %lld: %s\n", pid, line.simplified().constData());
            }
        }
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
        const ExecutionResult result = pool.run(CpuLoop, {}, limits);
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
    std::printf("CPU-bound loop (%lld instructions): in a host %.0f ms (%.0f M instructions/s), "
                "stock Lua %.0f ms (%.0f M instructions/s); host/stock time ratio %.3f\n",
                instructions, sandboxMs, double(instructions) / sandboxMs / 1000, stockMs,
                double(instructions) / stockMs / 1000, sandboxMs / stockMs);
    std::printf("  metered instructions: %lld (%.2f of the exact count)\n", metered,
                double(metered) / double(instructions));
    return 0;
}
