// Prints hearthd's start-up, memory and request figures:
//  - cold start to the first successful /healthz (median of 10 starts),
//  - idle RSS after start,
//  - GET /api/v1/kv/{key}: requests per second and p50/p99 latency with 16
//    concurrent keep-alive connections,
//  - a mixed load at 16 and at 100 connections: reads of a KV value and of
//    a page of runs, one KV write per 10 requests.
// Usage: bench_hearthd [seconds of each load, default 5]
#include "HearthdLauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <httplib.h>
#include <thread>
#include <vector>

using namespace hearth::bench;

namespace {

enum class Mix { KvReads, Mixed };

struct Load
{
    double perSecond = 0;
    long failures = 0;
    std::vector<double> all, kvReads, runReads, writes; // latencies, ms
};

// `connections` keep-alive clients, each sending its next request when the
// last is answered, for `seconds`.
Load runLoad(int port, int connections, int seconds, Mix mix)
{
    struct PerConnection
    {
        std::vector<double> kvReads, runReads, writes;
        long failures = 0;
    };
    std::vector<PerConnection> results(static_cast<size_t>(connections));
    std::atomic<bool> running = true;
    std::vector<std::thread> clients;
    const auto begin = Clock::now();
    for (int c = 0; c < connections; ++c) {
        clients.emplace_back([&, c]() {
            PerConnection &mine = results[size_t(c)];
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_default_headers({ { "X-Hearth-Client", "bench" } });
            const std::string ownKey = "/api/v1/kv/bench-" + std::to_string(c);
            for (long i = 0; running; ++i) {
                const auto sent = Clock::now();
                std::vector<double> *into = &mine.kvReads;
                const auto send = [&]() {
                    if (mix == Mix::Mixed && i % 10 == 9) {
                        into = &mine.writes;
                        return client.Put(ownKey, std::to_string(i), "application/json");
                    }
                    if (mix == Mix::Mixed && i % 2 == 1) {
                        into = &mine.runReads;
                        return client.Get("/api/v1/runs?limit=20");
                    }
                    return client.Get("/api/v1/kv/bench");
                };
                const httplib::Result res = send();
                if (!res || res->status >= 300)
                    ++mine.failures;
                into->push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    running = false;
    for (auto &client : clients)
        client.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    Load load;
    for (const PerConnection &mine : results) {
        load.kvReads.insert(load.kvReads.end(), mine.kvReads.begin(), mine.kvReads.end());
        load.runReads.insert(load.runReads.end(), mine.runReads.begin(), mine.runReads.end());
        load.writes.insert(load.writes.end(), mine.writes.begin(), mine.writes.end());
        load.failures += mine.failures;
    }
    for (const auto *kind : { &load.kvReads, &load.runReads, &load.writes })
        load.all.insert(load.all.end(), kind->begin(), kind->end());
    load.perSecond = double(load.all.size()) / elapsed;
    return load;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int loadSeconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;

    std::printf("machine: %d hardware threads, %s\n", int(std::thread::hardware_concurrency()),
                qPrintable(QSysInfo::prettyProductName()));

    // Cold start: a fresh data dir each time (database created and migrated).
    std::vector<double> starts;
    for (int i = 0; i < 10; ++i) {
        QTemporaryDir dir;
        Started started = startHearthd(dir.path());
        starts.push_back(started.millis);
        stop(started);
    }
    std::printf("cold start to first /healthz: median %.1f ms (min %.1f, max %.1f, n=10)\n",
                percentile(starts, 0.5), *std::min_element(starts.begin(), starts.end()),
                *std::max_element(starts.begin(), starts.end()));

    QTemporaryDir dir;
    Started hearthd = startHearthd(dir.path());
    QThread::msleep(1000);
    std::printf("idle RSS after start: %lld KiB\n", rssKiB(hearthd.process->processId()));

    {
        httplib::Client client("127.0.0.1", hearthd.port);
        client.set_default_headers({ { "X-Hearth-Client", "bench" } });
        client.Put("/api/v1/kv/bench", R"({"price": 42.5, "seen": ["a", "b"]})",
                   "application/json");
    }

    // A page of runs to read: one watcher run by hand 20 times.
    {
        httplib::Client client("127.0.0.1", hearthd.port);
        client.set_default_headers({ { "X-Hearth-Client", "bench" } });
        auto created =
            client.Post("/api/v1/watchers",
                        R"({"name": "bench", "script": "return {ok = true}", "concurrency": "queue",
                "schedule": {"every_s": 3600}})",
                        "application/json");
        const QByteArray id = created
            ? QJsonDocument::fromJson(QByteArray::fromStdString(created->body))
                  .object()
                  .value(QStringLiteral("id"))
                  .toString()
                  .toUtf8()
            : QByteArray();
        for (int i = 0; i < 20 && !id.isEmpty(); ++i)
            client.Post("/api/v1/watchers/" + id.toStdString() + "/run", "{}", "application/json");
    }

    const Load reads = runLoad(hearthd.port, 16, loadSeconds, Mix::KvReads);
    std::printf("GET /api/v1/kv/{key}, 16 keep-alive connections, %d s: %.0f req/s, p50 %.3f ms, "
                "p99 %.3f ms, %ld failures\n",
                loadSeconds, reads.perSecond, percentile(reads.all, 0.5),
                percentile(reads.all, 0.99), reads.failures);
    long failures = reads.failures;
    for (const int connections : { 16, 100 }) {
        const Load mixed = runLoad(hearthd.port, connections, loadSeconds, Mix::Mixed);
        std::printf("mixed (KV read, 20 runs, 1 write in 10), %d connections, %d s: %.0f req/s, "
                    "p50 %.3f ms, p99 %.3f ms (KV reads p99 %.3f, runs p99 %.3f, writes p99 "
                    "%.3f), %ld failures\n",
                    connections, loadSeconds, mixed.perSecond, percentile(mixed.all, 0.5),
                    percentile(mixed.all, 0.99), percentile(mixed.kvReads, 0.99),
                    percentile(mixed.runReads, 0.99), percentile(mixed.writes, 0.99),
                    mixed.failures);
        failures += mixed.failures;
    }
    std::printf("RSS after load: %lld KiB\n", rssKiB(hearthd.process->processId()));
    stop(hearthd);
    return failures == 0 ? 0 : 1;
}
