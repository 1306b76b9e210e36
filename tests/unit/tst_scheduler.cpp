// The scheduler against a real SQLite file and real Lua runs, driven by a
// manual clock: on-time fires, sleep/resume and clock jumps, every
// concurrency and catch-up policy, retries and their backoff bounds,
// dead-lettering and redrive, leases after a crash, notification cooldown and
// budget, retention.
#include "../support/ManualClock.h"
#include "SandboxHosts.h"
#include "events/EventBus.h"
#include "model/FirePlanner.h"
#include "model/Schedule.h"
#include "scheduler/HistoryPruner.h"
#include "scheduler/LuaExecutor.h"
#include "scheduler/Scheduler.h"
#include "services/NotificationService.h"
#include "store/ChannelRepository.h"
#include "store/Database.h"
#include "store/DeliveryRepository.h"
#include "store/NotificationRepository.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/WatcherRepository.h"
#include "store/WorkerRepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <thread>
#include <tuple>

using namespace hearth;
using scheduler::RunStatus;
using scheduler::RunTrigger;
using scheduler::Scheduler;
using scheduler::WatcherSpec;

namespace {

const QString Succeeds = QStringLiteral("return {ok = true}");
const QString Fails = QStringLiteral("error('boom')");
const QString Spins = QStringLiteral("while true do end");

// 2026-11-22T10:00:00Z: a Sunday, minutes on the five-minute grid.
constexpr qint64 Start = 1795341600000;
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;

qint64 ms(const char *rfc3339)
{
    return scheduler::parseRfc3339(QString::fromLatin1(rfc3339)).toMSecsSinceEpoch();
}

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void firesOnTimeAndAdvancesOnce();
    void runEventsSayWhatTheRunWasWhenPublished();
    void idleSchedulerSleepsUntilTheNextFire();
    void catchUpPolicies_data();
    void catchUpPolicies();
    void clockSetBackPullsSchedulesEarlier();
    void dstGapFiresOnceAfterTheGap();
    void forbidRecordsSkippedFire();
    void queueRunsOneAfterAnother();
    void replaceCancelsTheActiveRun();
    void manualRunIsRefusedWhileForbidden();
    void manualRunsAtATakenInstantMoveOn();
    void retriesWithBackoffThenDeadLetters();
    void retryDelayStaysWithinBounds_data();
    void retryDelayStaysWithinBounds();
    void redriveMakesANewAttempt();
    void restartFailsRunsTheCrashLeftRunning();
    void queueKeepsItsOrderAcrossRestarts();
    void claimingLooksPastAWatchersBacklog();
    void aBurstFiresEveryWatcherOnceInOrder();
    void shortRunsAreClaimedAheadAndStartWhenAHostTakesThem();
    void placesAheadGoOnlyToWatchersWithShortRuns();
    void expiredLeaseOfAnotherClaimerFails();
    void completionIsIdempotent();
    void notificationCooldownAndBudget();
    void onChangeNotifiesOnlyOnChange();
    void deletingAWatcherDeletesItsRunsLogsAndNotifications();
    void retentionKeepsDeadAndNewestRuns();
    void pruningGoesInBatchesAndGivesTheSpaceBack();
    void deliveriesArePrunedAfterTheRetentionButFailuresStay();
    void aWatchersOwnHistoryLimitsReplaceHearthds();
    void snapshotsAreStoredOnSuccessDedupedAndPruned();
    void unreadableWatcherDoesNotStopTheOthers();
    void runsWaitingForAWorkerAreGivenUpOnAtTheirDeadline();
    void aChangedSpecIsReadAtOnce();

private:
    // The pool, executor and scheduler again, with `hosts` sandbox hosts.
    void useHosts(int hosts);
    WatcherRecord addWatcher(const QJsonObject &spec);
    QList<RunRecord> runsOf(qint64 watcherId);
    // Lets every started run finish and its completion be recorded.
    void settle();
    RunRecord onlyRun(qint64 watcherId);
    // One HistoryPruner pass, a run per transaction (every batch boundary
    // is crossed); how many runs it pruned.
    int prunePass(qint64 retentionMs, int keepPerWatcher);
    // Runs one run of the watcher to its end, leaving `snapshot`; returns
    // the snapshot the run was given as ctx.last_snapshot.
    std::optional<QByteArray> runWithSnapshot(qint64 watcherId, const QByteArray &snapshot,
                                              bool succeeds);
    // `count` finished runs of the watcher, each with a result of
    // `resultBytes`, finished now.
    void addFinishedRuns(qint64 watcherId, int count, int resultBytes);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<WatcherRepository> m_watchers;
    std::unique_ptr<RunRepository> m_runs;
    std::unique_ptr<NotificationRepository> m_notifications;
    std::unique_ptr<events::EventBus> m_events;
    std::unique_ptr<services::NotificationService> m_notificationService;
    std::unique_ptr<test::ManualClock> m_clock;
    std::unique_ptr<sandbox::SandboxPool> m_runner;
    std::unique_ptr<scheduler::LuaExecutor> m_executor;
    std::unique_ptr<Scheduler> m_scheduler;
    double m_random = 0.5;
};

void TestScheduler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(QStringLiteral("hearth.db")));
    QVERIFY(m_database->open().ok());
    m_watchers = std::make_unique<WatcherRepository>(*m_database);
    m_runs = std::make_unique<RunRepository>(*m_database, *m_watchers);
    m_notifications = std::make_unique<NotificationRepository>(*m_database);
    m_events = std::make_unique<events::EventBus>();
    m_clock = std::make_unique<test::ManualClock>(Start);
    m_notificationService =
        std::make_unique<services::NotificationService>(*m_notifications, *m_events);
    m_runner = makeSandboxPool({ nullptr, nullptr, m_notificationService.get() }, 4);
    m_executor = std::make_unique<scheduler::LuaExecutor>(*m_runner, lua::Limits {});
    m_scheduler = std::make_unique<Scheduler>(*m_watchers, *m_runs, *m_clock, *m_events,
                                              Scheduler::Config {});
    m_scheduler->addExecutor(m_executor.get());
    m_random = 0.5;
    m_scheduler->setRandomSource([this]() { return m_random; });
}

void TestScheduler::useHosts(int hosts)
{
    m_scheduler.reset();
    m_runner.reset();
    m_executor.reset();
    m_runner = makeSandboxPool({ nullptr, nullptr, m_notificationService.get() }, hosts);
    m_executor = std::make_unique<scheduler::LuaExecutor>(*m_runner, lua::Limits {});
    m_scheduler = std::make_unique<Scheduler>(*m_watchers, *m_runs, *m_clock, *m_events,
                                              Scheduler::Config {});
    m_scheduler->addExecutor(m_executor.get());
    m_scheduler->setRandomSource([this]() { return m_random; });
}

void TestScheduler::cleanup()
{
    m_scheduler.reset();
    // The pool goes before the executor its completions are delivered to.
    m_runner.reset();
    m_executor.reset();
    m_database.reset();
    m_dir.reset();
}

WatcherRecord TestScheduler::addWatcher(const QJsonObject &json)
{
    auto spec = WatcherSpec::fromJson(
        json, lua::Limits { 1'000'000'000, 1LL << 30, 300'000 },
        [this](const QByteArray &source) { return m_runner->checkSyntax(source); });
    if (!spec)
        qFatal("bad spec in test: %s", qPrintable(spec.error().message));
    auto created = m_watchers->create(spec.value(),
                                      scheduler::firstFireAfter(*spec->schedule, m_clock->wallMs()),
                                      Actor::hearthd());
    if (!created)
        qFatal("cannot create watcher: %s", qPrintable(created.error().message));
    return created.value();
}

QList<RunRecord> TestScheduler::runsOf(qint64 watcherId)
{
    RunFilter filter;
    filter.watcherId = watcherId;
    filter.limit = 1000;
    bool more = false;
    auto runs = m_runs->list(filter, &more);
    if (!runs)
        qFatal("cannot list runs");
    QList<RunRecord> oldestFirst = runs.value();
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    return oldestFirst;
}

void TestScheduler::settle()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_executor->activeRuns().isEmpty(), 20000);
    QCoreApplication::processEvents();
}

RunRecord TestScheduler::onlyRun(qint64 watcherId)
{
    const QList<RunRecord> runs = runsOf(watcherId);
    if (runs.size() != 1)
        qFatal("expected one run, got %d", int(runs.size()));
    return runs.first();
}

int TestScheduler::prunePass(qint64 retentionMs, int keepPerWatcher)
{
    scheduler::HistoryPruner::Config config;
    config.retentionMs = retentionMs;
    config.keepRunsPerWatcher = keepPerWatcher;
    config.runsPerBatch = 1;
    scheduler::HistoryPruner pruner(*m_runs, *m_database, *m_clock, config);
    QSignalSpy finished(&pruner, &scheduler::HistoryPruner::passFinished);
    pruner.pruneNow();
    if (finished.isEmpty() && !finished.wait(30000))
        qFatal("the pruning pass did not end");
    return finished.first().first().toInt();
}

std::optional<QByteArray> TestScheduler::runWithSnapshot(qint64 watcherId,
                                                         const QByteArray &snapshot, bool succeeds)
{
    FireRequest manual;
    manual.watcherId = watcherId;
    manual.concurrency = scheduler::Concurrency::Queue;
    manual.nowMs = m_clock->wallMs();
    manual.runs = { NewRun { manual.nowMs, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
    if (!m_runs->fire(manual).ok())
        qFatal("fire failed");
    const auto claimed =
        m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"), manual.nowMs, 1000, 1);
    if (!claimed.ok() || claimed->size() != 1)
        qFatal("claim failed");
    RunCompletion done;
    done.succeeded = succeeds;
    done.errorCode = succeeds ? QString() : QStringLiteral("script_error");
    done.snapshot = snapshot;
    if (!m_runs->complete(claimed->first().run.id, done, manual.nowMs, 0).ok())
        qFatal("completion failed");
    m_clock->advance(1000);
    return claimed->first().lastSnapshot;
}

void TestScheduler::addFinishedRuns(qint64 watcherId, int count, int resultBytes)
{
    const QByteArray result =
        QJsonDocument(QJsonArray { QString(resultBytes, u'x') }).toJson(QJsonDocument::Compact);
    WriteBatch batch = m_runs->batch();
    QVERIFY(batch.begin().ok());
    for (int i = 0; i < count; ++i) {
        FireRequest manual;
        manual.watcherId = watcherId;
        manual.concurrency = scheduler::Concurrency::Queue;
        manual.nowMs = m_clock->wallMs();
        manual.runs = { NewRun {
            manual.nowMs + 1 + i, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
        QVERIFY(m_runs->fire(manual).ok());
        const auto claimed = m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"),
                                                  manual.nowMs + 1 + i, 1000, 1);
        QVERIFY(claimed.ok() && claimed->size() == 1);
        RunCompletion done;
        done.succeeded = true;
        done.resultJson = result;
        QVERIFY(m_runs->complete(claimed->first().run.id, done, manual.nowMs, 0).ok());
    }
    QVERIFY(batch.commit().ok());
}

void TestScheduler::firesOnTimeAndAdvancesOnce()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("every minute") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    QCOMPARE(*watcher.nextRunAt, Start + Minute);

    m_clock->advance(Minute - 1);
    m_scheduler->tick();
    QVERIFY(runsOf(watcher.id).isEmpty());

    m_clock->advance(1);
    m_scheduler->tick();
    m_scheduler->tick(); // a second pass at the same instant fires nothing more
    settle();
    const RunRecord run = onlyRun(watcher.id);
    QCOMPARE(run.scheduledFor, Start + Minute);
    QCOMPARE(run.trigger, RunTrigger::Schedule);
    QCOMPARE(run.status, RunStatus::Succeeded);
    QCOMPARE(run.attempt, 1);
    QCOMPARE(QString::fromUtf8(run.resultJson), QStringLiteral("{\"ok\":true}"));

    const WatcherRecord after = *m_watchers->get(watcher.id).value();
    QCOMPARE(*after.nextRunAt, Start + 2 * Minute);
    QCOMPARE(*after.lastFiredAt, Start + Minute);
}

void TestScheduler::runEventsSayWhatTheRunWasWhenPublished()
{
    // Events are serialized when first read, here after the run ended: each
    // still carries the run as it was when it was published.
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("every minute") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    m_clock->advance(Minute);
    m_scheduler->tick();
    settle();
    const RunRecord ended = onlyRun(watcher.id);

    bool complete = true;
    const QList<events::Event> published = m_events->after(0, &complete);
    QVERIFY(complete);
    // Readers on several threads at once get the same text.
    QList<QList<QByteArray>> read(4);
    {
        std::vector<std::thread> readers;
        for (QList<QByteArray> &texts : read) {
            readers.emplace_back([&published, &texts]() {
                for (const events::Event &event : published)
                    texts.append(event.dataJson());
            });
        }
        for (std::thread &reader : readers)
            reader.join();
    }
    for (const QList<QByteArray> &texts : std::as_const(read))
        QCOMPARE(texts, read.first());

    QStringList steps;
    for (const QByteArray &text : std::as_const(read.first())) {
        const QJsonObject data = QJsonDocument::fromJson(text).object();
        const QJsonObject run = data.value(QStringLiteral("run")).toObject();
        QCOMPARE(run.value(QStringLiteral("id")).toString(), QString::number(ended.id));
        steps.append(data.value(QStringLiteral("action")).toString() + u':' +
                     run.value(QStringLiteral("status")).toString());
        if (steps.last() == u"started:running")
            QVERIFY(run.value(QStringLiteral("finished_at")).isNull());
        if (steps.last() == u"finished:succeeded") {
            QCOMPARE(run.value(QStringLiteral("finished_at")).toString(),
                     scheduler::rfc3339FromMs(*ended.finishedAt));
            const QJsonObject expectedResult { { QStringLiteral("ok"), true } };
            QCOMPARE(run.value(QStringLiteral("result")).toObject(), expectedResult);
        }
    }
    QCOMPARE(steps,
             QStringList({ QStringLiteral("created:pending"), QStringLiteral("started:running"),
                           QStringLiteral("finished:succeeded") }));
}

void TestScheduler::idleSchedulerSleepsUntilTheNextFire()
{
    m_scheduler->tick();
    QVERIFY(!m_scheduler->nextWakeAt()); // nothing scheduled: no timer at all

    addWatcher({ { QStringLiteral("name"), QStringLiteral("hourly") },
                 { QStringLiteral("script"), Succeeds },
                 { QStringLiteral("schedule"),
                   QJsonObject { { QStringLiteral("cron"), QStringLiteral("0 * * * *") },
                                 { QStringLiteral("tz"), QStringLiteral("UTC") } } } });
    m_scheduler->tick();
    // Next fire at 11:00, but it looks every 30 s for clock jumps meanwhile.
    QCOMPARE(*m_scheduler->nextWakeAt(), Start + 30 * Second);
    m_clock->advance(59 * Minute + 45 * Second);
    m_scheduler->tick();
    QCOMPARE(*m_scheduler->nextWakeAt(), Start + Hour);
}

void TestScheduler::catchUpPolicies_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<qint64>("asleepMs");
    QTest::addColumn<int>("catchUpRuns");
    QTest::addColumn<qint64>("missed");
    QTest::addColumn<qint64>("lastMissed"); // after Start

    // After 8 hours (and 2 minutes) asleep a */5 watcher has missed 96 fires.
    const qint64 eightHours = 8 * Hour + 2 * Minute;
    QTest::newRow("once after 8 h")
        << QStringLiteral("once") << eightHours << 1 << qint64(96) << 8 * Hour;
    QTest::newRow("all after 8 h, capped")
        << QStringLiteral("all") << eightHours << 10 << qint64(96) << 8 * Hour;
    QTest::newRow("skip after 8 h")
        << QStringLiteral("skip") << eightHours << 0 << qint64(96) << 8 * Hour;
    QTest::newRow("all after 12 min")
        << QStringLiteral("all") << 12 * Minute << 2 << qint64(2) << 10 * Minute;
}

void TestScheduler::catchUpPolicies()
{
    QFETCH(QString, policy);
    QFETCH(qint64, asleepMs);
    QFETCH(int, catchUpRuns);
    QFETCH(qint64, missed);
    QFETCH(qint64, lastMissed);

    const WatcherRecord watcher =
        addWatcher({ { QStringLiteral("name"), QStringLiteral("five minutes") },
                     { QStringLiteral("script"), Succeeds },
                     { QStringLiteral("catch_up"), policy },
                     { QStringLiteral("concurrency"), QStringLiteral("queue") },
                     { QStringLiteral("schedule"),
                       QJsonObject { { QStringLiteral("cron"), QStringLiteral("*/5 * * * *") },
                                     { QStringLiteral("tz"), QStringLiteral("UTC") } } } });
    m_scheduler->tick();
    m_clock->sleep(asleepMs); // suspended: only the wall clock moves
    m_scheduler->tick();
    settle();
    for (int i = 0; i < 20 && !runsOf(watcher.id).isEmpty() &&
         runsOf(watcher.id).last().status != RunStatus::Succeeded;
         ++i) {
        m_scheduler->tick();
        settle();
    }

    const QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), catchUpRuns);
    for (const RunRecord &run : runs) {
        QCOMPARE(run.trigger, RunTrigger::CatchUp);
        QCOMPARE(run.status, RunStatus::Succeeded);
        const QJsonObject event = QJsonDocument::fromJson(run.eventJson).object();
        QCOMPARE(event.value(QStringLiteral("missed")).toInteger(), missed);
    }
    if (!runs.isEmpty())
        QCOMPARE(runs.last().scheduledFor, Start + lastMissed);
    const WatcherRecord after = *m_watchers->get(watcher.id).value();
    QCOMPARE(*after.nextRunAt, Start + lastMissed + 5 * Minute);
}

void TestScheduler::clockSetBackPullsSchedulesEarlier()
{
    const WatcherRecord interval = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("interval") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 300 } } } });
    const WatcherRecord cron =
        addWatcher({ { QStringLiteral("name"), QStringLiteral("cron") },
                     { QStringLiteral("script"), Succeeds },
                     { QStringLiteral("schedule"),
                       QJsonObject { { QStringLiteral("cron"), QStringLiteral("*/10 * * * *") },
                                     { QStringLiteral("tz"), QStringLiteral("UTC") } } } });
    m_scheduler->tick();
    m_clock->advance(Minute);
    m_clock->setWall(Start - Hour); // the clock is set back an hour
    m_scheduler->tick();
    QCOMPARE(*m_watchers->get(interval.id).value()->nextRunAt, Start - Hour + 300 * Second);
    QCOMPARE(*m_watchers->get(cron.id).value()->nextRunAt, Start - Hour + 10 * Minute);
    QVERIFY(runsOf(interval.id).isEmpty());
    QVERIFY(runsOf(cron.id).isEmpty());
}

void TestScheduler::dstGapFiresOnceAfterTheGap()
{
    // 02:30 does not exist in Berlin on 2026-03-29: the fire is at 03:00 CEST.
    m_clock->setWall(ms("2026-03-28T12:00:00Z"));
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("half past two") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"),
            QJsonObject { { QStringLiteral("cron"), QStringLiteral("30 2 * * *") },
                          { QStringLiteral("tz"), QStringLiteral("Europe/Berlin") } } } });
    QCOMPARE(*watcher.nextRunAt, ms("2026-03-29T01:00:00Z"));
    m_clock->setWall(ms("2026-03-29T01:00:00Z"));
    m_scheduler->tick();
    settle();
    QCOMPARE(onlyRun(watcher.id).scheduledFor, ms("2026-03-29T01:00:00Z"));
    QCOMPARE(*m_watchers->get(watcher.id).value()->nextRunAt, ms("2026-03-30T00:30:00Z"));
}

void TestScheduler::forbidRecordsSkippedFire()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("slow") },
          { QStringLiteral("script"), Spins },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 10 } } } });
    m_clock->advance(10 * Second);
    m_scheduler->tick();
    QTRY_COMPARE(m_executor->activeRuns().size(), 1);
    m_clock->advance(10 * Second);
    m_scheduler->tick();

    const QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].status, RunStatus::Running);
    QCOMPARE(runs[1].status, RunStatus::Skipped);
    QCOMPARE(runs[1].errorCode, QStringLiteral("concurrency_forbid"));
    QVERIFY(runs[1].finishedAt.has_value());

    QVERIFY(m_runs->cancel(runs[0].id, m_clock->wallMs()).ok());
    m_scheduler->stopExecutions({ runs[0].id });
    settle();
    QCOMPARE(runsOf(watcher.id).first().status, RunStatus::Cancelled);
}

void TestScheduler::queueRunsOneAfterAnother()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("queued") },
          { QStringLiteral("script"), Spins },
          { QStringLiteral("concurrency"), QStringLiteral("queue") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 10 } } } });
    m_clock->advance(10 * Second);
    m_scheduler->tick();
    m_clock->advance(10 * Second);
    m_scheduler->tick();
    QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].status, RunStatus::Running);
    QCOMPARE(runs[1].status, RunStatus::Pending); // one at a time per watcher

    QVERIFY(m_runs->cancel(runs[0].id, m_clock->wallMs()).ok());
    m_scheduler->stopExecutions({ runs[0].id });
    QTRY_VERIFY(!m_executor->activeRuns().contains(runs[0].id));
    m_scheduler->tick();
    QCOMPARE(runsOf(watcher.id)[1].status, RunStatus::Running);
    QVERIFY(m_runs->cancel(runs[1].id, m_clock->wallMs()).ok());
    m_scheduler->stopExecutions({ runs[1].id });
    settle();
}

void TestScheduler::replaceCancelsTheActiveRun()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("replaced") },
          { QStringLiteral("script"), Spins },
          { QStringLiteral("concurrency"), QStringLiteral("replace") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 10 } } } });
    m_clock->advance(10 * Second);
    m_scheduler->tick();
    QTRY_COMPARE(m_executor->activeRuns().size(), 1);
    const qint64 first = m_executor->activeRuns().first();
    m_clock->advance(10 * Second);
    m_scheduler->tick();
    // The old execution stops and the new run starts in its place.
    QTRY_VERIFY(!m_executor->activeRuns().contains(first));
    m_scheduler->tick();
    const QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].status, RunStatus::Cancelled);
    QCOMPARE(runs[0].errorCode, QStringLiteral("replaced"));
    QCOMPARE(runs[1].status, RunStatus::Running);
    QVERIFY(m_runs->cancel(runs[1].id, m_clock->wallMs()).ok());
    m_scheduler->stopExecutions({ runs[1].id });
    settle();
}

void TestScheduler::manualRunIsRefusedWhileForbidden()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("manual") },
          { QStringLiteral("script"), Spins },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    FireRequest manual;
    manual.watcherId = watcher.id;
    manual.refuseWhileActive = true;
    manual.nowMs = m_clock->wallMs();
    manual.runs = { NewRun {
        manual.nowMs, RunTrigger::Manual, manual.nowMs, "{\"a\":1}", {}, {}, 0 } };
    auto first = m_runs->fire(manual);
    QVERIFY(first.ok());
    QCOMPARE(first->created.size(), 1);
    manual.runs[0].scheduledFor += 1;
    auto second = m_runs->fire(manual);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, StoreError::Conflict);
    QVERIFY(second.error().message.contains(QStringLiteral("forbid")));
    QVERIFY(m_runs->cancel(first->created[0].id, m_clock->wallMs()).ok());
    // The schedule is untouched by manual runs.
    QCOMPARE(*m_watchers->get(watcher.id).value()->nextRunAt, Start + Hour);
}

void TestScheduler::manualRunsAtATakenInstantMoveOn()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("clicked twice") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("concurrency"), QStringLiteral("queue") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    FireRequest manual;
    manual.watcherId = watcher.id;
    manual.concurrency = scheduler::Concurrency::Queue;
    manual.nowMs = m_clock->wallMs();
    manual.runs = { NewRun { manual.nowMs, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
    for (int i = 0; i < 3; ++i) {
        auto fired = m_runs->fire(manual);
        QVERIFY(fired.ok());
        QCOMPARE(fired->created.size(), 1);
        QCOMPARE(fired->created[0].scheduledFor, manual.nowMs + i);
    }
}

void TestScheduler::retriesWithBackoffThenDeadLetters()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("flaky") },
          { QStringLiteral("script"), Fails },
          { QStringLiteral("max_attempts"), 3 },
          { QStringLiteral("backoff"),
            QJsonObject { { QStringLiteral("base_s"), 10 }, { QStringLiteral("max_s"), 15 } } },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    m_random = 0.999;
    m_clock->advance(Hour);
    const qint64 fired = m_clock->wallMs();
    m_scheduler->tick();
    settle();

    QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].status, RunStatus::Failed);
    QCOMPARE(runs[0].errorCode, QStringLiteral("script_error"));
    QCOMPARE(runs[1].status, RunStatus::Pending);
    QCOMPARE(runs[1].attempt, 2); // counted before the attempt starts
    QCOMPARE(runs[1].trigger, RunTrigger::Retry);
    QCOMPARE(runs[1].scheduledFor, runs[0].scheduledFor);
    // Full jitter under base · 2^0 = 10 s.
    QCOMPARE(runs[1].notBefore, fired + qint64(0.999 * 10 * Second));

    m_clock->advance(9 * Second); // not yet
    m_scheduler->tick();
    QCOMPARE(runsOf(watcher.id)[1].status, RunStatus::Pending);
    m_clock->advance(1 * Second);
    m_scheduler->tick();
    settle();
    runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 3);
    // Capped: base · 2^1 = 20 s > max_s = 15 s.
    QCOMPARE(runs[2].notBefore - m_clock->wallMs(), qint64(0.999 * 15 * Second));

    m_clock->advance(15 * Second);
    m_scheduler->tick();
    settle();
    runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 3);
    QCOMPARE(runs[2].status, RunStatus::Dead);
    QVERIFY(runs[2].errorMessage.contains(QStringLiteral("boom")));

    bool more = false;
    const QList<Notification> notes = m_notifications->list(false, std::nullopt, 10, &more).value();
    QCOMPARE(notes.size(), 1); // on_failure: once, for the dead run
    QCOMPARE(notes[0].level, hearth::NotificationLevel::Error);
    QCOMPARE(notes[0].runId, QString::number(runs[2].id));
    QVERIFY(notes[0].body.contains(QStringLiteral("attempt 3 of 3")));
}

void TestScheduler::retryDelayStaysWithinBounds_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expected");
    // base 30 s, max 3600 s
    QTest::newRow("first, lowest") << 1 << 0.0 << qint64(0);
    QTest::newRow("first, highest") << 1 << 0.999999 << qint64(29999);
    QTest::newRow("third, half") << 3 << 0.5 << qint64(60000);
    QTest::newRow("eighth, capped") << 8 << 0.5 << qint64(1800000);
    QTest::newRow("twentieth, capped") << 20 << 1.0 << qint64(3600000);
}

void TestScheduler::retryDelayStaysWithinBounds()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, expected);
    const WatcherSpec spec;
    QCOMPARE(scheduler::retryDelayMs(spec, attempt, random), expected);
}

void TestScheduler::redriveMakesANewAttempt()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("once") },
          { QStringLiteral("script"), Fails },
          { QStringLiteral("max_attempts"), 1 },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    m_clock->advance(Hour);
    m_scheduler->tick();
    settle();
    const RunRecord dead = onlyRun(watcher.id);
    QCOMPARE(dead.status, RunStatus::Dead);

    // The scheduler's attempts are hearthd's; one asked for by hand, its asker's.
    QCOMPARE(dead.actor, QStringLiteral("hearthd"));
    const Actor cli = Actor::fromClientHeader(QStringLiteral("hearth-cli"));
    auto retry = m_runs->redrive(dead.id, m_clock->wallMs(), cli);
    QVERIFY(retry.ok());
    QCOMPARE(retry->attempt, 2);
    QCOMPARE(retry->trigger, RunTrigger::Retry);
    QCOMPARE(retry->status, RunStatus::Pending);
    QCOMPARE(retry->actor, QStringLiteral("cli"));
    QCOMPARE(m_runs->get(retry->id).value()->actor, QStringLiteral("cli"));
    // Only the latest attempt can be redriven, and only once.
    QCOMPARE(m_runs->redrive(dead.id, m_clock->wallMs(), cli).error().code, StoreError::Conflict);
    m_scheduler->tick();
    settle();
    QCOMPARE(runsOf(watcher.id)[1].status, RunStatus::Dead);
    QCOMPARE(m_runs->redrive(987654, m_clock->wallMs(), cli).error().code, StoreError::NotFound);
}

void TestScheduler::restartFailsRunsTheCrashLeftRunning()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("crashed") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("backoff"),
            QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } } },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    m_clock->advance(Minute);
    // What a killed hearthd leaves behind: a fired run claimed by it.
    FireRequest fire;
    fire.watcherId = watcher.id;
    fire.advance = true;
    fire.expectedNextRunAt = *watcher.nextRunAt;
    fire.nextRunAt = *watcher.nextRunAt + Minute;
    fire.lastFiredAt = *watcher.nextRunAt;
    fire.nowMs = m_clock->wallMs();
    fire.runs = { NewRun {
        *watcher.nextRunAt, RunTrigger::Schedule, fire.nowMs, "{}", {}, {}, 0 } };
    QVERIFY(m_runs->fire(fire).ok());
    QCOMPARE(m_runs
                 ->claimPending(QStringLiteral("lua"), QStringLiteral("hearthd"), m_clock->wallMs(),
                                60000, 1)
                 .value()
                 .size(),
             1);

    m_clock->advance(30 * Second);
    m_scheduler->start(); // a new process
    QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs[0].status, RunStatus::Failed);
    QCOMPARE(runs[0].errorCode, QStringLiteral("lease_expired"));
    QCOMPARE(runs[1].attempt, 2);
    m_clock->advance(2 * Second);
    m_scheduler->tick();
    settle();
    runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[1].status, RunStatus::Succeeded);
}

void TestScheduler::queueKeepsItsOrderAcrossRestarts()
{
    // What a stopped hearthd leaves behind: queues of pending runs of two
    // watchers; then, while it is down, the first misses fires (catch-up
    // "all" adds a run for each, behind its queue).
    const QJsonObject every30s { { QStringLiteral("every_s"), 30 } };
    const WatcherRecord other =
        addWatcher({ { QStringLiteral("name"), QStringLiteral("other") },
                     { QStringLiteral("script"), Succeeds },
                     { QStringLiteral("concurrency"), QStringLiteral("queue") },
                     { QStringLiteral("schedule"), every30s } });
    const WatcherRecord queued =
        addWatcher({ { QStringLiteral("name"), QStringLiteral("queued") },
                     { QStringLiteral("script"), Succeeds },
                     { QStringLiteral("concurrency"), QStringLiteral("queue") },
                     { QStringLiteral("catch_up"), QStringLiteral("all") },
                     { QStringLiteral("schedule"), every30s } });
    const qint64 now = m_clock->wallMs();
    for (const WatcherRecord &watcher : { other, queued }) {
        FireRequest fire;
        fire.watcherId = watcher.id;
        fire.concurrency = scheduler::Concurrency::Queue;
        fire.nowMs = now;
        for (qint64 i = 0; i < 3; ++i)
            fire.runs.append(NewRun { now + i, RunTrigger::Manual, now, "{}", {}, {}, 0 });
        QVERIFY(m_runs->fire(fire).ok());
    }
    m_clock->advance(3 * Minute);
    m_scheduler->start(); // a new process: due runs are spread over 5 s
    for (int pass = 0; pass < 40; ++pass) {
        m_clock->advance(500);
        m_scheduler->tick();
        settle();
    }
    // The queue's runs started first in, first out (in the order they were
    // queued, which here is also the order of the instants they were for),
    // whatever the spreading did.
    QList<RunRecord> runs = runsOf(queued.id);
    QVERIFY(runs.size() >= 3 + 5);
    for (const RunRecord &run : std::as_const(runs))
        QCOMPARE(run.status, RunStatus::Succeeded);
    std::sort(runs.begin(), runs.end(), [](const RunRecord &a, const RunRecord &b) {
        return std::tie(a.scheduledFor, a.attempt, a.id) <
            std::tie(b.scheduledFor, b.attempt, b.id);
    });
    QList<qint64> expected;
    for (const RunRecord &run : std::as_const(runs))
        expected.append(run.id);
    QList<qint64> started;
    bool complete = true;
    for (const events::Event &event : m_events->after(0, &complete)) {
        const QJsonObject data = QJsonDocument::fromJson(event.dataJson()).object();
        const QJsonObject run = data.value(QStringLiteral("run")).toObject();
        if (event.type == "run" && data.value(QStringLiteral("action")).toString() == u"started" &&
            run.value(QStringLiteral("watcher_id")).toString() == QString::number(queued.id))
            started.append(run.value(QStringLiteral("id")).toString().toLongLong());
    }
    QVERIFY(complete);
    QCOMPARE(started, expected);
}

void TestScheduler::claimingLooksPastAWatchersBacklog()
{
    // One watcher has 60 runs queued ahead of everyone else's (more than a
    // page of the claim's reading): only its oldest may start, and the free
    // places go to the next watchers in line.
    const QJsonObject later { { QStringLiteral("every_s"), 3600 } };
    QList<WatcherRecord> watchers;
    for (int i = 0; i < 4; ++i) {
        watchers.append(addWatcher({ { QStringLiteral("name"), QStringLiteral("w%1").arg(i) },
                                     { QStringLiteral("script"), Succeeds },
                                     { QStringLiteral("concurrency"), QStringLiteral("queue") },
                                     { QStringLiteral("schedule"), later } }));
    }
    const qint64 now = m_clock->wallMs();
    QList<qint64> heads;
    for (const WatcherRecord &watcher : std::as_const(watchers)) {
        FireRequest fire;
        fire.watcherId = watcher.id;
        fire.concurrency = scheduler::Concurrency::Queue;
        fire.nowMs = now;
        const int count = watcher.id == watchers.first().id ? 60 : 2;
        for (int i = 0; i < count; ++i)
            fire.runs.append(NewRun { now + i, RunTrigger::Manual, now, "{}", {}, {}, 0 });
        auto fired = m_runs->fire(fire);
        QVERIFY(fired.ok());
        heads.append(fired->created.first().id);
    }
    auto claimed =
        m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("test"), now, Minute, 3);
    QVERIFY(claimed.ok());
    QList<qint64> ids;
    for (const RunRepository::Claimed &run : claimed.value())
        ids.append(run.run.id);
    QCOMPARE(ids, heads.first(3));
    // With those running, the next pass takes the last watcher's head and
    // nothing of the others.
    claimed = m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("test"), now, Minute, 3);
    QVERIFY(claimed.ok());
    QCOMPARE(claimed->size(), 1);
    QCOMPARE(claimed->first().run.id, heads.last());
}

void TestScheduler::aBurstFiresEveryWatcherOnceInOrder()
{
    // More watchers due at one instant than one batch of fires holds.
    constexpr int Watchers = 300;
    const QJsonObject everyMinute { { QStringLiteral("every_s"), 60 } };
    QSet<qint64> ids;
    for (int i = 0; i < Watchers; ++i) {
        ids.insert(addWatcher({ { QStringLiteral("name"), QStringLiteral("w%1").arg(i) },
                                { QStringLiteral("script"), Succeeds },
                                { QStringLiteral("schedule"), everyMinute } })
                       .id);
    }
    QSignalSpy finished(m_scheduler.get(), &Scheduler::runFinished);
    m_clock->advance(Minute);
    // Passes at the due instant (start() would spread the burst over the
    // next seconds, which this clock does not reach).
    QElapsedTimer waited;
    waited.start();
    while (finished.size() < Watchers && waited.elapsed() < 60000) {
        m_scheduler->tick();
        QTest::qWait(5);
    }
    settle();
    QCOMPARE(finished.size(), Watchers);

    RunFilter filter;
    filter.limit = 1000;
    bool more = false;
    const QList<RunRecord> runs = m_runs->list(filter, &more).value();
    QCOMPARE(runs.size(), Watchers);
    QSet<qint64> fired;
    for (const RunRecord &run : runs) {
        QCOMPARE(run.status, RunStatus::Succeeded);
        QCOMPARE(run.scheduledFor, Start + Minute);
        QVERIFY(run.startedAt && *run.startedAt >= run.createdAt);
        fired.insert(run.watcherId);
    }
    QCOMPARE(fired, ids); // each watcher exactly once
    // Runs were announced only once durable, created before started, and
    // started oldest first.
    QList<qint64> created;
    QList<qint64> started;
    bool complete = true;
    for (const events::Event &event : m_events->after(0, &complete)) {
        const QJsonObject data = QJsonDocument::fromJson(event.dataJson()).object();
        const qint64 id = data.value(QStringLiteral("run"))
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toString()
                              .toLongLong();
        const QString action = data.value(QStringLiteral("action")).toString();
        if (event.type != "run")
            continue;
        if (action == u"created")
            created.append(id);
        else if (action == u"started") {
            QVERIFY2(created.contains(id), "started before it was announced");
            started.append(id);
        }
    }
    QVERIFY(complete);
    QCOMPARE(created.size(), Watchers);
    QList<qint64> inOrder = started;
    std::sort(inOrder.begin(), inOrder.end());
    QCOMPARE(started, inOrder);
    QCOMPARE(started.size(), Watchers);
}

void TestScheduler::shortRunsAreClaimedAheadAndStartWhenAHostTakesThem()
{
    // One host: a run claimed beyond it waits in the pool's queue.
    useHosts(1);
    QCOMPARE(m_executor->freePlaces().ahead, 0); // nothing known yet: nothing ahead
    auto onceAt = [](qint64 instant) {
        return QJsonObject { { QStringLiteral("at"), scheduler::rfc3339FromMs(instant) } };
    };
    // Short runs teach the executor how long a run holds a host.
    for (int i = 0; i < 10; ++i) {
        addWatcher({ { QStringLiteral("name"), QStringLiteral("short%1").arg(i) },
                     { QStringLiteral("script"), Succeeds },
                     { QStringLiteral("schedule"), onceAt(Start + Minute) } });
    }
    m_clock->advance(Minute);
    QSignalSpy finished(m_scheduler.get(), &Scheduler::runFinished);
    QElapsedTimer waited;
    waited.start();
    while (finished.size() < 10 && waited.elapsed() < 30000) {
        m_scheduler->tick();
        QTest::qWait(5);
    }
    settle();
    QCOMPARE(finished.size(), 10);
    QVERIFY2(m_executor->freePlaces().ahead > 0, "short runs are claimed ahead");

    // A 200 ms run and a short one due together: both are claimed in one
    // pass, the short one waits for the host, and its started_at says when
    // the host took it, not when it was claimed.
    const QString busy200ms =
        QStringLiteral("local t = os.clock() while os.clock() - t < 0.2 do end return 1");
    const qint64 slow = addWatcher({ { QStringLiteral("name"), QStringLiteral("slow") },
                                     { QStringLiteral("script"), busy200ms },
                                     { QStringLiteral("schedule"), onceAt(Start + 2 * Minute) } })
                            .id;
    const qint64 quick = addWatcher({ { QStringLiteral("name"), QStringLiteral("quick") },
                                      { QStringLiteral("script"), Succeeds },
                                      { QStringLiteral("schedule"), onceAt(Start + 2 * Minute) } })
                             .id;
    m_clock->advance(Minute);
    m_scheduler->tick();
    QCOMPARE(onlyRun(slow).status, RunStatus::Running);
    QCOMPARE(onlyRun(quick).status, RunStatus::Running);
    const qint64 claimedAt = *onlyRun(quick).startedAt;
    // Their ends are recorded later on this clock, as they would be.
    m_clock->advance(10 * Second);
    settle();
    const RunRecord slowRun = onlyRun(slow);
    const RunRecord quickRun = onlyRun(quick);
    QCOMPARE(slowRun.status, RunStatus::Succeeded);
    QCOMPARE(quickRun.status, RunStatus::Succeeded);
    QVERIFY2(slowRun.durationMs.value_or(0) >= 150, "the slow run held its host");
    // (Whole milliseconds of two clocks: the host's for the duration, the
    // pool's for the wait.)
    constexpr qint64 Rounding = 2;
    QVERIFY2(*quickRun.startedAt >= *slowRun.startedAt + *slowRun.durationMs - Rounding,
             qPrintable(QStringLiteral("the queued run started at +%1 ms, the slow one at +%2 ms "
                                       "and took %3 ms")
                            .arg(*quickRun.startedAt - claimedAt)
                            .arg(*slowRun.startedAt - claimedAt)
                            .arg(*slowRun.durationMs)));
    QVERIFY(*quickRun.startedAt <= *quickRun.finishedAt);

    // A few long runs later nothing is claimed ahead any more: a long run
    // never has others wait behind it for long.
    for (int i = 0; i < 5; ++i) {
        addWatcher({ { QStringLiteral("name"), QStringLiteral("long%1").arg(i) },
                     { QStringLiteral("script"), busy200ms },
                     { QStringLiteral("schedule"), onceAt(Start + 3 * Minute + i * Second) } });
    }
    for (int i = 0; i < 5; ++i) {
        m_clock->advance(i == 0 ? 50 * Second : Second);
        m_scheduler->tick();
        settle();
    }
    QCOMPARE(m_executor->freePlaces().ahead, 0);
}

void TestScheduler::placesAheadGoOnlyToWatchersWithShortRuns()
{
    const QJsonObject hourly { { QStringLiteral("every_s"), 3600 } };
    auto watcherNamed = [&](const char *name) {
        return addWatcher({ { QStringLiteral("name"), QString::fromLatin1(name) },
                            { QStringLiteral("script"), Succeeds },
                            { QStringLiteral("schedule"), hourly } })
            .id;
    };
    qint64 instant = m_clock->wallMs();
    auto pendingRun = [&](qint64 watcherId) {
        FireRequest manual;
        manual.watcherId = watcherId;
        manual.concurrency = scheduler::Concurrency::Queue;
        manual.nowMs = m_clock->wallMs();
        manual.runs = { NewRun { ++instant, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
        QVERIFY(m_runs->fire(manual).ok());
    };
    // A previous successful run that took `durationMs`.
    auto previousRun = [&](qint64 watcherId, qint64 durationMs) {
        pendingRun(watcherId);
        const auto claimed = m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"),
                                                  m_clock->wallMs(), Minute, 1);
        QVERIFY(claimed.ok() && claimed->size() == 1);
        RunCompletion done;
        done.succeeded = true;
        done.durationMs = durationMs;
        QVERIFY(m_runs->complete(claimed->first().run.id, done, m_clock->wallMs(), 0).ok());
    };
    const qint64 longFirst = watcherNamed("long first");
    const qint64 longer = watcherNamed("long");
    const qint64 quick = watcherNamed("quick");
    const qint64 fresh = watcherNamed("fresh");
    previousRun(longFirst, 500);
    previousRun(longer, 500);
    previousRun(quick, 5);
    for (const qint64 id : { longFirst, longer, quick, fresh })
        pendingRun(id);

    // One place now, two ahead for runs of at most 25 ms: the long watcher
    // at the head takes the place now, the next long one is passed over.
    const auto claimed =
        m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"), m_clock->wallMs(), Minute,
                             RunRepository::Places { 1, 2, 25 });
    QVERIFY(claimed.ok());
    QList<qint64> watchers;
    for (const RunRepository::Claimed &run : claimed.value())
        watchers.append(run.watcher.id);
    QCOMPARE(watchers, QList<qint64>({ longFirst, quick, fresh }));
    QCOMPARE(runsOf(longer).constLast().status, RunStatus::Pending);
    // It takes a place to start at once.
    const auto next =
        m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"), m_clock->wallMs(), Minute,
                             RunRepository::Places { 1, 0, 25 });
    QVERIFY(next.ok() && next->size() == 1);
    QCOMPARE(next->first().watcher.id, longer);
}

void TestScheduler::expiredLeaseOfAnotherClaimerFails()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("leased") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("max_attempts"), 1 },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    FireRequest manual;
    manual.watcherId = watcher.id;
    manual.nowMs = m_clock->wallMs();
    manual.runs = { NewRun { manual.nowMs, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
    QVERIFY(m_runs->fire(manual).ok());
    // Claimed by a worker that then goes silent.
    QCOMPARE(m_runs
                 ->claimPending(QStringLiteral("lua"), QStringLiteral("worker-1"),
                                m_clock->wallMs(), 30000, 1)
                 .value()
                 .size(),
             1);
    m_clock->advance(29 * Second);
    m_scheduler->tick();
    QCOMPARE(onlyRun(watcher.id).status, RunStatus::Running);
    m_clock->advance(2 * Second);
    m_scheduler->tick();
    const RunRecord run = onlyRun(watcher.id);
    QCOMPARE(run.status, RunStatus::Dead);
    QCOMPARE(run.errorCode, QStringLiteral("lease_expired"));
}

void TestScheduler::completionIsIdempotent()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("twice") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    FireRequest manual;
    manual.watcherId = watcher.id;
    manual.nowMs = m_clock->wallMs();
    manual.runs = { NewRun { manual.nowMs, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
    QVERIFY(m_runs->fire(manual).ok());
    const auto claimed =
        m_runs
            ->claimPending(QStringLiteral("lua"), QStringLiteral("w"), m_clock->wallMs(), 30000, 1)
            .value();
    RunCompletion done;
    done.succeeded = true;
    done.resultJson = "1";
    auto first = m_runs->complete(claimed[0].run.id, done, m_clock->wallMs(), 0.5);
    QVERIFY(first.ok());
    QVERIFY(!first->alreadyFinished);
    RunCompletion late;
    late.errorCode = QStringLiteral("script_error");
    auto second = m_runs->complete(claimed[0].run.id, late, m_clock->wallMs(), 0.5);
    QVERIFY(second.ok());
    QVERIFY(second->alreadyFinished);
    QCOMPARE(second->status, RunStatus::Succeeded);
    QCOMPARE(onlyRun(watcher.id).status, RunStatus::Succeeded);
}

void TestScheduler::notificationCooldownAndBudget()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("chatty") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("notify"),
            QJsonObject { { QStringLiteral("policy"), QStringLiteral("always") },
                          { QStringLiteral("min_interval_s"), 60 },
                          { QStringLiteral("daily_budget"), 2 } } },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 30 } } } });
    // Fires at 30 s steps: 1 notifies; 2 cooldown; 3 notifies (60 s later);
    // 4 cooldown; 5 budget used up.
    const QList<bool> expectedNotified { true, false, true, false, false };
    bool more = false;
    for (qsizetype i = 0; i < expectedNotified.size(); ++i) {
        m_clock->advance(30 * Second);
        m_scheduler->tick();
        settle();
        const auto notes = m_notifications->list(false, std::nullopt, 100, &more).value();
        const qsizetype expectedCount =
            std::count(expectedNotified.begin(), expectedNotified.begin() + i + 1, true);
        QCOMPARE(notes.size(), expectedCount);
    }
    // The suppressed ones say so in their logs.
    const RunRecord budgeted = runsOf(watcher.id).last();
    const auto logs = m_runs->logs(budgeted.id, 0).value();
    QVERIFY(!logs.isEmpty());
    QVERIFY(logs.last().message.contains(QStringLiteral("daily_budget")));
    // A day later the budget is back.
    m_clock->advance(24 * Hour);
    m_scheduler->tick();
    settle();
    QCOMPARE(m_notifications->list(false, std::nullopt, 100, &more).value().size(), 3);
}

void TestScheduler::onChangeNotifiesOnlyOnChange()
{
    const QString script = QStringLiteral("local n = (ctx.last and ctx.last.n or 0) + 1\n"
                                          "return {n = n < 3 and n or 3}");
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("changes") },
          { QStringLiteral("script"), script },
          { QStringLiteral("notify"),
            QJsonObject { { QStringLiteral("policy"), QStringLiteral("on_change") } } },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    // Results 1, 2, 3, 3: the first has nothing to differ from; 2 and 3
    // are changes; the last 3 is not.
    for (int i = 0; i < 4; ++i) {
        m_clock->advance(Minute);
        m_scheduler->tick();
        settle();
    }
    const QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 4);
    QCOMPARE(QString::fromUtf8(runs[3].resultJson), QStringLiteral("{\"n\":3}"));
    bool more = false;
    const auto notes = m_notifications->list(false, std::nullopt, 100, &more).value();
    QCOMPARE(notes.size(), 2);
    QVERIFY(notes[0].title.contains(QStringLiteral("result changed")));
}

void TestScheduler::deletingAWatcherDeletesItsRunsLogsAndNotifications()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("doomed") },
          { QStringLiteral("script"),
            QStringLiteral("log.info('x') notify{title='t', body='b'} return 1") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    const WatcherRecord other = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("kept") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    m_clock->advance(Minute);
    m_scheduler->tick();
    settle();
    const RunRecord run = onlyRun(watcher.id);
    QCOMPARE(m_runs->logs(run.id, 0).value().size(), 1);

    auto stopped = m_watchers->remove(watcher.id);
    QVERIFY(stopped.ok());
    QVERIFY(!m_watchers->get(watcher.id).value());
    QVERIFY(!m_runs->get(run.id).value());
    QVERIFY(m_runs->logs(run.id, 0).value().isEmpty());
    QSqlQuery count(m_database->connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM notifications")) && count.next());
    QCOMPARE(count.value(0).toInt(), 0);
    QCOMPARE(runsOf(other.id).size(), 1);
    QCOMPARE(m_watchers->remove(watcher.id).error().code, StoreError::NotFound);
}

void TestScheduler::retentionKeepsDeadAndNewestRuns()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("old") },
          { QStringLiteral("script"), Fails },
          { QStringLiteral("max_attempts"), 1 },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    m_clock->advance(Minute);
    m_scheduler->tick();
    settle();
    FireRequest manual;
    manual.watcherId = watcher.id;
    manual.concurrency = scheduler::Concurrency::Queue;
    for (int i = 0; i < 5; ++i) {
        // Not at the instant of the scheduled fire, which has attempt 1 already.
        manual.nowMs = m_clock->wallMs() + 1 + i;
        manual.runs = { NewRun {
            manual.nowMs, RunTrigger::Manual, manual.nowMs, "{}", {}, {}, 0 } };
        QVERIFY(m_runs->fire(manual).ok());
        const auto claimed =
            m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("w"), manual.nowMs, 1000, 1)
                .value();
        QCOMPARE(claimed.size(), 1);
        RunCompletion done;
        done.succeeded = true;
        QVERIFY(m_runs->complete(claimed[0].run.id, done, manual.nowMs, 0).ok());
    }
    QCOMPARE(runsOf(watcher.id).size(), 6);
    // Beyond the newest 3: the two oldest successes go, the dead run stays.
    QCOMPARE(prunePass(30LL * 24 * Hour, 3), 2);
    QList<RunRecord> runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 4);
    QCOMPARE(runs[0].status, RunStatus::Dead);
    // 31 days later every success is past retention; the dead run is kept.
    m_clock->advance(31 * 24 * Hour);
    QCOMPARE(prunePass(30LL * 24 * Hour, 1000), 3);
    runs = runsOf(watcher.id);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs[0].status, RunStatus::Dead);
}

void TestScheduler::aWatchersOwnHistoryLimitsReplaceHearthds()
{
    const auto watcherKeeping = [this](const char *name, const QJsonValue &keepRuns,
                                       const QJsonValue &keepDays) {
        return addWatcher(
            { { QStringLiteral("name"), QString::fromLatin1(name) },
              { QStringLiteral("script"), Succeeds },
              { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } },
              { QStringLiteral("history"),
                QJsonObject { { QStringLiteral("keep_runs"), keepRuns },
                              { QStringLiteral("keep_days"), keepDays } } } });
    };
    const WatcherRecord moreRuns = watcherKeeping("more runs", 15, QJsonValue());
    const WatcherRecord plain = watcherKeeping("plain", QJsonValue(), QJsonValue());
    const WatcherRecord longer = watcherKeeping("longer", 1000, 60);
    const WatcherRecord shorter = watcherKeeping("shorter", QJsonValue(), 1);
    for (const WatcherRecord &watcher : { moreRuns, plain, longer, shorter })
        addFinishedRuns(watcher.id, 20, 16);
    const auto counts = [this, &moreRuns, &plain, &longer, &shorter]() {
        return QList<qsizetype> { runsOf(moreRuns.id).size(), runsOf(plain.id).size(),
                                  runsOf(longer.id).size(), runsOf(shorter.id).size() };
    };
    constexpr qint64 Days30 = 30LL * 24 * Hour;
    // hearthd keeps 10 runs for 30 days; a watcher's own numbers replace
    // either, more or fewer.
    QCOMPARE(prunePass(Days30, 10), 5 + 10 + 0 + 10);
    QCOMPARE(counts(), (QList<qsizetype> { 15, 10, 20, 10 }));
    m_clock->advance(2 * 24 * Hour);
    QCOMPARE(prunePass(Days30, 10), 10);
    QCOMPARE(counts(), (QList<qsizetype> { 15, 10, 20, 0 }));
    m_clock->advance(30 * 24 * Hour);
    QCOMPARE(prunePass(Days30, 10), 25);
    QCOMPARE(counts(), (QList<qsizetype> { 0, 0, 20, 0 }));
    m_clock->advance(30 * 24 * Hour);
    QCOMPARE(prunePass(Days30, 10), 20);
    QCOMPARE(counts(), (QList<qsizetype> { 0, 0, 0, 0 }));
}

void TestScheduler::pruningGoesInBatchesAndGivesTheSpaceBack()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("busy") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    addFinishedRuns(watcher.id, 400, 4096);
    const auto pageCount = [this]() {
        QSqlQuery query(m_database->connection());
        query.exec(QStringLiteral("PRAGMA page_count"));
        query.next();
        return query.value(0).toLongLong();
    };
    const qint64 pagesBefore = pageCount();
    QVERIFY(pagesBefore > 400);

    scheduler::HistoryPruner::Config config;
    config.keepRunsPerWatcher = 10;
    config.runsPerBatch = 50;
    config.pagesPerStep = 64;
    scheduler::HistoryPruner pruner(*m_runs, *m_database, *m_clock, config);
    QSignalSpy finished(&pruner, &scheduler::HistoryPruner::passFinished);
    pruner.pruneNow();
    // One batch at a time, between other work on the same thread: the pass
    // has only begun when pruneNow returns, and a write waits for no more
    // than a batch.
    QVERIFY(pruner.passUnderWay());
    QCOMPARE(runsOf(watcher.id).size(), 400);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toInt(), 390);
    QCOMPARE(runsOf(watcher.id).size(), 10);
    // The pages the runs took are given back to the file system.
    QCOMPARE(m_database->freeBytes().value(), 0);
    QVERIFY2(
        pageCount() < pagesBefore / 4,
        qPrintable(QStringLiteral("%1 pages before, %2 after").arg(pagesBefore).arg(pageCount())));
    QCOMPARE(runsOf(watcher.id).constLast().status, RunStatus::Succeeded);
}

void TestScheduler::deliveriesArePrunedAfterTheRetentionButFailuresStay()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("telling") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    ChannelRepository channels(*m_database);
    auto spec = ChannelSpec::fromJson(
        { { QStringLiteral("name"), QStringLiteral("phone") },
          { QStringLiteral("default"), true },
          { QStringLiteral("ntfy"),
            QJsonObject { { QStringLiteral("topic"), QStringLiteral("t") } } } });
    QVERIFY(spec);
    QVERIFY(channels.create(spec.value()));
    // Six notifications, each queued for the default channel in its own
    // transaction.
    NotificationRepository notifications(*m_database);
    for (int i = 0; i < 6; ++i)
        QVERIFY(notifications.create(QString::number(watcher.id), {}, NotificationLevel::Info,
                                     QStringLiteral("n%1").arg(i), {}));
    const auto setAll = [this](const QString &sql) {
        QSqlQuery query(m_database->connection());
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    };
    // Finished long ago: delivered, suppressed, failed, dead; and one
    // delivered recently, one still pending.
    const qint64 old = Start - 40 * 24 * Hour;
    setAll(QStringLiteral("UPDATE deliveries SET status = CASE id WHEN 1 THEN 'delivered' WHEN 2 "
                          "THEN 'suppressed' WHEN 3 THEN 'failed' WHEN 4 THEN 'dead' WHEN 5 THEN "
                          "'delivered' ELSE 'pending' END, finished_at = CASE id WHEN 5 THEN %1 "
                          "WHEN 6 THEN NULL ELSE %2 END")
               .arg(Start - Hour)
               .arg(old));
    const DeliveryRepository deliveries(*m_database);
    scheduler::HistoryPruner::Config config;
    config.deliveries = &deliveries;
    config.runsPerBatch = 1; // a batch per delivery
    scheduler::HistoryPruner pruner(*m_runs, *m_database, *m_clock, config);
    QSignalSpy finished(&pruner, &scheduler::HistoryPruner::passFinished);
    pruner.pruneNow();
    QVERIFY(finished.wait(30000));
    QSqlQuery left(m_database->connection());
    QVERIFY(left.exec(QStringLiteral("SELECT id FROM deliveries ORDER BY id")));
    QList<int> ids;
    while (left.next())
        ids.append(left.value(0).toInt());
    QCOMPARE(ids, (QList<int> { 3, 4, 5, 6 }));
}

void TestScheduler::snapshotsAreStoredOnSuccessDedupedAndPruned()
{
    const auto watcher = [this](const QString &name) {
        return addWatcher({ { QStringLiteral("name"), name },
                            { QStringLiteral("script"), Succeeds },
                            { QStringLiteral("max_attempts"), 1 },
                            { QStringLiteral("schedule"),
                              QJsonObject { { QStringLiteral("every_s"), 86400 } } } })
            .id;
    };
    const qint64 first = watcher(QStringLiteral("page"));
    const qint64 second = watcher(QStringLiteral("same page"));
    SnapshotRepository snapshots(*m_database);
    const auto count = [this](const char *table) {
        QSqlQuery query(m_database->connection());
        query.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table));
        query.next();
        return query.value(0).toInt();
    };
    const auto textsOf = [&snapshots](qint64 watcherId) {
        QList<QByteArray> texts;
        const auto records = snapshots.list(watcherId, std::nullopt, 100);
        for (const SnapshotRecord &record : records.value())
            texts.append(snapshots.text(record).value());
        return texts;
    };

    QCOMPARE(runWithSnapshot(first, "A", true), std::nullopt);
    QCOMPARE(runWithSnapshot(first, "A", true), std::optional<QByteArray>("A"));
    QCOMPARE(textsOf(first), QList<QByteArray> { "A" }); // the same text is not kept twice
    QCOMPARE(runWithSnapshot(first, "B", false), std::optional<QByteArray>("A"));
    QCOMPARE(textsOf(first), QList<QByteArray> { "A" }); // a failed run keeps nothing
    for (const char *text : { "B", "C", "D", "E" })
        runWithSnapshot(first, text, true);
    QCOMPARE(textsOf(first), (QList<QByteArray> { "E", "D", "C", "B", "A" }));
    runWithSnapshot(second, "A", true);
    QCOMPARE(count("snapshot_texts"), 5); // "A" is stored once for both watchers
    QCOMPARE(snapshots.text(*snapshots.latest(second).value()).value(), QByteArray("A"));

    const auto prune = [this, &snapshots](int keep, int keepDays) {
        scheduler::HistoryPruner::Config config;
        config.runsPerBatch = 1; // every batch boundary crossed
        config.snapshots = &snapshots;
        config.keepSnapshotsPerWatcher = keep;
        config.snapshotRetentionDays = keepDays;
        scheduler::HistoryPruner pruner(*m_runs, *m_database, *m_clock, config);
        QSignalSpy finished(&pruner, &scheduler::HistoryPruner::passFinished);
        pruner.pruneNow();
        QVERIFY(!finished.isEmpty() || finished.wait(30000));
    };
    prune(2, 365);
    QCOMPARE(textsOf(first), (QList<QByteArray> { "E", "D" }));
    QCOMPARE(textsOf(second), QList<QByteArray> { "A" });
    QCOMPARE(count("snapshot_texts"), 3); // B and C are gone; A is still used

    // Older than the retention: all but a watcher's latest go.
    m_clock->advance(3 * 24 * 3600 * 1000LL);
    prune(100, 2);
    QCOMPARE(textsOf(first), QList<QByteArray> { "E" });
    QCOMPARE(textsOf(second), QList<QByteArray> { "A" });

    // A watcher's own limit replaces hearthd's.
    const qint64 own = addWatcher({ { QStringLiteral("name"), QStringLiteral("own limit") },
                                    { QStringLiteral("script"), Succeeds },
                                    { QStringLiteral("history"),
                                      QJsonObject { { QStringLiteral("keep_snapshots"), 1 } } },
                                    { QStringLiteral("schedule"),
                                      QJsonObject { { QStringLiteral("every_s"), 86400 } } } })
                           .id;
    runWithSnapshot(own, "X", true);
    runWithSnapshot(own, "Y", true);
    prune(100, 365);
    QCOMPARE(textsOf(own), QList<QByteArray> { "Y" });

    // A deleted watcher's snapshots go with it, and their texts with the
    // next pass.
    QVERIFY(m_watchers->remove(second).ok());
    prune(100, 365);
    QCOMPARE(count("snapshot_texts"), 2); // E and Y
}

void TestScheduler::unreadableWatcherDoesNotStopTheOthers()
{
    const WatcherRecord broken = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("broken") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    const WatcherRecord healthy = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("healthy") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    // Damaged outside Hearth (a hand edit, a restored backup).
    QSqlQuery damage(m_database->connection());
    QVERIFY(damage.exec(
        QStringLiteral("UPDATE watchers SET spec = '{}' WHERE id = %1").arg(broken.id)));
    m_clock->advance(Minute);
    m_scheduler->tick();
    settle();
    QCOMPARE(onlyRun(healthy.id).status, RunStatus::Succeeded);
    QVERIFY(runsOf(broken.id).isEmpty());
    // The broken one stays due: looked at again in a second, not in a loop.
    QCOMPARE(*m_scheduler->nextWakeAt(), m_clock->wallMs() + 1000);
}

QTEST_GUILESS_MAIN(TestScheduler)
void TestScheduler::runsWaitingForAWorkerAreGivenUpOnAtTheirDeadline()
{
    // The claim deadlines the scheduler sleeps until and fails runs at
    // (no_worker): an agent watcher's pending runs (its timeout after they
    // became due) and escalations (their own timeout), never a Lua run and
    // never a run a worker holds.
    const WatcherRecord lua = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("script") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QJsonObject agentSpec { { QStringLiteral("name"), QStringLiteral("agent") },
                                  { QStringLiteral("kind"), QStringLiteral("agent") },
                                  { QStringLiteral("prompt"), QStringLiteral("Look around") },
                                  { QStringLiteral("agent_kind"), QStringLiteral("claude") },
                                  { QStringLiteral("timeout_s"), 120 },
                                  { QStringLiteral("schedule"),
                                    QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
    const WatcherRecord agent = addWatcher(agentSpec);
    WorkerRepository workers(*m_database);
    const auto worker =
        workers.registerWorker(QStringLiteral("laptop"), { QStringLiteral("claude") }, Start);
    QVERIFY(worker.ok());
    const qint64 workerId = worker->worker.id;
    const qint64 now = m_clock->wallMs();
    const auto fireNow = [this, now](qint64 watcherId, std::optional<qint64> pin, qint64 at) {
        FireRequest manual;
        manual.watcherId = watcherId;
        manual.concurrency = scheduler::Concurrency::Queue;
        manual.nowMs = now;
        manual.runs = { NewRun { at, RunTrigger::Manual, now, "{}", pin, {}, 0 } };
        const auto fired = m_runs->fire(manual);
        return fired.ok() && fired->created.size() == 1 ? fired->created.first().id : qint64(0);
    };

    // A Lua run that escalates, and a second one queued behind it.
    QVERIFY(fireNow(lua.id, std::nullopt, now) > 0);
    const auto luaClaimed =
        m_runs->claimPending(QStringLiteral("lua"), QStringLiteral("hearthd"), now, Minute, 1);
    QVERIFY(luaClaimed.ok() && luaClaimed->size() == 1);
    const qint64 queuedLuaRun = fireNow(lua.id, std::nullopt, now + 1);
    QVERIFY(queuedLuaRun > 0);
    EscalationRequest request;
    request.watcherId = lua.id;
    request.luaRunId = luaClaimed->first().run.id;
    request.task.agentKind = QStringLiteral("claude");
    request.task.prompt = QStringLiteral("Is this worth telling?");
    request.task.timeoutMs = 45 * Second;
    request.watcherBudget = 10;
    request.globalBudget = 10;
    request.nowMs = now;
    const auto escalated = m_runs->escalate(request);
    QVERIFY(escalated.ok() && escalated->run);
    const qint64 escalation = escalated->run->id;
    // The agent watcher's runs: one nobody can take (no worker pinned), one
    // its worker takes.
    const qint64 unpinned = fireNow(agent.id, std::nullopt, now);
    const qint64 pinned = fireNow(agent.id, workerId, now + 1);
    QVERIFY(unpinned > 0 && pinned > 0);

    const auto deadlines = [this](qint64 at) {
        const auto ids = m_runs->unclaimedPastDeadline(at);
        return ids.ok() ? ids.value() : QList<qint64> { -1 };
    };
    QCOMPARE(m_runs->earliestClaimDeadline().value(), std::optional<qint64>(now + 45 * Second));
    QCOMPARE(deadlines(now + 45 * Second - 1), QList<qint64>());
    QCOMPARE(deadlines(now + 45 * Second), QList<qint64>({ escalation }));
    QCOMPARE(deadlines(now + 120 * Second), QList<qint64>({ escalation, unpinned, pinned }));

    // The Lua watcher made an agent one: its queued run now waits for a
    // worker too, and its escalation is still found once.
    QJsonObject madeAgent = agentSpec;
    madeAgent.insert(QStringLiteral("name"), QStringLiteral("script, now an agent"));
    madeAgent.insert(QStringLiteral("timeout_s"), 300);
    auto spec = WatcherSpec::fromJson(
        madeAgent, lua::Limits { 1'000'000'000, 1LL << 30, 300'000 },
        [this](const QByteArray &source) { return m_runner->checkSyntax(source); });
    QVERIFY(spec.ok());
    QVERIFY(m_watchers->update(lua.id, spec.value(), true, lua.nextRunAt, false, Actor::hearthd())
                .ok());
    QCOMPARE(deadlines(now + 120 * Second), QList<qint64>({ escalation, unpinned, pinned }));
    QCOMPARE(deadlines(now + 300 * Second),
             QList<qint64>({ queuedLuaRun, escalation, unpinned, pinned }));
    QCOMPARE(m_runs->earliestClaimDeadline().value(), std::optional<qint64>(now + 45 * Second));

    // What the worker holds waits for nobody: the escalation first (the
    // earliest due), then the agent watcher's pinned run.
    for (const qint64 expected : { escalation, pinned }) {
        const auto taken = m_runs->claimForWorker(workerId, { QStringLiteral("claude") },
                                                  QStringLiteral("worker:laptop"), now, Minute, {});
        QVERIFY(taken.ok() && taken.value());
        QCOMPARE(taken.value()->run.id, expected);
    }
    QCOMPARE(deadlines(now + Hour), QList<qint64>({ queuedLuaRun, unpinned }));
    QCOMPARE(m_runs->earliestClaimDeadline().value(), std::optional<qint64>(now + 120 * Second));
}

void TestScheduler::aChangedSpecIsReadAtOnce()
{
    const WatcherRecord watcher = addWatcher(
        { { QStringLiteral("name"), QStringLiteral("edited") },
          { QStringLiteral("script"), Succeeds },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
    QCOMPARE(m_watchers->get(watcher.id).value()->spec.lua()->script, Succeeds); // parsed, kept
    // An edit through the repository.
    WatcherSpec edited = watcher.spec;
    edited.lua()->script = QStringLiteral("return 2");
    QVERIFY(
        m_watchers->update(watcher.id, edited, false, watcher.nextRunAt, false, Actor::hearthd())
            .ok());
    QCOMPARE(m_watchers->get(watcher.id).value()->spec.lua()->script, QStringLiteral("return 2"));
    // A change of the stored text by anyone else (another connection).
    QSqlQuery change(m_database->connection());
    QVERIFY(change.exec(QStringLiteral("UPDATE watchers SET spec = json_set(spec, '$.script', "
                                       "'return 3') WHERE name = 'edited'")));
    QCOMPARE(m_watchers->get(watcher.id).value()->spec.lua()->script, QStringLiteral("return 3"));
    QCOMPARE(m_watchers->due(Start + Minute, 10).value().constFirst().spec.lua()->script,
             QStringLiteral("return 3"));
}

#include "tst_scheduler.moc"
