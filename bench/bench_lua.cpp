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
//    and how close the meter's estimate came to the exact count;
//  - the SDK's parsers in a host (html.parse + select on a 1 MiB page,
//    feed.parse of 1,000 items, diff.lines of two 10,000-line texts) against
//    the same library calls made directly in this process: the sandbox's
//    overhead (the counting allocator, building Lua values).
#include "lua/CssSelector.h"
#include "lua/FeedParser.h"
#include "lua/Sandbox.h"
#include "sandbox/SandboxPool.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <dtl/dtl.hpp>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
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

// The inputs, built the same way in Lua (for the host) and in C++ (for the
// direct calls).
const char PageRow[] = "<div class=\"item\"><a href=\"/p/1\">Product name here</a> <span "
                       "class=\"price\">9.99</span><p>Some description of the product.</p>"
                       "</div>\n";
const char FeedItemText[] = "<item><title>Post title</title><link>https://blog.example/p</link>"
                            "<guid>g</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>"
                            "<description>&lt;p&gt;A short &lt;b&gt;summary&lt;/b&gt;&lt;/p&gt;"
                            "</description></item>";

QByteArray repeatedPage()
{
    const QByteArray row(PageRow);
    return "<html><body>" + row.repeated(1024 * 1024 / row.size()) + "</body></html>";
}

QByteArray feedOf1000()
{
    QByteArray items;
    for (int i = 0; i < 1000; ++i)
        items += QByteArray(FeedItemText)
                     .replace("<guid>g</guid>",
                              QByteArray("<guid>g" + QByteArray::number(i) + "</guid>"));
    return "<rss version=\"2.0\"><channel><title>B</title>" + items + "</channel></rss>";
}

std::vector<std::string> linesOf(int changedEvery)
{
    std::vector<std::string> lines;
    for (int i = 1; i <= 10000; ++i) {
        lines.push_back(changedEvery > 0 && i % changedEvery == 0 ? "changed " + std::to_string(i)
                                                                  : "line " + std::to_string(i));
    }
    return lines;
}

// The milliseconds a script reports for its operation (os.clock around it),
// median of five runs in a host.
double hostMillis(SandboxPool &pool, const QByteArray &source)
{
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const ExecutionResult result = pool.run(source, {}, {});
        if (result.outcome != Outcome::Succeeded) {
            std::printf("  (failed: %s)\n", qPrintable(result.errorMessage));
            return 0;
        }
        times.push_back(result.resultJson.toDouble());
    }
    return percentile(times, 0.5);
}

template<typename F> double directMillis(F operation)
{
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        operation();
        times.push_back(millisSince(start));
    }
    return percentile(times, 0.5);
}

void printParsers(SandboxPool &pool)
{
    const QByteArray row = QByteArray(PageRow).replace('"', "\\\"").replace("\n", "\\n");
    const double pageHost =
        hostMillis(pool,
                   "local row = \"" + row + "\" local page = '<html><body>' .. row:rep(" +
                       QByteArray::number(1024 * 1024 / int(std::strlen(PageRow))) +
                       ") .. '</body></html>' local t = os.clock() "
                       "local n = #html.parse(page):select('div.item > span.price') "
                       "return (os.clock() - t) * 1000");
    const QByteArray page = repeatedPage();
    const QByteArray xpath =
        hearth::lua::cssToXPath(QStringLiteral("div.item > span.price"))->toUtf8();
    const double pageDirect = directMillis([&]() {
        xmlDoc *document =
            htmlReadMemory(page.constData(), int(page.size()), nullptr, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        xmlXPathContext *context = xmlXPathNewContext(document);
        xmlXPathFreeObject(xmlXPathEvalExpression(BAD_CAST xpath.constData(), context));
        xmlXPathFreeContext(context);
        xmlFreeDoc(document);
    });
    std::printf("html.parse + select, 1 MiB page: %.1f ms in a host, %.1f ms as direct libxml2 "
                "calls (sandbox overhead %.1f ms, %.2fx)\n",
                pageHost, pageDirect, pageHost - pageDirect, pageHost / pageDirect);

    const QByteArray item = QByteArray(FeedItemText).replace('"', "\\\"");
    const double feedHost =
        hostMillis(pool,
                   "local items = {} for i = 1, 1000 do items[i] = (\"" + item +
                       "\"):gsub('<guid>g</guid>', '<guid>g' .. i .. '</guid>') end local text = "
                       "'<rss version=\"2.0\"><channel><title>B</title>' .. table.concat(items) .. "
                       "'</channel></rss>' local t = os.clock() local parsed = feed.parse(text) "
                       "return (os.clock() - t) * 1000");
    const QByteArray feed = feedOf1000();
    const double feedDirect = directMillis([&]() { (void)hearth::lua::parseFeed(feed); });
    std::printf("feed.parse, 1,000 RSS items: %.1f ms in a host, %.1f ms parsed directly "
                "(sandbox overhead %.1f ms, %.2fx)\n",
                feedHost, feedDirect, feedHost - feedDirect, feedHost / feedDirect);

    const double diffHost =
        hostMillis(pool,
                   "local a, b = {}, {} for i = 1, 10000 do a[i] = 'line ' .. i b[i] = "
                   "(i % 100 == 0) and 'changed ' .. i or a[i] end local old, new = "
                   "table.concat(a, '\\n'), table.concat(b, '\\n') local t = os.clock() "
                   "local d = diff.lines(old, new) return (os.clock() - t) * 1000");
    const std::vector<std::string> before = linesOf(0);
    const std::vector<std::string> after = linesOf(100);
    const double diffDirect = directMillis([&]() {
        dtl::Diff<std::string, std::vector<std::string>> diff(before, after);
        diff.enableHuge();
        diff.compose();
        diff.composeUnifiedHunks();
    });
    std::printf("diff.lines, two 10,000-line texts (100 lines changed): %.1f ms in a host, "
                "%.1f ms with dtl directly (sandbox overhead %.1f ms, %.2fx)\n",
                diffHost, diffDirect, diffHost - diffDirect, diffHost / diffDirect);
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
    printParsers(pool);
    return 0;
}
