#pragma once

// What the benches that need a real hearthd share: starting one on a free
// port with its own data dir, stopping it, its RSS, percentiles.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <httplib.h>
#include <memory>
#include <thread>
#include <vector>

namespace hearth::bench {

using Clock = std::chrono::steady_clock;

inline QString hearthdPath()
{
    return QStringLiteral(HEARTH_BIN_DIR "/hearthd");
}

inline int portFromRuntimeFile(const QString &dataDir, qint64 pid)
{
    QFile file(QDir(dataDir).filePath(QStringLiteral("runtime.json")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    return json.value(QStringLiteral("pid")).toInteger() == pid
        ? json.value(QStringLiteral("port")).toInt()
        : 0;
}

struct Started
{
    std::unique_ptr<QProcess> process;
    int port = 0;
    double millis = 0;
};

// Starts hearthd on a free port and polls /healthz until it answers.
inline Started startHearthd(const QString &dataDir)
{
    Started started;
    started.process = std::make_unique<QProcess>();
    started.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const auto begin = Clock::now();
    started.process->start(hearthdPath(),
                           { QStringLiteral("--data-dir"), dataDir, QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--log-level"),
                             QStringLiteral("warning") });
    started.process->waitForStarted();
    const qint64 pid = started.process->processId();
    while (Clock::now() - begin < std::chrono::seconds(30)) {
        if (started.port == 0)
            started.port = portFromRuntimeFile(dataDir, pid);
        if (started.port != 0) {
            httplib::Client client("127.0.0.1", started.port);
            if (auto res = client.Get("/healthz"); res && res->status == 200) {
                started.millis =
                    std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
                return started;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::fprintf(stderr, "hearthd did not start\n");
    std::exit(1);
}

inline void stop(Started &started)
{
    started.process->terminate();
    started.process->waitForFinished(15000);
}

inline qint64 rssKiB(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

} // namespace hearth::bench
