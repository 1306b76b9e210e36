// Prints the device-worker figures against a real hearthd:
//  - claim-to-start latency: a worker's long poll is waiting when a run is
//    created; how long until the poll answers with it (p50/p99),
//  - runs per second end to end through a real `hearth worker` with a no-op
//    agent (/bin/true): claim, spawn, heartbeat, complete, one at a time.
// Usage: bench_agents [samples, default 200]
#include "HearthdLauncher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <condition_variable>
#include <mutex>

using namespace hearth::bench;

namespace {

httplib::Headers headers(const std::string &token = {})
{
    httplib::Headers result { { "X-Hearth-Client", "bench" } };
    if (!token.empty())
        result.emplace("Authorization", "Bearer " + token);
    return result;
}

QJsonObject post(httplib::Client &client, const std::string &path, const QJsonObject &body,
                 const std::string &token = {})
{
    const std::string text = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
    auto res = client.Post(path, headers(token), text, "application/json");
    if (!res || res->status >= 300) {
        std::fprintf(stderr, "POST %s failed: %s\n", path.c_str(),
                     res ? res->body.c_str() : "no answer");
        std::exit(1);
    }
    return QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
}

std::string id(const QJsonObject &object)
{
    return object.value(QStringLiteral("id")).toString().toStdString();
}

QJsonObject agentWatcher(const QString &name, const std::string &workerId)
{
    return { { QStringLiteral("name"), name },
             { QStringLiteral("kind"), QStringLiteral("agent") },
             { QStringLiteral("prompt"), QStringLiteral("noop") },
             { QStringLiteral("agent_kind"), QStringLiteral("noop") },
             { QStringLiteral("device_worker_id"), QString::fromStdString(workerId) },
             { QStringLiteral("concurrency"), QStringLiteral("queue") },
             { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 86400 } } } };
}

void claimLatency(int port, int samples)
{
    httplib::Client client("127.0.0.1", port);
    const QJsonObject worker =
        post(client, "/api/v1/workers",
             { { QStringLiteral("name"), QStringLiteral("bench-raw") },
               { QStringLiteral("agent_kinds"), QJsonArray { QStringLiteral("noop") } } });
    const std::string token = worker.value(QStringLiteral("token")).toString().toStdString();
    const std::string watcher =
        id(post(client, "/api/v1/watchers", agentWatcher(QStringLiteral("bench-raw"), id(worker))));

    std::mutex mutex;
    std::condition_variable changed;
    bool polling = false;
    int claimed = 0;
    std::vector<double> latencies;
    Clock::time_point triggered;
    std::thread poller([&]() {
        httplib::Client pollClient("127.0.0.1", port);
        pollClient.set_read_timeout(std::chrono::seconds(40));
        while (claimed < samples) {
            {
                std::lock_guard lock(mutex);
                polling = true;
            }
            changed.notify_all();
            auto res = pollClient.Post("/api/v1/workers/poll", headers(token), R"({"wait_s":30})",
                                       "application/json");
            const auto answered = Clock::now();
            if (!res || res->status != 200)
                continue;
            const QJsonObject claim =
                QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
            const std::string run = id(claim.value(QStringLiteral("run")).toObject());
            pollClient.Post("/api/v1/workers/runs/" + run + "/complete", headers(token),
                            R"({"status":"succeeded"})", "application/json");
            std::lock_guard lock(mutex);
            latencies.push_back(
                std::chrono::duration<double, std::milli>(answered - triggered).count());
            ++claimed;
            polling = false;
            changed.notify_all();
        }
    });
    for (int i = 0; i < samples; ++i) {
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&]() { return polling && claimed == i; });
        }
        // Let the poll reach its wait.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        {
            std::lock_guard lock(mutex);
            triggered = Clock::now();
        }
        post(client, "/api/v1/watchers/" + watcher + "/run", {});
        std::unique_lock lock(mutex);
        changed.wait(lock, [&]() { return claimed == i + 1; });
    }
    poller.join();
    std::printf("claim-to-start (run created while a long poll waits, until the poll answers "
                "with it), n=%d: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                samples, percentile(latencies, 0.5), percentile(latencies, 0.99),
                *std::max_element(latencies.begin(), latencies.end()));
}

void workerThroughput(int port, const QString &dataDir, int runs)
{
    QProcess worker;
    worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    worker.start(QStringLiteral(HEARTH_BIN_DIR "/hearth"),
                 { QStringLiteral("--data-dir"), dataDir, QStringLiteral("worker"),
                   QStringLiteral("--name"), QStringLiteral("bench-worker"),
                   QStringLiteral("--profile"),
                   QStringLiteral(R"({"name":"noop","program":"/bin/true"})") });
    worker.waitForStarted();
    httplib::Client client("127.0.0.1", port);
    std::string workerId;
    for (int i = 0; i < 500 && workerId.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        auto res = client.Get("/api/v1/workers", headers());
        const QJsonArray items = QJsonDocument::fromJson(QByteArray::fromStdString(res->body))
                                     .object()
                                     .value(QStringLiteral("items"))
                                     .toArray();
        for (const QJsonValue &item : items) {
            if (item.toObject().value(QStringLiteral("name")).toString() == u"bench-worker")
                workerId = id(item.toObject());
        }
    }
    const std::string watcher = id(
        post(client, "/api/v1/watchers", agentWatcher(QStringLiteral("bench-worker"), workerId)));
    const auto begin = Clock::now();
    for (int i = 0; i < runs; ++i)
        post(client, "/api/v1/watchers/" + watcher + "/run", {});
    const std::string query = "/api/v1/runs?status=succeeded&limit=1000&watcher=" + watcher;
    for (;;) {
        auto res = client.Get(query, headers());
        const qsizetype done = QJsonDocument::fromJson(QByteArray::fromStdString(res->body))
                                   .object()
                                   .value(QStringLiteral("items"))
                                   .toArray()
                                   .size();
        if (done >= runs)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    std::printf("hearth worker with a no-op agent (/bin/true), %d queued runs: %.1f runs/s "
                "(%.1f ms per run: claim, spawn, heartbeat, complete)\n",
                runs, double(runs) / seconds, seconds * 1000 / runs);
    worker.terminate();
    worker.waitForFinished(15000);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int samples = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
    QTemporaryDir dir;
    Started hearthd = startHearthd(dir.path());
    claimLatency(hearthd.port, samples);
    workerThroughput(hearthd.port, dir.path(), samples);
    std::printf("hearthd RSS after: %lld KiB\n", rssKiB(hearthd.process->processId()));
    stop(hearthd);
    return 0;
}
