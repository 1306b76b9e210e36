// Prints the scheduler's figures, in-process with a real database and real
// Lua runs, for each burst of N watchers due the same minute (cron
// `* * * * *`):
//  - when the scheduler fired them (a run's created_at is its batch's pass)
//    and when each run started in its sandbox host, after the scheduled
//    instant (p50/p99/max),
//  - throughput of trivial Lua runs, due instant to the last `succeeded` row,
// then idle wake-ups per second and RSS with the same watchers enabled but
// next due a year away.
// Usage: bench_scheduler [lua threads, default 2] [idle seconds, default 30]
//                        [--watchers N, default 1000] [--bursts N, default 1]
//                        [--history N: first store N finished runs, default 0]
#include "events/EventBus.h"
#include "model/FirePlanner.h"
#include "sandbox/SandboxPool.h"
#include "scheduler/Clock.h"
#include "scheduler/LuaExecutor.h"
#include "scheduler/Scheduler.h"
#include "store/Database.h"
#include "store/RunRepository.h"
#include "store/WatcherRepository.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace hearth;

namespace {

// Context switches of the whole process, its exited threads included (a sum
// over /proc/self/task loses the threads that exit during the window, and
// came out negative): each one is a wake-up.
qint64 contextSwitches()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_nvcsw) + qint64(usage.ru_nivcsw);
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void printPercentiles(const char *what, QList<qint64> values)
{
    if (values.isEmpty()) {
        std::printf("%-34s no samples\n", what);
        return;
    }
    std::sort(values.begin(), values.end());
    auto at = [&values](double q) {
        return values[qsizetype(q * double(values.size() - 1))];
    };
    std::printf("%-34s p50 %6lld ms   p99 %6lld ms   max %6lld ms\n", what,
                static_cast<long long>(at(0.5)), static_cast<long long>(at(0.99)),
                static_cast<long long>(values.last()));
}

// Runs the event loop until the condition holds, looking every 10 ms. (A
// loop of processEvents calls would keep one of the two cores busy and take
// it from the sandbox hosts the bench measures.)
void waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (condition() || elapsed.elapsed() >= timeoutMs)
            loop.quit();
    });
    poll.start(10);
    if (!condition())
        loop.exec();
}

// Stores `count` succeeded runs spread over the watchers, finished in the
// past days, in one statement: the history a busy hearthd keeps.
bool prefillHistory(Database &database, qint64 firstWatcherId, int watchers, qint64 count,
                    qint64 now)
{
    QSqlQuery fill(database.connection());
    fill.prepare(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?) "
        "INSERT INTO runs (watcher_id, scheduled_for, attempt, trigger, status, not_before, "
        "created_at, started_at, finished_at, claimed_by, result, duration_ms) "
        "SELECT ? + i % ?, ? - i * 60, 1, 'schedule', 'succeeded', ? - i * 60, ? - i * 60, "
        "? - i * 60, ? - i * 60 + 1, 'hearthd', '1', 1 FROM n"));
    fill.addBindValue(count);
    fill.addBindValue(firstWatcherId);
    fill.addBindValue(watchers);
    for (int i = 0; i < 5; ++i)
        fill.addBindValue(now - 1000);
    if (!fill.exec()) {
        std::fprintf(stderr, "cannot store the history: %s\n", qPrintable(fill.lastError().text()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hearth.*.info=false"));
    QStringList args = app.arguments().mid(1);
    auto option = [&args](const QString &name, qint64 fallback) {
        const qsizetype at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size())
            return fallback;
        const qint64 value = args.at(at + 1).toLongLong();
        args.remove(at, 2);
        return value;
    };
    const int watcherCount = int(option(QStringLiteral("--watchers"), 1000));
    const int bursts = int(option(QStringLiteral("--bursts"), 1));
    const qint64 history = option(QStringLiteral("--history"), 0);
    const int threads = !args.isEmpty() ? args[0].toInt() : 2;
    const int idleSeconds = args.size() > 1 ? args[1].toInt() : 30;

    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("hearth.db")));
    if (!database.open()) {
        std::fprintf(stderr, "cannot open the database\n");
        return 1;
    }
    WatcherRepository watchers(database);
    RunRepository runs(database, watchers);
    events::EventBus events;
    scheduler::SystemClock clock;
    sandbox::SandboxPool sandboxes(
        { QStringLiteral(HEARTH_BIN_DIR "/hearth-sandbox"), threads, 512LL * 1024 * 1024 }, {});
    scheduler::LuaExecutor executor(sandboxes, lua::Limits {});
    scheduler::Scheduler scheduler(watchers, runs, clock, events, {});
    scheduler.addExecutor(&executor);

    const lua::Limits ceilings;
    QList<qint64> ids;
    // Created 500 to a durable commit: one each would take an fsync apiece.
    for (int first = 0; first < watcherCount; first += 500) {
        WriteBatch batch = runs.batch();
        if (!batch.begin()) {
            std::fprintf(stderr, "cannot write the database\n");
            return 1;
        }
        for (int i = first; i < std::min(watcherCount, first + 500); ++i) {
            const QJsonObject json { { QStringLiteral("name"), QStringLiteral("w%1").arg(i) },
                                     { QStringLiteral("script"), QStringLiteral("return 1") },
                                     { QStringLiteral("concurrency"), QStringLiteral("queue") },
                                     { QStringLiteral("schedule"),
                                       QJsonObject {
                                           { QStringLiteral("cron"), QStringLiteral("* * * * *") },
                                           { QStringLiteral("tz"), QStringLiteral("UTC") } } } };
            auto spec = scheduler::WatcherSpec::fromJson(
                json, ceilings,
                [&sandboxes](const QByteArray &source) { return sandboxes.checkSyntax(source); });
            auto created = watchers.create(
                spec.value(), scheduler::firstFireAfter(*spec->schedule, clock.wallMs()),
                Actor::hearthd());
            if (!created) {
                std::fprintf(stderr, "cannot create watchers: %s\n",
                             qPrintable(created.error().message));
                return 1;
            }
            ids.append(created->id);
        }
        if (!batch.commit()) {
            std::fprintf(stderr, "cannot write the database\n");
            return 1;
        }
    }
    if (history > 0) {
        QElapsedTimer filling;
        filling.start();
        if (!prefillHistory(database, ids.constFirst(), watcherCount, history, clock.wallMs()))
            return 1;
        std::printf("stored %lld finished runs of history in %.1f s\n",
                    static_cast<long long>(history), double(filling.elapsed()) / 1000.0);
    }
    // The first burst at the first minute at least 2 s away, whatever the
    // set-up took (an instant it missed would be caught up and spread).
    {
        QSqlQuery schedule(database.connection());
        schedule.prepare(QStringLiteral("UPDATE watchers SET next_run_at = ?"));
        schedule.addBindValue((clock.wallMs() + 2000) / 60000 * 60000 + 60000);
        if (!schedule.exec()) {
            std::fprintf(stderr, "cannot schedule the burst\n");
            return 1;
        }
    }
    scheduler.start();
    QSet<qint64> finished;
    QObject::connect(&scheduler, &scheduler::Scheduler::runFinished, &app,
                     [&finished](qint64 runId, const QString &) { finished.insert(runId); });
    for (int burst = 1; burst <= bursts; ++burst) {
        const qint64 due = *watchers.earliestDue().value();
        std::printf("burst %d: %d watchers due at %s, %d Lua threads\n", burst, watcherCount,
                    qPrintable(scheduler::rfc3339FromMs(due)), threads);
        std::fflush(stdout);
        finished.clear();
        waitFor([&]() { return finished.size() >= watcherCount; },
                int(due - clock.wallMs()) + 120000);

        QList<qint64> createdLate;
        QList<qint64> startedLate;
        qint64 lastFinished = 0;
        RunFilter filter;
        filter.limit = 1000;
        filter.since = due - 1000;
        bool more = true;
        while (more) {
            auto page = runs.list(filter, &more);
            if (!page)
                break;
            for (const RunRecord &run : page.value()) {
                if (run.scheduledFor != due)
                    continue;
                createdLate.append(run.createdAt - run.scheduledFor);
                if (run.startedAt)
                    startedLate.append(*run.startedAt - run.scheduledFor);
                if (run.status == hearth::scheduler::RunStatus::Succeeded)
                    lastFinished = std::max(lastFinished, run.finishedAt.value_or(0));
            }
            if (!page->isEmpty())
                filter.beforeId = page->constLast().id;
        }
        printPercentiles("fired after due", createdLate);
        printPercentiles("run started after due", startedLate);
        if (lastFinished > due) {
            std::printf("%-34s %.0f runs/s (%lld runs, due to last succeeded in %lld ms)\n",
                        "throughput, trivial Lua runs",
                        double(finished.size()) * 1000.0 / double(lastFinished - due),
                        static_cast<long long>(finished.size()),
                        static_cast<long long>(lastFinished - due));
        }
        std::fflush(stdout);
    }

    // Idle: the same watchers, next fire a year away.
    for (qint64 id : ids) {
        auto record = watchers.get(id).value();
        auto spec = record->spec;
        spec.schedule = scheduler::Schedule::fromJson(
                            QJsonObject { { QStringLiteral("cron"), QStringLiteral("0 0 1 1 *") } })
                            .value();
        (void)watchers.update(id, spec, true,
                              scheduler::firstFireAfter(*spec.schedule, clock.wallMs()), false,
                              Actor::hearthd());
    }
    scheduler.tick();
    waitFor([]() { return false; }, 2000); // let the last completions settle
    const qint64 before = contextSwitches();
    QElapsedTimer idle;
    idle.start();
    QTimer::singleShot(idleSeconds * 1000, &app, &QCoreApplication::quit);
    app.exec();
    const qint64 switches = contextSwitches() - before;
    std::printf("%-34s %.2f /s over %d s (all threads)\n", "idle wake-ups",
                double(switches) * 1000.0 / double(idle.elapsed()), idleSeconds);
    std::printf("%-34s %lld KiB\n",
                qPrintable(QStringLiteral("RSS with %1 watchers").arg(watcherCount)),
                static_cast<long long>(rssKiB()));
    sandboxes.shutdown(std::chrono::seconds(5)); // before the executor it reports to
    return 0;
}
