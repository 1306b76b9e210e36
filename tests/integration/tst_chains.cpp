// Chained watchers through a real hearthd: a watcher starts on another's
// runs (succeeded, changed, failed, notified) with that run's result as
// ctx.event; unknown upstreams and cycles are refused when saved (and by
// validate_only), an upstream cannot be deleted while followed and its
// rename follows into its followers; a long chain stops at the depth limit
// with a skipped run that says so; a follower's concurrency policy applies.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::test;

class TestChains : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startsOnChangeWithTheUpstreamRun();
    void eachConditionStartsItsFollowers();
    void unknownUpstreamsAndCyclesAreRefused();
    void upstreamRenameAndDelete();
    void failedFollowersWaitForTheLastAttempt();
    void longChainStopsAtTheDepthLimit();
    void followerConcurrencyApplies();
    void kill9KeepsEveryChainExactlyOnce();
    void cliCreatesAndEditsChains();

private:
    QByteArray createWatcher(const QJsonObject &spec);
    QJsonObject runNow(const QByteArray &watcherId, const QJsonObject &event = {});
    QJsonObject waitForRun(const QString &runId) { return waitForRunEnd(port(), runId); }
    QJsonArray runsOf(const QByteArray &watcherId);
    static QJsonObject chained(const QString &name, const QString &after, const QString &when,
                               const QString &script = QStringLiteral("return ctx.event"));
    quint16 port() const { return m_hearthd->port(); }

    std::unique_ptr<HearthdProcess> m_hearthd;
};

namespace {
QJsonObject hourly(const QString &name, const QString &script)
{
    return { { QStringLiteral("name"), name },
             { QStringLiteral("script"), script },
             { QStringLiteral("max_attempts"), 1 },
             { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
}

QString errorMessage(const HttpResponse &response)
{
    return json(response)
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

// The field a 422 names ("trigger.after: there is no …").
QString errorField(const HttpResponse &response)
{
    return errorMessage(response).section(QStringLiteral(": "), 0, 0);
}
} // namespace

void TestChains::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestChains::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

QJsonObject TestChains::chained(const QString &name, const QString &after, const QString &when,
                                const QString &script)
{
    return { { QStringLiteral("name"), name },
             { QStringLiteral("script"), script },
             { QStringLiteral("max_attempts"), 1 },
             { QStringLiteral("trigger"),
               QJsonObject { { QStringLiteral("after"), after },
                             { QStringLiteral("when"), when } } } };
}

QByteArray TestChains::createWatcher(const QJsonObject &spec)
{
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return json(response).value(QStringLiteral("id")).toString().toLatin1();
}

QJsonObject TestChains::runNow(const QByteArray &watcherId, const QJsonObject &event)
{
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers/" + watcherId + "/run",
                                       compact({ { QStringLiteral("event"), event } }));
    if (response.status != 201)
        qWarning("run failed: %d %s", response.status, response.body.constData());
    return waitForRun(json(response).value(QStringLiteral("id")).toString());
}

QJsonArray TestChains::runsOf(const QByteArray &watcherId)
{
    return json(call(port(), "GET", "/api/v1/runs?limit=1000&watcher=" + watcherId))
        .value(QStringLiteral("items"))
        .toArray();
}

void TestChains::startsOnChangeWithTheUpstreamRun()
{
    const QByteArray price = createWatcher(
        hourly(QStringLiteral("price"), QStringLiteral("return { price = ctx.event.price }")));
    const QByteArray alert = createWatcher(
        chained(QStringLiteral("price alert"), QStringLiteral("price"), QStringLiteral("changed"),
                QStringLiteral("return { saw = ctx.event.price, trigger = ctx.run.trigger }")));
    QVERIFY(!price.isEmpty() && !alert.isEmpty());
    const QJsonObject shown = json(call(port(), "GET", "/api/v1/watchers/" + alert));
    QVERIFY(!shown.contains(QStringLiteral("schedule")));
    QCOMPARE(
        shown.value(QStringLiteral("trigger")).toObject().value(QStringLiteral("after")).toString(),
        QStringLiteral("price"));
    QVERIFY(shown.value(QStringLiteral("next_run_at")).isNull());

    // The first success has nothing to differ from; the same price again is
    // no change either. The follower's run would be recorded in the
    // transaction that ends the upstream run: none exists.
    QCOMPARE(runNow(price, { { QStringLiteral("price"), 10 } })
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(runNow(price, { { QStringLiteral("price"), 10 } })
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(runsOf(alert).size(), 0);

    SseReader events;
    QVERIFY(events.open(port()));
    const QJsonObject changed = runNow(price, { { QStringLiteral("price"), 12 } });
    // The stream announces the chained run like any other: created (before
    // it starts).
    const auto announced = [](const QByteArray &received, const QByteArray &action) {
        for (const QByteArray &line : received.split('\n')) {
            if (line.startsWith("data: ") &&
                line.contains(QByteArray(R"("action":")" + action + '"')) &&
                line.contains(R"("trigger":"after")"))
                return true;
        }
        return false;
    };
    QVERIFY2(events.waitUntil(
                 [&](const QByteArray &received) { return announced(received, "started"); }),
             events.received().constData());
    QVERIFY2(announced(events.received(), "created"), events.received().constData());
    const QJsonArray follows = runsOf(alert);
    QCOMPARE(follows.size(), 1);
    const QJsonObject run =
        waitForRun(follows.at(0).toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("after"));
    QCOMPARE(run.value(QStringLiteral("parent_run_id")).toString(),
             changed.value(QStringLiteral("id")).toString());
    QCOMPARE(run.value(QStringLiteral("chain_depth")).toInt(), 1);
    // Its event is the upstream run's result, as it returned it.
    QCOMPARE(run.value(QStringLiteral("event")).toObject(),
             changed.value(QStringLiteral("result")).toObject());
    const QJsonObject result = run.value(QStringLiteral("result")).toObject();
    QCOMPARE(result.value(QStringLiteral("saw")).toInt(), 12);
    QCOMPARE(result.value(QStringLiteral("trigger")).toString(), QStringLiteral("after"));
    // The upstream run's log says what it started.
    const QJsonArray logs =
        json(call(port(), "GET",
                  "/api/v1/runs/" + changed.value(QStringLiteral("id")).toString().toLatin1() +
                      "/logs"))
            .value(QStringLiteral("items"))
            .toArray();
    bool noted = false;
    for (const QJsonValue &line : logs)
        noted = noted ||
            line.toObject().value(QStringLiteral("message")).toString().contains(u"price alert");
    QVERIFY2(noted, QJsonDocument(logs).toJson().constData());
}

void TestChains::eachConditionStartsItsFollowers()
{
    const QByteArray source =
        createWatcher(hourly(QStringLiteral("source"),
                             QStringLiteral("if ctx.event.fail then error('down') end\n"
                                            "if ctx.event.tell then notify{ title = 'told' } end\n"
                                            "return ctx.event.v")));
    struct Follower
    {
        const char *when;
        QByteArray id;
    };
    QList<Follower> followers { { "succeeded", {} }, { "failed", {} }, { "notified", {} } };
    for (Follower &follower : followers) {
        QJsonObject spec = chained(QStringLiteral("on ") + QLatin1String(follower.when),
                                   QStringLiteral("source"), QLatin1String(follower.when));
        // One upstream run may end while a follower's run from the previous
        // one is still active: queue it (forbid would record it as skipped,
        // which followerConcurrencyApplies tests).
        spec.insert(QStringLiteral("concurrency"), QStringLiteral("queue"));
        follower.id = createWatcher(spec);
        QVERIFY(!follower.id.isEmpty());
    }
    const auto counts = [&]() {
        QList<int> sizes;
        for (const Follower &follower : std::as_const(followers))
            sizes.append(int(runsOf(follower.id).size()));
        return sizes;
    };
    QCOMPARE(
        runNow(source, { { QStringLiteral("v"), 1 } }).value(QStringLiteral("status")).toString(),
        QStringLiteral("succeeded"));
    QCOMPARE(counts(), (QList<int> { 1, 0, 0 }));
    const QJsonObject dead = runNow(source, { { QStringLiteral("fail"), true } });
    QCOMPARE(dead.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    QCOMPARE(counts(), (QList<int> { 1, 1, 1 })); // on_failure notified of the dead run
    const QJsonObject onFailed = waitForRun(
        runsOf(followers.at(1).id).at(0).toObject().value(QStringLiteral("id")).toString());
    // A run that did not succeed has no result: the event says why.
    const QJsonObject failedEvent = onFailed.value(QStringLiteral("result")).toObject();
    const QJsonObject why = failedEvent.value(QStringLiteral("error")).toObject();
    QCOMPARE(why.value(QStringLiteral("code")).toString(), QStringLiteral("script_error"));
    QVERIFY2(why.value(QStringLiteral("message")).toString().contains(u"down"),
             QJsonDocument(failedEvent).toJson().constData());
    QCOMPARE(onFailed.value(QStringLiteral("parent_run_id")).toString(),
             dead.value(QStringLiteral("id")).toString());
    QCOMPARE(runNow(source, { { QStringLiteral("v"), 2 }, { QStringLiteral("tell"), true } })
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(counts(), (QList<int> { 2, 1, 2 }));
    const QJsonObject onNotified = waitForRun(
        runsOf(followers.at(2).id).at(0).toObject().value(QStringLiteral("id")).toString());
    // A result that is not an object is the event as it is.
    QCOMPARE(onNotified.value(QStringLiteral("result")).toInt(), 2);

    // A disabled follower is not started.
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + followers.at(0).id, R"({"enabled":false})")
                 .status,
             200);
    runNow(source, { { QStringLiteral("v"), 3 } });
    QCOMPARE(counts().at(0), 2);
}

void TestChains::unknownUpstreamsAndCyclesAreRefused()
{
    const QByteArray a =
        createWatcher(hourly(QStringLiteral("cycle a"), QStringLiteral("return 1")));
    const QByteArray b = createWatcher(
        chained(QStringLiteral("cycle b"), QStringLiteral("cycle a"), QStringLiteral("succeeded")));
    const QByteArray c = createWatcher(
        chained(QStringLiteral("cycle c"), QStringLiteral("cycle b"), QStringLiteral("succeeded")));
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

    const HttpResponse unknown =
        call(port(), "POST", "/api/v1/watchers",
             compact(chained(QStringLiteral("orphan"), QStringLiteral("no such watcher"),
                             QStringLiteral("changed"))));
    QCOMPARE(unknown.status, 422);
    QCOMPARE(errorField(unknown), QStringLiteral("trigger.after"));
    QVERIFY2(errorMessage(unknown).contains(u"no such watcher"), qPrintable(errorMessage(unknown)));
    const HttpResponse validated =
        call(port(), "POST", "/api/v1/watchers?validate_only=true",
             compact(chained(QStringLiteral("orphan"), QStringLiteral("no such watcher"),
                             QStringLiteral("changed"))));
    QCOMPARE(validated.status, 422);
    QCOMPARE(errorField(validated), QStringLiteral("trigger.after"));

    const QByteArray closing = R"({"trigger":{"after":"cycle c"}})";
    const HttpResponse cycle = call(port(), "PATCH", "/api/v1/watchers/" + a, closing);
    QCOMPARE(cycle.status, 422);
    QCOMPARE(errorField(cycle), QStringLiteral("trigger.after"));
    QVERIFY2(errorMessage(cycle).contains(u"cycle a → cycle c → cycle b → cycle a"),
             qPrintable(errorMessage(cycle)));
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + a + "?validate_only=true", closing).status,
             422);
    const HttpResponse self =
        call(port(), "PATCH", "/api/v1/watchers/" + b, R"({"trigger":{"after":"cycle b"}})");
    QCOMPARE(self.status, 422);
    QVERIFY(errorMessage(self).contains(u"itself"));
    // Nothing changed: a still runs on its schedule.
    const QJsonObject stillA = json(call(port(), "GET", "/api/v1/watchers/" + a));
    QVERIFY(stillA.contains(QStringLiteral("schedule")));
    QVERIFY(!stillA.contains(QStringLiteral("trigger")));
    // Re-pointing c at a is no cycle.
    QCOMPARE(
        call(port(), "PATCH", "/api/v1/watchers/" + c, R"({"trigger":{"after":"cycle a"}})").status,
        200);
}

void TestChains::upstreamRenameAndDelete()
{
    const QByteArray up =
        createWatcher(hourly(QStringLiteral("upstream"), QStringLiteral("return 1")));
    const QByteArray down = createWatcher(chained(
        QStringLiteral("downstream"), QStringLiteral("upstream"), QStringLiteral("succeeded")));
    const HttpResponse refused = call(port(), "DELETE", "/api/v1/watchers/" + up);
    QCOMPARE(refused.status, 409);
    QVERIFY2(errorMessage(refused).contains(u"downstream"), qPrintable(errorMessage(refused)));
    QCOMPARE(call(port(), "GET", "/api/v1/watchers/" + up).status, 200);

    SseReader events;
    QVERIFY(events.open(port()));
    QCOMPARE(
        call(port(), "PATCH", "/api/v1/watchers/" + up, R"({"name":"upstream renamed"})").status,
        200);
    // The follower's change is announced too (the tray shows the new name).
    QVERIFY2(events.waitFor(R"("after":"upstream renamed")"), events.received().constData());
    const QJsonObject follower = json(call(port(), "GET", "/api/v1/watchers/" + down));
    QCOMPARE(follower.value(QStringLiteral("trigger"))
                 .toObject()
                 .value(QStringLiteral("after"))
                 .toString(),
             QStringLiteral("upstream renamed"));
    runNow(up);
    QCOMPARE(runsOf(down).size(), 1);

    // Given a schedule instead, the follower no longer follows: the upstream
    // may go.
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + down, R"({"schedule":{"every_s":3600}})")
                 .status,
             200);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + up).status, 204);
}

// "failed" means failed for good: an attempt that will be retried starts
// nothing; the dead last attempt starts the follower once, and the
// follower's event is that attempt.
void TestChains::failedFollowersWaitForTheLastAttempt()
{
    QJsonObject flaky = hourly(QStringLiteral("flaky"), QStringLiteral("error('still down')"));
    flaky.insert(QStringLiteral("max_attempts"), 2);
    flaky.insert(QStringLiteral("backoff"),
                 QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } });
    const QByteArray source = createWatcher(flaky);
    const QByteArray pager = createWatcher(
        chained(QStringLiteral("pager"), QStringLiteral("flaky"), QStringLiteral("failed")));
    const QJsonObject first = runNow(source);
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    // The retry (after a backoff of up to a second): wait for it to end.
    QElapsedTimer timer;
    timer.start();
    QJsonObject last;
    while (timer.elapsed() < scaled(20000)) {
        const QJsonArray runs = runsOf(source);
        last = runs.at(0).toObject(); // newest first
        if (runs.size() == 2 && last.value(QStringLiteral("status")).toString() == u"dead")
            break;
        QTest::qWait(50);
    }
    QCOMPARE(last.value(QStringLiteral("attempt")).toInt(), 2);
    QCOMPARE(last.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    const QJsonArray paged = runsOf(pager);
    // One follower run, started by the dead attempt, none by the failed one.
    QCOMPARE(paged.size(), 1);
    QCOMPARE(paged.at(0).toObject().value(QStringLiteral("parent_run_id")).toString(),
             last.value(QStringLiteral("id")).toString());
    QVERIFY(first.value(QStringLiteral("id")) != last.value(QStringLiteral("id")));
}

void TestChains::longChainStopsAtTheDepthLimit()
{
    // link 0 → link 1 → … → link 9: runs 1–8 deep run, the 9th is recorded
    // as skipped and the chain ends there.
    constexpr int Links = 10;
    QList<QByteArray> ids { createWatcher(
        hourly(QStringLiteral("link 0"), QStringLiteral("return 0"))) };
    for (int i = 1; i < Links; ++i) {
        ids.append(createWatcher(
            chained(QStringLiteral("link %1").arg(i), QStringLiteral("link %1").arg(i - 1),
                    QStringLiteral("succeeded"), QStringLiteral("return ctx.run.id"))));
    }
    runNow(ids.at(0));
    QElapsedTimer timer;
    timer.start();
    while (runsOf(ids.last()).isEmpty() && timer.elapsed() < scaled(30000))
        QTest::qWait(50);
    for (int i = 1; i < Links; ++i) {
        const QJsonArray runs = runsOf(ids.at(i));
        QCOMPARE(runs.size(), 1);
        const QJsonObject run =
            waitForRun(runs.at(0).toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(run.value(QStringLiteral("chain_depth")).toInt(), i);
        if (i <= 8) {
            QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        } else {
            QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
            QCOMPARE(run.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                     QStringLiteral("chain_too_deep"));
        }
    }
}

void TestChains::followerConcurrencyApplies()
{
    const QByteArray quick =
        createWatcher(hourly(QStringLiteral("quick"), QStringLiteral("return 1")));
    QJsonObject slowSpec = chained(
        QStringLiteral("slow follower"), QStringLiteral("quick"), QStringLiteral("succeeded"),
        QStringLiteral("local t = os.clock() while os.clock() - t < 1.5 do end"));
    slowSpec.insert(QStringLiteral("concurrency"), QStringLiteral("forbid"));
    const QByteArray slow = createWatcher(slowSpec);
    runNow(quick);
    runNow(quick); // ends while the follower's first run is still active
    const QJsonArray runs = runsOf(slow);
    QCOMPARE(runs.size(), 2);
    QStringList statuses;
    for (const QJsonValue &run : runs)
        statuses.append(waitForRun(run.toObject().value(QStringLiteral("id")).toString())
                            .value(QStringLiteral("status"))
                            .toString());
    statuses.sort();
    QCOMPARE(statuses, (QStringList { QStringLiteral("skipped"), QStringLiteral("succeeded") }));
}

void TestChains::cliCreatesAndEditsChains()
{
    QVERIFY(!createWatcher(hourly(QStringLiteral("cli upstream"), QStringLiteral("return 1")))
                 .isEmpty());
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("w.lua"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("return ctx.event");
    file.close();
    const auto cli = [&](QStringList arguments) {
        return runCli(QStringList { QStringLiteral("--data-dir"), m_hearthd->dataDir() } +
                      arguments);
    };
    const CliResult added =
        cli({ QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
              QStringLiteral("cli follower"), QStringLiteral("--after"),
              QStringLiteral("cli upstream"), QStringLiteral("--when"), QStringLiteral("changed"),
              QStringLiteral("--script"), script });
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.out.contains("after cli upstream finds a change"), added.out.constData());
    const CliResult listed = cli({ QStringLiteral("watchers"), QStringLiteral("ls") });
    QVERIFY2(listed.out.contains("after cli upstream finds a change"), listed.out.constData());

    // Usage mistakes are the CLI's one line; a bad condition the runtime's.
    const CliResult both =
        cli({ QStringLiteral("watchers"), QStringLiteral("edit"), QStringLiteral("cli follower"),
              QStringLiteral("--after"), QStringLiteral("cli upstream"), QStringLiteral("--every"),
              QStringLiteral("5m") });
    QVERIFY(both.exitCode != 0);
    QVERIFY2(both.err.contains("--after"), both.err.constData());
    const CliResult lonelyWhen =
        cli({ QStringLiteral("watchers"), QStringLiteral("edit"), QStringLiteral("cli follower"),
              QStringLiteral("--when"), QStringLiteral("failed") });
    QVERIFY(lonelyWhen.exitCode != 0);
    QVERIFY2(lonelyWhen.err.contains("--when applies to --after"), lonelyWhen.err.constData());
    const CliResult badWhen =
        cli({ QStringLiteral("watchers"), QStringLiteral("edit"), QStringLiteral("cli follower"),
              QStringLiteral("--after"), QStringLiteral("cli upstream"), QStringLiteral("--when"),
              QStringLiteral("sometimes") });
    QVERIFY(badWhen.exitCode != 0);
    QVERIFY2(badWhen.err.contains("trigger.when"), badWhen.err.constData());
    QCOMPARE(badWhen.err.count('\n'), 1);

    // A schedule replaces the trigger.
    const CliResult scheduled =
        cli({ QStringLiteral("watchers"), QStringLiteral("edit"), QStringLiteral("cli follower"),
              QStringLiteral("--every"), QStringLiteral("2h") });
    QCOMPARE(scheduled.exitCode, 0);
    const CliResult shown =
        cli({ QStringLiteral("watchers"), QStringLiteral("show"), QStringLiteral("cli follower"),
              QStringLiteral("-o"), QStringLiteral("json") });
    const QJsonObject watcher = QJsonDocument::fromJson(shown.out).object();
    QVERIFY(watcher.contains(QStringLiteral("schedule")));
    QVERIFY(!watcher.contains(QStringLiteral("trigger")));
}

// A follower's run is recorded in the transaction that ends its upstream
// run: killed with upstream runs in flight and restarted, every upstream
// success has started exactly one follower run, and no follower run points
// at an upstream run that did not succeed.
void TestChains::kill9KeepsEveryChainExactlyOnce()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    constexpr int Chains = 8;
    QSet<QString> upstreamIds;
    QSet<QString> followerIds;
    // Runs interrupted by the kill, upstream or follower, are retried.
    const auto retried = [](QJsonObject watcher) {
        watcher.insert(QStringLiteral("max_attempts"), 3);
        watcher.insert(
            QStringLiteral("backoff"),
            QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } });
        return watcher;
    };
    for (int i = 0; i < Chains; ++i) {
        // A third of a second of the sandbox's own CPU time: long enough to
        // be killed among, whatever the machine's speed and load.
        QJsonObject upstream = retried(hourly(
            QStringLiteral("busy %1").arg(i),
            QStringLiteral("local t = os.clock() while os.clock() - t < 0.3 do end return 1")));
        upstream.insert(QStringLiteral("limits"),
                        QJsonObject { { QStringLiteral("instructions"), 1000000000 } });
        const HttpResponse created =
            call(hearthd.port(), "POST", "/api/v1/watchers", compact(upstream));
        QCOMPARE(created.status, 201);
        upstreamIds.insert(json(created).value(QStringLiteral("id")).toString());
        QJsonObject follower = retried(
            chained(QStringLiteral("after busy %1").arg(i), QStringLiteral("busy %1").arg(i),
                    QStringLiteral("succeeded"), QStringLiteral("return ctx.event")));
        follower.insert(QStringLiteral("concurrency"), QStringLiteral("queue"));
        const HttpResponse made =
            call(hearthd.port(), "POST", "/api/v1/watchers", compact(follower));
        QCOMPARE(made.status, 201);
        followerIds.insert(json(made).value(QStringLiteral("id")).toString());
    }
    for (const QString &id : std::as_const(upstreamIds))
        QCOMPARE(call(hearthd.port(), "POST", "/api/v1/watchers/" + id.toLatin1() + "/run").status,
                 201);
    // Kill it once some upstream runs ended and some still run.
    QElapsedTimer waited;
    waited.start();
    int ended = 0;
    int running = 0;
    for (;;) {
        ended = running = 0;
        const QJsonArray runs = json(call(hearthd.port(), "GET", "/api/v1/runs?limit=1000"))
                                    .value(QStringLiteral("items"))
                                    .toArray();
        for (const QJsonValue &run : runs) {
            const QString status = run.toObject().value(QStringLiteral("status")).toString();
            ended += status == u"succeeded" ? 1 : 0;
            running += status == u"running" ? 1 : 0;
        }
        if ((ended > 0 && running > 0) || waited.elapsed() > scaled(20000))
            break;
        QTest::qWait(10);
    }
    QVERIFY2(ended > 0 && running > 0,
             qPrintable(QStringLiteral("%1 ended, %2 running").arg(ended).arg(running)));
    hearthd.kill9();
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));

    // Settled: every upstream watcher has a success and nothing is active.
    // Seconds in practice; bounded so that a failure shows the runs within
    // QTest's limit for the whole function.
    bool settled = false;
    const QJsonArray runs = listRunsUntil(
        hearthd.port(),
        [&](const QJsonArray &listed) {
            QSet<QString> succeeded;
            for (const QJsonValue &value : listed) {
                const QJsonObject run = value.toObject();
                const QString status = run.value(QStringLiteral("status")).toString();
                if (status == u"pending" || status == u"running")
                    return false;
                if (status == u"succeeded")
                    succeeded.insert(run.value(QStringLiteral("watcher_id")).toString());
            }
            return succeeded.contains(upstreamIds) && succeeded.contains(followerIds);
        },
        &settled, 45000);
    QVERIFY2(settled, QJsonDocument(runs).toJson().constData());
    QMap<QString, QString> statusOfRun;
    for (const QJsonValue &value : std::as_const(runs)) {
        const QJsonObject run = value.toObject();
        statusOfRun.insert(run.value(QStringLiteral("id")).toString(),
                           run.value(QStringLiteral("status")).toString());
    }
    QMap<QString, int> followersOfRun;
    for (const QJsonValue &value : std::as_const(runs)) {
        const QJsonObject run = value.toObject();
        if (!followerIds.contains(run.value(QStringLiteral("watcher_id")).toString()))
            continue;
        const QString parent = run.value(QStringLiteral("parent_run_id")).toString();
        // A retry of a follower run keeps its parent; count first attempts.
        if (run.value(QStringLiteral("attempt")).toInt() == 1)
            ++followersOfRun[parent];
        QCOMPARE(statusOfRun.value(parent), QStringLiteral("succeeded"));
    }
    for (const QJsonValue &value : std::as_const(runs)) {
        const QJsonObject run = value.toObject();
        if (upstreamIds.contains(run.value(QStringLiteral("watcher_id")).toString()) &&
            run.value(QStringLiteral("status")).toString() == u"succeeded")
            QCOMPARE(followersOfRun.value(run.value(QStringLiteral("id")).toString()), 1);
    }
    QCOMPARE(hearthd.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestChains)
#include "tst_chains.moc"
