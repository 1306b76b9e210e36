// Prints hearthd's start-up, memory and request figures:
//  - cold start to the first successful /healthz (median of 10 starts),
//  - idle RSS after start,
//  - GET /api/v1/kv/{key}: requests per second and p99 latency with 16
//    concurrent keep-alive connections.
// Usage: bench_hearthd [seconds of load, default 5]
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

    constexpr int Connections = 16;
    std::atomic<bool> running = true;
    std::atomic<long> failures = 0;
    std::vector<std::vector<double>> latencies(Connections);
    std::vector<std::thread> workers;
    const auto begin = Clock::now();
    for (int c = 0; c < Connections; ++c) {
        workers.emplace_back([&, c]() {
            httplib::Client client("127.0.0.1", hearthd.port);
            client.set_keep_alive(true);
            while (running) {
                const auto sent = Clock::now();
                auto res = client.Get("/api/v1/kv/bench");
                if (!res || res->status != 200)
                    ++failures;
                latencies[size_t(c)].push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(loadSeconds));
    running = false;
    for (auto &worker : workers)
        worker.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    std::vector<double> all;
    for (const auto &perConnection : latencies)
        all.insert(all.end(), perConnection.begin(), perConnection.end());
    std::printf("GET /api/v1/kv/{key}, %d keep-alive connections, %d s: %.0f req/s, p50 %.3f ms, "
                "p99 %.3f ms, %ld failures\n",
                Connections, loadSeconds, double(all.size()) / elapsed, percentile(all, 0.5),
                percentile(all, 0.99), failures.load());
    std::printf("RSS after load: %lld KiB\n", rssKiB(hearthd.process->processId()));
    stop(hearthd);
    return failures.load() == 0 ? 0 : 1;
}
