// Prints how big the database gets over two simulated months of history:
// 100 hourly watchers, each run finishing with a 1 KiB result and 3 log
// lines, the history pruner running once a simulated day with the default
// retention (30 days, 1,000 runs per watcher). The file should stop growing
// once the retention horizon is reached, and free pages should not pile up.
// Usage: bench_history [days, default 60]
#include "model/FirePlanner.h"
#include "scheduler/Clock.h"
#include "scheduler/HistoryPruner.h"
#include "store/Database.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimeZone>
#include <cstdio>

using namespace hearth;

namespace {

class SimulatedClock final : public scheduler::Clock
{
public:
    explicit SimulatedClock(qint64 start)
        : m_now(start)
    {
    }
    qint64 wallMs() const override { return m_now; }
    qint64 monotonicMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

constexpr qint64 Hour = 3600LL * 1000;
constexpr int Watchers = 100;

double mebibytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hearth.*.info=false"));
    const int days = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 60;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    Database database(path);
    if (!database.open()) {
        std::fprintf(stderr, "cannot open the database\n");
        return 1;
    }
    WatcherRepository watchers(database);
    RunRepository runs(database, watchers);
    SimulatedClock clock(
        QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    scheduler::HistoryPruner pruner(runs, database, clock, {});

    QList<qint64> ids;
    const lua::Limits ceilings;
    for (int i = 0; i < Watchers; ++i) {
        const QJsonObject json { { QStringLiteral("name"), QStringLiteral("w%1").arg(i) },
                                 { QStringLiteral("script"), QStringLiteral("return 1") },
                                 { QStringLiteral("schedule"),
                                   QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
        // The bench runs no script: any source compiles.
        auto spec = scheduler::WatcherSpec::fromJson(json, ceilings,
                                                     [](const QByteArray &) { return QString(); });
        auto created = watchers.create(spec.value(), std::nullopt, Actor::hearthd());
        if (!created) {
            std::fprintf(stderr, "cannot create watchers: %s\n",
                         qPrintable(created.error().message));
            return 1;
        }
        ids.append(created->id);
    }

    RunCompletion done;
    done.succeeded = true;
    done.resultJson = QByteArray("{\"page\":\"") + QByteArray(1000, 'x') + "\"}";
    for (int line = 0; line < 3; ++line)
        done.logs.append({ hearth::LogLevel::Info,
                           QStringLiteral("checked the page"),
                           {},
                           QStringLiteral("2026-01-01T00:00:00.000Z") });

    std::printf("%d hourly watchers, 1 KiB results, 3 log lines a run; pruned daily with the "
                "default retention (30 days, 1,000 runs per watcher)\n",
                Watchers);
    std::printf("%5s %10s %12s %10s %14s\n", "day", "runs", "file (MiB)", "free (MiB)",
                "prune pass (ms)");
    QElapsedTimer total;
    total.start();
    qint64 runCount = 0;
    for (int day = 1; day <= days; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            clock.advance(Hour);
            const qint64 now = clock.wallMs();
            WriteBatch batch = runs.batch();
            if (!batch.begin()) {
                std::fprintf(stderr, "cannot write\n");
                return 1;
            }
            for (qint64 id : std::as_const(ids)) {
                FireRequest fire;
                fire.watcherId = id;
                fire.concurrency = scheduler::Concurrency::Queue;
                fire.nowMs = now;
                fire.runs = { NewRun { now, scheduler::RunTrigger::Manual, now, "{}", {}, {}, 0 } };
                if (!runs.fire(fire)) {
                    std::fprintf(stderr, "cannot fire\n");
                    return 1;
                }
            }
            auto claimed = runs.claimPending(QStringLiteral("lua"), QStringLiteral("bench"), now,
                                             Hour, Watchers);
            for (const RunRepository::Claimed &run : claimed.value()) {
                if (auto completed = runs.complete(run.run.id, done, now, 0); !completed) {
                    std::fprintf(stderr, "cannot complete: %s\n",
                                 qPrintable(completed.error().message));
                    return 1;
                }
            }
            runCount += claimed->size();
            if (!batch.commit()) {
                std::fprintf(stderr, "cannot commit\n");
                return 1;
            }
        }
        QElapsedTimer pass;
        pass.start();
        QEventLoop loop;
        QObject::connect(&pruner, &scheduler::HistoryPruner::passFinished, &loop,
                         [&loop, &runCount](int pruned) {
                             runCount -= pruned;
                             loop.quit();
                         });
        pruner.pruneNow();
        if (pruner.passUnderWay())
            loop.exec();
        const qint64 passMs = pass.elapsed();
        if (day % 5 == 0 || day == days) {
            const qint64 fileBytes = QFileInfo(path).size() + QFileInfo(path + u"-wal").size();
            std::printf("%5d %10lld %12.1f %10.1f %14lld\n", day, static_cast<long long>(runCount),
                        mebibytes(fileBytes),
                        mebibytes(database.freeBytes().ok() ? database.freeBytes().value() : -1),
                        static_cast<long long>(passMs));
            std::fflush(stdout);
        }
    }
    std::printf("simulated %d days in %.1f s\n", days, double(total.elapsed()) / 1000.0);
    return 0;
}
