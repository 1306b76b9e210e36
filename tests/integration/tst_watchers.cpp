// Watchers, runs and the event stream through a real hearthd: validation,
// manual runs with events and logs, cancel and retry, a per-second watcher
// firing on time for a minute, kill -9 with runs in flight, the SSE stream
// and its resumption, and the CLI commands.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>

using namespace hearth::test;

namespace {

qint64 instantMs(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// The test's own connection to a hearthd's database (what another process
// would do to it), removed when it goes out of scope.
class OwnConnection
{
public:
    OwnConnection(const QString &file, const QString &name)
        : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(file);
        db.open();
    }
    ~OwnConnection()
    {
        database().close();
        QSqlDatabase::removeDatabase(m_name);
    }
    OwnConnection(const OwnConnection &) = delete;
    OwnConnection &operator=(const OwnConnection &) = delete;

    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

bool finished(const QString &status)
{
    return status != u"pending" && status != u"running";
}

} // namespace

class TestWatchers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createReadUpdateDelete();
    void listingIsPagedById();
    void invalidWatchersAreRefused_data();
    void invalidWatchersAreRefused();
    void manualRunWithEventAndLogs();
    void cancelAndForbiddenManualRun();
    void deadRunIsRedriven();
    void actorsAreRecorded();
    void approvalsKeepMcpChangesFromRunning();
    void approvalsFromTheCli();
    void aHugeChangeIsReviewedWhole();
    void runsListFiltersAndPages();
    void eventStreamAndResume();
    void cliCommands();
    void validateOnlyStoresNothing();
    void fireWithAnEvent_data();
    void fireWithAnEvent();
    void fireRefusesBadEvents_data();
    void fireRefusesBadEvents();
    void perSecondWatcherFiresOnTimeForAMinute();
    void kill9WithRunsInFlightLosesNothing();
    void pauseAllAndResumeAreTheRuntimes();
    void internalErrorsKeepTheirDetailsForTheLog();
    void aBusyDatabaseSaysSo();

private:
    QJsonObject createWatcher(const QJsonObject &spec);
    QJsonObject waitForRun(const QString &runId) { return waitForRunEnd(port(), runId); }
    QJsonArray allRuns(const QString &query = {});
    QStringList withDataDir(QStringList arguments) const
    {
        return QStringList { QStringLiteral("--data-dir"), m_hearthd->dataDir() } + arguments;
    }
    quint16 port() const { return m_hearthd->port(); }

    std::unique_ptr<HearthdProcess> m_hearthd;
};

void TestWatchers::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestWatchers::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

QJsonObject TestWatchers::createWatcher(const QJsonObject &spec)
{
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return json(response);
}

QJsonArray TestWatchers::allRuns(const QString &query)
{
    QJsonArray runs;
    QString cursor;
    do {
        QByteArray target = "/api/v1/runs?limit=1000" + query.toLatin1();
        if (!cursor.isEmpty())
            target += "&cursor=" + cursor.toLatin1();
        const QJsonObject page = json(call(port(), "GET", target));
        for (const QJsonValue &run : page.value(QStringLiteral("items")).toArray())
            runs.append(run);
        cursor = page.value(QStringLiteral("next")).toString();
    } while (!cursor.isEmpty());
    return runs;
}

void TestWatchers::listingIsPagedById()
{
    QSet<QString> created;
    for (int i = 0; i < 5; ++i)
        created.insert(
            createWatcher({ { QStringLiteral("name"), QStringLiteral("paged %1").arg(i) },
                            { QStringLiteral("script"), QStringLiteral("return 1") },
                            { QStringLiteral("schedule"),
                              QJsonObject { { QStringLiteral("every_s"), 86400 } } } })
                .value(QStringLiteral("id"))
                .toString());
    // Two at a time, by id, each once; the last page says there is no next.
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        QByteArray target = "/api/v1/watchers?limit=2";
        if (!cursor.isEmpty())
            target += "&cursor=" + cursor.toLatin1();
        const QJsonObject page = json(call(port(), "GET", target));
        const QJsonArray items = page.value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() <= 2);
        for (const QJsonValue &watcher : items) {
            QVERIFY(!watcher.toObject().contains(QStringLiteral("script")));
            seen.append(watcher.toObject().value(QStringLiteral("id")).toString());
        }
        QVERIFY(page.contains(QStringLiteral("next")));
        cursor = page.value(QStringLiteral("next")).toString();
        ++pages;
    } while (!cursor.isEmpty());
    QVERIFY(pages >= 3);
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size());
    QVERIFY(QSet<QString>(seen.cbegin(), seen.cend()).contains(created));
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend(), [](const QString &a, const QString &b) {
        return a.toLongLong() < b.toLongLong();
    }));
    // Without a limit, one page holds them all.
    const QJsonObject all = json(call(port(), "GET", "/api/v1/watchers"));
    QCOMPARE(all.value(QStringLiteral("items")).toArray().size(), seen.size());
    QVERIFY(all.value(QStringLiteral("next")).isNull());
    for (const QString &id : std::as_const(created))
        QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id.toLatin1()).status, 204);
}

void TestWatchers::createReadUpdateDelete()
{
    const QJsonObject created = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("crud") },
          { QStringLiteral("script"), QStringLiteral("return 1") },
          { QStringLiteral("schedule"),
            QJsonObject { { QStringLiteral("cron"), QStringLiteral("0 9 * * 1-5") },
                          { QStringLiteral("tz"), QStringLiteral("Europe/Berlin") } } } });
    const QByteArray id = created.value(QStringLiteral("id")).toString().toLatin1();
    QVERIFY(!id.isEmpty());
    // Defaults filled in.
    QCOMPARE(created.value(QStringLiteral("max_attempts")).toInt(), 3);
    QCOMPARE(created.value(QStringLiteral("concurrency")).toString(), QStringLiteral("forbid"));
    QCOMPARE(created.value(QStringLiteral("catch_up")).toString(), QStringLiteral("once"));
    QCOMPARE(created.value(QStringLiteral("notify"))
                 .toObject()
                 .value(QStringLiteral("policy"))
                 .toString(),
             QStringLiteral("on_failure"));
    QVERIFY(instantMs(created.value(QStringLiteral("next_run_at"))) >
            QDateTime::currentMSecsSinceEpoch());

    const QJsonObject read = json(call(port(), "GET", "/api/v1/watchers/" + id));
    QCOMPARE(read.value(QStringLiteral("script")).toString(), QStringLiteral("return 1"));
    const QJsonArray listed =
        json(call(port(), "GET", "/api/v1/watchers")).value(QStringLiteral("items")).toArray();
    bool found = false;
    for (const QJsonValue &item : listed)
        found = found || item.toObject().value(QStringLiteral("id")).toString().toLatin1() == id;
    QVERIFY(found);

    // Disabling clears the next run; enabling schedules it again.
    HttpResponse patched =
        call(port(), "PATCH", "/api/v1/watchers/" + id, R"({"enabled":false,"timeout_s":5})");
    QCOMPARE(patched.status, 200);
    QVERIFY(json(patched).value(QStringLiteral("next_run_at")).isNull());
    QCOMPARE(json(patched).value(QStringLiteral("timeout_s")).toInt(), 5);
    patched = call(port(), "PATCH", "/api/v1/watchers/" + id, R"({"enabled":true})");
    QVERIFY(json(patched).value(QStringLiteral("next_run_at")).isString());

    // Names are unique.
    createWatcher(
        { { QStringLiteral("name"), QStringLiteral("crud 2") },
          { QStringLiteral("script"), QStringLiteral("return 2") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const HttpResponse taken =
        call(port(), "PATCH", "/api/v1/watchers/" + id, R"({"name":"crud 2"})");
    QCOMPARE(taken.status, 409);
    QCOMPARE(taken.errorCode(), QByteArray("name_taken"));

    // "%20<id>" is not another spelling of the id.
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/%20" + id).status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/watchers/" + id).status, 200);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id).status, 204);
    QCOMPARE(call(port(), "GET", "/api/v1/watchers/" + id).status, 404);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id).status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/watchers/abc").status, 404);
}

void TestWatchers::invalidWatchersAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    const QByteArray ok = R"("name":"bad","script":"return 1","schedule":{"every_s":60})";
    QTest::newRow("no name") << QByteArray(R"({"script":"return 1","schedule":{"every_s":60}})")
                             << QStringLiteral("name: must be a non-empty string");
    // SQLite would drop the U+FEFF and the name would collide with "crud".
    QTest::newRow("byte order mark in the name")
        << QByteArray(R"({"name":"\ufeffcrud","script":"return 1","schedule":{"every_s":60}})")
        << QStringLiteral("name: must not contain format characters (found U+FEFF)");
    QTest::newRow("script does not compile")
        << QByteArray(R"({"name":"x","script":"return (","schedule":{"every_s":60}})")
        << QStringLiteral("script: does not compile: script:1:");
    QTest::newRow("cron field")
        << QByteArray(R"({"name":"x","script":"return 1","schedule":{"cron":"0 9 32 * *"}})")
        << QStringLiteral("schedule.cron: field 3 (day of month)");
    QTest::newRow("unknown zone")
        << QByteArray(
               R"({"name":"x","script":"return 1","schedule":{"cron":"0 9 * * *","tz":"Mars/Base"}})")
        << QStringLiteral("schedule.tz");
    QTest::newRow("unknown field")
        << QByteArray("{" + ok + R"(,"colour":"red"})") << QStringLiteral("colour: is not a field");
    QTest::newRow("script on an agent watcher")
        << QByteArray("{" + ok + R"(,"kind":"agent"})")
        << QStringLiteral("script: is not a field of agent watchers");
    QTest::newRow("attempts") << QByteArray("{" + ok + R"(,"max_attempts":0})")
                              << QStringLiteral("max_attempts: 0 is below the minimum of 1");
    QTest::newRow("concurrency") << QByteArray("{" + ok + R"(,"concurrency":"parallel"})")
                                 << QStringLiteral("concurrency: must be one of forbid, queue");
    QTest::newRow("timeout above ceiling") << QByteArray("{" + ok + R"(,"timeout_s":301})")
                                           << QStringLiteral("timeout_s: 301 is above the ceiling");
    QTest::newRow("limits") << QByteArray("{" + ok + R"(,"limits":{"instructions":10}})")
                            << QStringLiteral("limits.instructions: 10 is below the minimum");
    QTest::newRow("notify budget")
        << QByteArray("{" + ok + R"(,"notify":{"daily_budget":-1}})")
        << QStringLiteral("notify.daily_budget: -1 is below the minimum of 0");
}

void TestWatchers::invalidWatchersAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", body);
    QCOMPARE(response.status, 422);
    QCOMPARE(response.errorCode(), QByteArray("invalid_request"));
    const QString actual = json(response)
                               .value(QStringLiteral("error"))
                               .toObject()
                               .value(QStringLiteral("message"))
                               .toString();
    QVERIFY2(actual.startsWith(message), qPrintable(actual));
}

void TestWatchers::manualRunWithEventAndLogs()
{
    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("manual") },
          { QStringLiteral("script"),
            QStringLiteral("log.info('start')\nlog.warn('event', ctx.event)\n"
                           "return {doubled = ctx.event.x * 2, trigger = ctx.run.trigger}") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const HttpResponse started =
        call(port(), "POST", "/api/v1/watchers/" + id + "/run", R"({"event":{"x":21}})");
    QCOMPARE(started.status, 201);
    const QString runId = json(started).value(QStringLiteral("id")).toString();
    QCOMPARE(json(started).value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));

    const QJsonObject run = waitForRun(runId);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(run.value(QStringLiteral("result")).toObject(),
             (QJsonObject { { QStringLiteral("doubled"), 42 },
                            { QStringLiteral("trigger"), QStringLiteral("manual") } }));
    QCOMPARE(run.value(QStringLiteral("event")).toObject().value(QStringLiteral("x")).toInt(), 21);
    QVERIFY(run.value(QStringLiteral("duration_ms")).isDouble());

    const QJsonObject logs =
        json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1() + "/logs"));
    const QJsonArray lines = logs.value(QStringLiteral("items")).toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("start"));
    QVERIFY(!lines[0].toObject().contains(QStringLiteral("data"))); // none was given
    QCOMPARE(lines[1].toObject().value(QStringLiteral("level")).toString(), QStringLiteral("warn"));
    QCOMPARE(lines[1]
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("x"))
                 .toInt(),
             21);
    // Paging through logs by line number.
    const QJsonArray after =
        json(call(port(), "GET", "/api/v1/runs/" + runId.toLatin1() + "/logs?after=1"))
            .value(QStringLiteral("items"))
            .toArray();
    QCOMPARE(after.size(), 1);

    QCOMPARE(call(port(), "POST", "/api/v1/watchers/" + id + "/run", R"({"event":[1]})").status,
             422);
    QCOMPARE(call(port(), "POST", "/api/v1/watchers/99999/run").status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/runs/99999").status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/runs/99999/logs").status, 404);
}

void TestWatchers::cancelAndForbiddenManualRun()
{
    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("spinner") },
          { QStringLiteral("script"), QStringLiteral("while true do end") },
          { QStringLiteral("timeout_s"), 60 },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray runId = json(call(port(), "POST", "/api/v1/watchers/" + id + "/run"))
                                 .value(QStringLiteral("id"))
                                 .toString()
                                 .toLatin1();
    QTRY_COMPARE_WITH_TIMEOUT(json(call(port(), "GET", "/api/v1/runs/" + runId))
                                  .value(QStringLiteral("status"))
                                  .toString(),
                              QStringLiteral("running"), scaled(10000));

    const HttpResponse refused = call(port(), "POST", "/api/v1/watchers/" + id + "/run");
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QByteArray("run_active"));

    const HttpResponse cancelled = call(port(), "POST", "/api/v1/runs/" + runId + "/cancel");
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(json(cancelled).value(QStringLiteral("status")).toString(),
             QStringLiteral("cancelled"));
    const HttpResponse again = call(port(), "POST", "/api/v1/runs/" + runId + "/cancel");
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QByteArray("run_finished"));
    // The execution really stopped: a new run can start and finish.
    QCOMPARE(
        call(port(), "PATCH", "/api/v1/watchers/" + id, R"({"script":"return 'done'"})").status,
        200);
    const QByteArray next = json(call(port(), "POST", "/api/v1/watchers/" + id + "/run"))
                                .value(QStringLiteral("id"))
                                .toString()
                                .toLatin1();
    QCOMPARE(waitForRun(QString::fromLatin1(next)).value(QStringLiteral("result")).toString(),
             QStringLiteral("done"));
    QCOMPARE(json(call(port(), "GET", "/api/v1/runs/" + runId))
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("cancelled"));
}

void TestWatchers::deadRunIsRedriven()
{
    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("failing") },
          { QStringLiteral("script"), QStringLiteral("error('broken on purpose')") },
          { QStringLiteral("max_attempts"), 1 },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const QString runId = json(call(port(), "POST", "/api/v1/watchers/" + id + "/run"))
                              .value(QStringLiteral("id"))
                              .toString();
    const QJsonObject dead = waitForRun(runId);
    QCOMPARE(dead.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    const QJsonObject error = dead.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("script_error"));
    QVERIFY(error.value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("broken on purpose")));

    // on_failure: the dead run raised an error notification pointing at it.
    const QJsonArray notes =
        json(call(port(), "GET", "/api/v1/notifications")).value(QStringLiteral("items")).toArray();
    bool notified = false;
    for (const QJsonValue &note : notes) {
        notified = notified ||
            (note.toObject().value(QStringLiteral("run_id")).toString() == runId &&
             note.toObject().value(QStringLiteral("level")).toString() == u"error");
    }
    QVERIFY(notified);

    const HttpResponse retried =
        call(port(), "POST", "/api/v1/runs/" + runId.toLatin1() + "/retry");
    QCOMPARE(retried.status, 201);
    QCOMPARE(json(retried).value(QStringLiteral("attempt")).toInt(), 2);
    QCOMPARE(json(retried).value(QStringLiteral("trigger")).toString(), QStringLiteral("retry"));
    const HttpResponse twice = call(port(), "POST", "/api/v1/runs/" + runId.toLatin1() + "/retry");
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.errorCode(), QByteArray("not_retryable"));
    QCOMPARE(waitForRun(json(retried).value(QStringLiteral("id")).toString())
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("dead"));
}

// Each client names itself in X-Hearth-Client; hearthd keeps who created and
// changed each watcher and who started each run.
void TestWatchers::actorsAreRecorded()
{
    const auto as = [this](const QByteArray &client, const QByteArray &method,
                           const QByteArray &target, const QByteArray &body = {}) {
        return callAs(port(), client, method, target, body);
    };
    const HttpResponse created =
        as("hearth-cli", "POST", "/api/v1/watchers",
           R"j({"name":"actors","script":"error('always')","max_attempts":2,)j"
           R"("backoff":{"base_s":1,"max_s":1},"schedule":{"every_s":3600}})");
    QCOMPARE(created.status, 201);
    const QByteArray id = json(created).value(QStringLiteral("id")).toString().toLatin1();
    QCOMPARE(json(created).value(QStringLiteral("created_by")).toString(), QStringLiteral("cli"));
    QCOMPARE(json(created).value(QStringLiteral("updated_by")).toString(), QStringLiteral("cli"));

    // An MCP client by the name it gave (percent-encoded; what cannot be
    // shown is dropped); who created it stays.
    const HttpResponse changed = as("hearth-mcp/Claude%20Code%0A", "PATCH",
                                    "/api/v1/watchers/" + id, R"({"enabled":false})");
    QCOMPARE(changed.status, 200);
    const QJsonObject stored = json(call(port(), "GET", "/api/v1/watchers/" + id));
    QCOMPARE(stored.value(QStringLiteral("created_by")).toString(), QStringLiteral("cli"));
    QCOMPARE(stored.value(QStringLiteral("updated_by")).toString(),
             QStringLiteral("mcp:Claude Code"));
    // A change over MCP awaits a person (approvalsKeepMcpChangesFromRunning);
    // approving it leaves who changed it as it was.
    QCOMPARE(stored.value(QStringLiteral("approval")).toString(), QStringLiteral("pending"));
    const HttpResponse approved = as("hearth-cli", "POST", "/api/v1/watchers/" + id + "/approve");
    QCOMPARE(approved.status, 200);
    QCOMPARE(json(approved).value(QStringLiteral("updated_by")).toString(),
             QStringLiteral("mcp:Claude Code"));
    QCOMPARE(json(approved).value(QStringLiteral("approved_by")).toString(), QStringLiteral("cli"));
    const auto listed =
        json(call(port(), "GET", "/api/v1/watchers")).value(QStringLiteral("items"));
    bool inListing = false;
    for (const QJsonValue &item : listed.toArray())
        inListing = inListing ||
            (item.toObject().value(QStringLiteral("id")).toString().toLatin1() == id &&
             item.toObject().value(QStringLiteral("updated_by")).toString() == u"mcp:Claude Code");
    QVERIFY(inListing);

    // Any other client is an API client by its own name. A run it starts is
    // its own, and so is the attempt the retry policy makes after it.
    const HttpResponse run = as("price-script", "POST", "/api/v1/watchers/" + id + "/run");
    QCOMPARE(run.status, 201);
    QCOMPARE(json(run).value(QStringLiteral("actor")).toString(),
             QStringLiteral("api:price-script"));
    bool met = false;
    const QJsonArray attempts = listRunsUntil(
        port(),
        [&id](const QJsonArray &runs) {
            for (const QJsonValue &r : runs) {
                if (r.toObject().value(QStringLiteral("watcher_id")).toString().toLatin1() == id &&
                    r.toObject().value(QStringLiteral("status")).toString() == u"dead")
                    return true;
            }
            return false;
        },
        &met, scaled(30000));
    QVERIFY(met);
    QString deadId;
    int ofWatcher = 0;
    for (const QJsonValue &value : attempts) {
        const QJsonObject attempt = value.toObject();
        if (attempt.value(QStringLiteral("watcher_id")).toString().toLatin1() != id)
            continue;
        ++ofWatcher;
        QCOMPARE(attempt.value(QStringLiteral("actor")).toString(),
                 QStringLiteral("api:price-script"));
        if (attempt.value(QStringLiteral("status")).toString() == u"dead")
            deadId = attempt.value(QStringLiteral("id")).toString();
    }
    QCOMPARE(ofWatcher, 2);

    // A retry by hand is whoever asked for it.
    const HttpResponse retried =
        as("hearth-tray", "POST", "/api/v1/runs/" + deadId.toLatin1() + "/retry");
    QCOMPARE(retried.status, 201);
    QCOMPARE(json(retried).value(QStringLiteral("actor")).toString(), QStringLiteral("tray"));
    QCOMPARE(json(call(port(), "GET",
                       "/api/v1/runs/" +
                           json(retried).value(QStringLiteral("id")).toString().toLatin1()))
                 .value(QStringLiteral("actor"))
                 .toString(),
             QStringLiteral("tray"));

    // Pause all and Resume change the watchers they touch as their caller.
    QCOMPARE(as("hearth-cli", "PATCH", "/api/v1/watchers/" + id, R"({"enabled":true})").status,
             200);
    QCOMPARE(as("hearth-tray", "POST", "/api/v1/watchers/pause-all").status, 200);
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + id))
                 .value(QStringLiteral("updated_by"))
                 .toString(),
             QStringLiteral("tray"));
    QCOMPARE(as("hearth-cli", "POST", "/api/v1/watchers/resume-all").status, 200);
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + id))
                 .value(QStringLiteral("updated_by"))
                 .toString(),
             QStringLiteral("cli"));
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id).status, 204);
}

void TestWatchers::approvalsKeepMcpChangesFromRunning()
{
    const QByteArray agent = "hearth-mcp/agent";
    const auto field = [](const HttpResponse &response, const char *name) {
        return json(response).value(QLatin1StringView(name));
    };
    // Created over MCP: stored disabled, awaiting a person, and what
    // approving would do is kept (enabled, as the request did not say
    // otherwise).
    const HttpResponse created = callAs(
        port(), agent, "POST", "/api/v1/watchers",
        R"j({"name":"approvals","max_attempts":1,"concurrency":"queue",)j"
        R"j("script":"local t = os.clock() while os.clock() - t < 1.5 do end\nreturn 'v1'",)j"
        R"j("schedule":{"every_s":3600}})j");
    QCOMPARE(created.status, 201);
    const QByteArray id = field(created, "id").toString().toLatin1();
    const QByteArray path = "/api/v1/watchers/" + id;
    QCOMPARE(field(created, "approval").toString(), QStringLiteral("pending"));
    QCOMPARE(field(created, "enabled").toBool(), false);
    QVERIFY(field(created, "next_run_at").isNull());
    QCOMPARE(field(created, "enables_on_approval").toBool(), true);
    QCOMPARE(field(created, "approval_requested_by").toString(), QStringLiteral("mcp:agent"));
    QVERIFY(json(call(port(), "GET", "/api/v1/status"))
                .value(QStringLiteral("counts"))
                .toObject()
                .value(QStringLiteral("watchers_awaiting_approval"))
                .toInt() >= 1);

    // Until approved it does not run, by hand or by Resume, and nobody
    // enables it; the MCP client cannot approve its own change.
    HttpResponse refused = callAs(port(), "hearth-cli", "POST", path + "/run");
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QByteArray("awaiting_approval"));
    refused = callAs(port(), "hearth-tray", "PATCH", path, R"({"enabled":true})");
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QByteArray("awaiting_approval"));
    refused =
        callAs(port(), "hearth-tray", "PATCH", path + "?validate_only=true", R"({"enabled":true})");
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QByteArray("awaiting_approval"));
    QCOMPARE(callAs(port(), "hearth-cli", "POST", "/api/v1/watchers/resume-all").status, 200);
    QCOMPARE(field(call(port(), "GET", path), "enabled").toBool(), false);
    refused = callAs(port(), agent, "POST", path + "/approve");
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), QByteArray("forbidden"));
    // A person's edit keeps it awaiting approval.
    const HttpResponse edited =
        callAs(port(), "hearth-tray", "PATCH", path, R"({"backoff":{"base_s":5}})");
    QCOMPARE(edited.status, 200);
    QCOMPARE(field(edited, "approval").toString(), QStringLiteral("pending"));
    QCOMPARE(field(edited, "approval_requested_by").toString(), QStringLiteral("mcp:agent"));

    // The review: what it reaches and the whole new watcher as the change.
    const QJsonObject review = json(call(port(), "GET", path + "/review"));
    QVERIFY(review.value(QStringLiteral("approved")).isNull());
    QVERIFY(review.value(QStringLiteral("changes"))
                .toString()
                .contains(u"+    \"name\": \"approvals\","));
    QVERIFY(review.value(QStringLiteral("changes")).toString().contains(u"+return 'v1'"));
    const QString revision = field(edited, "revision").toString();
    QCOMPARE(review.value(QStringLiteral("watcher"))
                 .toObject()
                 .value(QStringLiteral("revision"))
                 .toString(),
             revision);

    // Approving names the version seen: another is refused.
    refused = callAs(port(), "hearth-cli", "POST", path + "/approve", R"({"revision":"0123"})");
    QCOMPARE(refused.status, 409);
    QVERIFY(refused.errorMessage().contains(u"review it again"));
    const HttpResponse approved = callAs(port(), "hearth-cli", "POST", path + "/approve",
                                         compact({ { QStringLiteral("revision"), revision } }));
    QCOMPARE(approved.status, 200);
    QCOMPARE(field(approved, "approval").toString(), QStringLiteral("approved"));
    QCOMPARE(field(approved, "enabled").toBool(), true);
    QVERIFY(!field(approved, "next_run_at").isNull());
    QCOMPARE(field(approved, "approved_by").toString(), QStringLiteral("cli"));
    QVERIFY(field(approved, "approval_requested_by").isNull());
    refused = callAs(port(), "hearth-cli", "POST", path + "/approve");
    QCOMPARE(refused.status, 409);

    // Runs queued before a change over MCP wait for the decision, and then
    // run the version approved.
    const HttpResponse first = callAs(port(), "hearth-cli", "POST", path + "/run");
    QCOMPARE(first.status, 201);
    const HttpResponse queued = callAs(port(), "hearth-cli", "POST", path + "/run");
    QCOMPARE(queued.status, 201);
    const HttpResponse changed = callAs(
        port(), agent, "PATCH", path,
        R"j({"script":"if ctx.event.fail then error('asked to') end\nif false then )j"
        R"j(secrets.get('TOKEN') http.get('https://api.example.org/v2') end\nreturn 'v2'"})j");
    QCOMPARE(changed.status, 200);
    QCOMPARE(field(changed, "approval").toString(), QStringLiteral("pending"));
    QCOMPARE(field(changed, "enabled").toBool(), false);
    QCOMPARE(field(changed, "enables_on_approval").toBool(), true);
    const QJsonObject firstRun = waitForRun(field(first, "id").toString());
    QCOMPARE(firstRun.value(QStringLiteral("result")).toString(), QStringLiteral("v1"));
    QTest::qWait(2500);
    const QByteArray queuedPath = "/api/v1/runs/" + field(queued, "id").toString().toLatin1();
    QCOMPARE(json(call(port(), "GET", queuedPath)).value(QStringLiteral("status")).toString(),
             QStringLiteral("pending"));
    // The review shows the approved version, what the change reaches and
    // the lines it changes.
    const QJsonObject second = json(call(port(), "GET", path + "/review"));
    QCOMPARE(second.value(QStringLiteral("approved"))
                 .toObject()
                 .value(QStringLiteral("script"))
                 .toString(),
             QStringLiteral("local t = os.clock() while os.clock() - t < 1.5 do end\nreturn 'v1'"));
    const QJsonObject reach = second.value(QStringLiteral("reach")).toObject();
    QCOMPARE(reach.value(QStringLiteral("domains")).toArray(),
             QJsonArray { QStringLiteral("api.example.org") });
    QCOMPARE(reach.value(QStringLiteral("secrets")).toArray(),
             QJsonArray { QStringLiteral("TOKEN") });
    QCOMPARE(second.value(QStringLiteral("approved_reach"))
                 .toObject()
                 .value(QStringLiteral("domains"))
                 .toArray(),
             QJsonArray());
    const QString changes = second.value(QStringLiteral("changes")).toString();
    QVERIFY2(changes.contains(u"-return 'v1'") && changes.contains(u"+return 'v2'"),
             qPrintable(changes));
    QVERIFY(!changes.contains(u"+    \"name\""));
    // Approved, the queued run goes, as the new version.
    QCOMPARE(callAs(port(), "hearth-tray", "POST", path + "/approve").status, 200);
    const QJsonObject queuedRun = waitForRun(field(queued, "id").toString());
    QCOMPARE(queuedRun.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(queuedRun.value(QStringLiteral("result")).toString(), QStringLiteral("v2"));
    const HttpResponse failing =
        callAs(port(), "hearth-cli", "POST", path + "/run", R"({"event":{"fail":true}})");
    QCOMPARE(failing.status, 201);
    const QString failedStatus =
        waitForRun(field(failing, "id").toString()).value(QStringLiteral("status")).toString();
    QVERIFY2(failedStatus == u"failed" || failedStatus == u"dead", qPrintable(failedStatus));
    const QByteArray failedPath = "/api/v1/runs/" + field(failing, "id").toString().toLatin1();

    // Another change over MCP, rejected: the approved version is back as it
    // was (enabled), and a failed run of it cannot be retried meanwhile.
    QCOMPARE(callAs(port(), agent, "PATCH", path, R"({"name":"approvals renamed","enabled":false})")
                 .status,
             200);
    refused = callAs(port(), "hearth-cli", "POST", failedPath + "/retry");
    QCOMPARE(refused.status, 409);
    QVERIFY(refused.errorMessage().contains(u"awaits approval"));
    const HttpResponse rejected = callAs(port(), "hearth-tray", "POST", path + "/reject");
    QCOMPARE(rejected.status, 200);
    QCOMPARE(field(rejected, "deleted").toBool(), false);
    const QJsonObject restored = field(rejected, "watcher").toObject();
    QCOMPARE(restored.value(QStringLiteral("name")).toString(), QStringLiteral("approvals"));
    QCOMPARE(restored.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(restored.value(QStringLiteral("approval")).toString(), QStringLiteral("approved"));
    QCOMPARE(restored.value(QStringLiteral("approved_by")).toString(), QStringLiteral("tray"));
    QVERIFY(restored.value(QStringLiteral("script")).toString().contains(u"return 'v2'"));
    QCOMPARE(callAs(port(), "hearth-tray", "POST", path + "/reject").status, 409);

    // A new watcher rejected is deleted.
    const HttpResponse proposed =
        callAs(port(), agent, "POST", "/api/v1/watchers",
               R"({"name":"approvals new","script":"return 1","schedule":{"every_s":60}})");
    QCOMPARE(proposed.status, 201);
    const QByteArray proposedPath =
        "/api/v1/watchers/" + field(proposed, "id").toString().toLatin1();
    const HttpResponse dropped = callAs(port(), "hearth-cli", "POST", proposedPath + "/reject");
    QCOMPARE(dropped.status, 200);
    QCOMPARE(field(dropped, "deleted").toBool(), true);
    QVERIFY(field(dropped, "watcher").isNull());
    QCOMPARE(call(port(), "GET", proposedPath).status, 404);
    QCOMPARE(call(port(), "DELETE", path).status, 204);
}

void TestWatchers::aHugeChangeIsReviewedWhole()
{
    const HttpResponse created =
        callAs(port(), "hearth-cli", "POST", "/api/v1/watchers",
               R"({"name":"huge review","script":"return 0","schedule":{"every_s":3600}})");
    QCOMPARE(created.status, 201);
    const QByteArray path =
        "/api/v1/watchers/" + json(created).value(QStringLiteral("id")).toString().toLatin1();
    // 20,001 lines: too many to compare in bounded time, so the new version
    // is shown whole, every line added.
    QString script = QStringLiteral("-- a line\n").repeated(20'000) + QStringLiteral("return 1");
    QCOMPARE(callAs(port(), "hearth-mcp/agent", "PATCH", path,
                    compact({ { QStringLiteral("script"), script } }))
                 .status,
             200);
    const QString changes =
        json(call(port(), "GET", path + "/review")).value(QStringLiteral("changes")).toString();
    QVERIFY2(changes.startsWith(u"@@ -1,0 +1,"), qPrintable(changes.left(200)));
    QCOMPARE(changes.count(u"\n+-- a line"), 20'000);
    QVERIFY(changes.contains(u"\n+return 1"));
    QVERIFY(!changes.contains(u"\n-"));
    QCOMPARE(call(port(), "DELETE", path).status, 204);
}

void TestWatchers::approvalsFromTheCli()
{
    const HttpResponse created = callAs(port(), "hearth-mcp/agent", "POST", "/api/v1/watchers",
                                        R"({"name":"cli approvals","script":"return 1",)"
                                        R"("enabled":false,"schedule":{"every_s":3600}})");
    QCOMPARE(created.status, 201);
    CliResult listed = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("ls") }));
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.contains("awaiting approval"), listed.out.constData());
    CliResult reviewed =
        runCli(withDataDir({ QStringLiteral("review"), QStringLiteral("cli approvals") }));
    QCOMPARE(reviewed.exitCode, 0);
    QVERIFY2(reviewed.out.contains("mcp:agent") && reviewed.out.contains("+return 1") &&
                 QString::fromUtf8(reviewed.out)
                     .contains(QRegularExpression(QStringLiteral("enables_on_approval +false"))),
             reviewed.out.constData());
    CliResult stale =
        runCli(withDataDir({ QStringLiteral("approve"), QStringLiteral("cli approvals"),
                             QStringLiteral("--revision"), QStringLiteral("ffff") }));
    QCOMPARE(stale.exitCode, 1);
    QVERIFY2(stale.err.contains("review it again"), stale.err.constData());
    QCOMPARE(stale.err.count('\n'), 1);
    CliResult approved =
        runCli(withDataDir({ QStringLiteral("approve"), QStringLiteral("cli approvals") }));
    QCOMPARE(approved.exitCode, 0);
    QCOMPARE(approved.out.trimmed(), QByteArray("approved watcher cli approvals: left disabled"));
    CliResult again =
        runCli(withDataDir({ QStringLiteral("reject"), QStringLiteral("cli approvals") }));
    QVERIFY(again.exitCode != 0);
    QVERIFY2(again.err.contains("does not await approval"), again.err.constData());
    // A new watcher proposed over MCP and rejected from the CLI is gone.
    QCOMPARE(callAs(port(), "hearth-mcp/agent", "POST", "/api/v1/watchers",
                    R"({"name":"cli proposed","script":"return 1","schedule":{"every_s":60}})")
                 .status,
             201);
    CliResult rejected =
        runCli(withDataDir({ QStringLiteral("reject"), QStringLiteral("cli proposed") }));
    QCOMPARE(rejected.exitCode, 0);
    QVERIFY2(rejected.out.startsWith("rejected new watcher"), rejected.out.constData());
    QCOMPARE(
        call(port(), "DELETE",
             "/api/v1/watchers/" + json(created).value(QStringLiteral("id")).toString().toLatin1())
            .status,
        204);
}

void TestWatchers::runsListFiltersAndPages()
{
    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("listed") },
          { QStringLiteral("script"), QStringLiteral("return 1") },
          { QStringLiteral("concurrency"), QStringLiteral("queue") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    QString last;
    for (int i = 0; i < 5; ++i)
        last = json(call(port(), "POST", "/api/v1/watchers/" + id + "/run"))
                   .value(QStringLiteral("id"))
                   .toString();
    waitForRun(last);

    const QJsonObject firstPage = json(call(port(), "GET", "/api/v1/runs?limit=2&watcher=" + id));
    const QJsonArray items = firstPage.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value(QStringLiteral("id")).toString(), last); // newest first
    QVERIFY(firstPage.value(QStringLiteral("next")).isString());
    QCOMPARE(allRuns(QStringLiteral("&watcher=") + QString::fromLatin1(id)).size(), 5);
    QCOMPARE(allRuns(QStringLiteral("&watcher=") + QString::fromLatin1(id) +
                     QStringLiteral("&status=failed"))
                 .size(),
             0);
    QCOMPARE(allRuns(QStringLiteral("&watcher=") + QString::fromLatin1(id) +
                     QStringLiteral("&since=2100-01-01T00:00:00Z"))
                 .size(),
             0);
    QCOMPARE(call(port(), "GET", "/api/v1/runs?status=weird").status, 422);
    QCOMPARE(call(port(), "GET", "/api/v1/runs?since=yesterday").status, 422);
}

void TestWatchers::eventStreamAndResume()
{
    SseReader stream;
    QVERIFY(stream.open(port()));
    QVERIFY(stream.received().contains("Content-Type: text/event-stream"));

    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("streamed") },
          { QStringLiteral("script"),
            QStringLiteral("log.info('hello stream') notify{title='t', body='b'} return 7") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const QString runId = json(call(port(), "POST", "/api/v1/watchers/" + id + "/run"))
                              .value(QStringLiteral("id"))
                              .toString();
    QVERIFY(stream.waitFor("event: watcher"));
    QVERIFY(stream.waitFor("\"action\":\"finished\""));
    QVERIFY(stream.waitFor("hello stream"));
    QVERIFY(stream.waitFor("event: notification"));
    QVERIFY(stream.received().contains("\"action\":\"started\""));
    const QByteArray runIdField = "\"id\":\"" + runId.toLatin1() + '"';
    QVERIFY(stream.received().contains(runIdField));
    const QList<qint64> ids = stream.ids();
    QVERIFY(ids.size() >= 4);
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));

    // Resuming after the first event replays the rest from the backlog.
    SseReader resumed;
    QVERIFY(resumed.open(port(), QByteArray::number(ids.first())));
    QVERIFY(resumed.waitFor("id: " + QByteArray::number(ids.last()) + '\n'));
    QCOMPARE(resumed.ids().first(), ids[1]);
    // An id this hearthd never gave out (a previous instance's) resets.
    SseReader reset;
    QVERIFY(reset.open(port(), "999999999"));
    QVERIFY(reset.waitFor("event: reset"));
}

void TestWatchers::cliCommands()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("w.lua"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("log.info('from the cli') return {ok = true}");
    file.close();

    CliResult added = runCli(
        withDataDir({ QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("cli watcher"), QStringLiteral("--every"),
                      QStringLiteral("2h"), QStringLiteral("--script"), script }));
    QCOMPARE(added.exitCode, 0);
    QVERIFY(added.out.startsWith("created watcher"));

    CliResult listed = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("ls") }));
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.out.contains("cli watcher"));
    // The tray's words for a schedule (client/Format), shared by the CLI.
    QVERIFY(listed.out.contains("every 2 hour(s)"));

    CliResult shown = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("show"),
                                           QStringLiteral("cli watcher"), QStringLiteral("-o"),
                                           QStringLiteral("json") }));
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(shown.out).object().value(QStringLiteral("script")).toString(),
             QStringLiteral("log.info('from the cli') return {ok = true}"));

    CliResult edited = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("edit"),
                                            QStringLiteral("cli watcher"), QStringLiteral("--cron"),
                                            QStringLiteral("*/15 * * * *"), QStringLiteral("--tz"),
                                            QStringLiteral("Asia/Tokyo") }));
    QCOMPARE(edited.exitCode, 0);
    // Its own history limits: one given, then the other (the first kept),
    // then back to hearthd's own; a bad value is the CLI's or the runtime's
    // one-line error.
    const auto edit = [&](const QString &option, const QString &value) {
        return runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("edit"),
                                    QStringLiteral("cli watcher"), option, value }));
    };
    const auto history = [&]() {
        return QJsonDocument::fromJson(
                   runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("show"),
                                        QStringLiteral("cli watcher"), QStringLiteral("-o"),
                                        QStringLiteral("json") }))
                       .out)
            .object()
            .value(QStringLiteral("history"))
            .toObject();
    };
    QJsonValue keptSnapshots;
    const auto keeping = [&keptSnapshots](const QJsonValue &runs, const QJsonValue &days) {
        return QJsonObject { { QStringLiteral("keep_runs"), runs },
                             { QStringLiteral("keep_days"), days },
                             { QStringLiteral("keep_snapshots"), keptSnapshots },
                             { QStringLiteral("keep_snapshot_days"), QJsonValue() } };
    };
    QCOMPARE(history(), keeping(QJsonValue(), QJsonValue()));
    // Snapshot limits set through the API survive the CLI's history edits.
    const QByteArray cliWatcherId = QJsonDocument::fromJson(shown.out)
                                        .object()
                                        .value(QStringLiteral("id"))
                                        .toString()
                                        .toLatin1();
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/" + cliWatcherId,
                  R"({"history":{"keep_snapshots":7}})")
                 .status,
             200);
    keptSnapshots = 7;
    QCOMPARE(history(), keeping(QJsonValue(), QJsonValue()));
    QCOMPARE(edit(QStringLiteral("--keep-runs"), QStringLiteral("50")).exitCode, 0);
    QCOMPARE(history(), keeping(50, QJsonValue()));
    QCOMPARE(edit(QStringLiteral("--keep-days"), QStringLiteral("7")).exitCode, 0);
    QCOMPARE(history(), keeping(50, 7));
    QCOMPARE(edit(QStringLiteral("--keep-runs"), QStringLiteral("default")).exitCode, 0);
    QCOMPARE(history(), keeping(QJsonValue(), 7));
    const CliResult notANumber = edit(QStringLiteral("--keep-runs"), QStringLiteral("lots"));
    QCOMPARE(notANumber.exitCode, 2);
    QVERIFY2(notANumber.err.contains("--keep-runs must be a number"), notANumber.err.constData());
    const CliResult tooFew = edit(QStringLiteral("--keep-days"), QStringLiteral("0"));
    QCOMPARE(tooFew.exitCode, 1);
    QVERIFY2(tooFew.err.contains("history.keep_days"), tooFew.err.constData());
    QCOMPARE(history(), keeping(QJsonValue(), 7));
    const CliResult table = runCli(withDataDir(
        { QStringLiteral("watchers"), QStringLiteral("show"), QStringLiteral("cli watcher") }));
    QVERIFY2(table.out.contains("history.keep_days") && table.out.contains("history.keep_runs"),
             table.out.constData());
    // Made and last changed by the CLI (a refused edit changes nothing).
    const QString tableText = QString::fromUtf8(table.out);
    QVERIFY2(tableText.contains(QRegularExpression(QStringLiteral("\\ncreated_by +cli\\n"))) &&
                 tableText.contains(QRegularExpression(QStringLiteral("\\nupdated_by +cli\\n"))),
             table.out.constData());
    CliResult disabled = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("disable"),
                                              QStringLiteral("cli watcher"), QStringLiteral("-o"),
                                              QStringLiteral("json") }));
    QCOMPARE(disabled.exitCode, 0);
    QCOMPARE(
        QJsonDocument::fromJson(disabled.out).object().value(QStringLiteral("enabled")).toBool(),
        false);

    CliResult ran = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("run"),
                                         QStringLiteral("cli watcher"), QStringLiteral("-o"),
                                         QStringLiteral("json") }));
    QCOMPARE(ran.exitCode, 0);
    const QString runId =
        QJsonDocument::fromJson(ran.out).object().value(QStringLiteral("id")).toString();
    // --follow waits for the run to finish and prints its lines.
    CliResult logs =
        runCli(withDataDir({ QStringLiteral("logs"), runId, QStringLiteral("--follow") }));
    QCOMPARE(logs.exitCode, 0);
    QVERIFY2(logs.out.contains("INFO  from the cli"), logs.out.constData());
    CliResult show = runCli(withDataDir({ QStringLiteral("runs"), QStringLiteral("show"), runId }));
    QCOMPARE(show.exitCode, 0);
    QVERIFY(show.out.contains("succeeded"));
    QVERIFY(show.out.contains("{\"ok\":true}"));
    QVERIFY2(QString::fromUtf8(show.out).contains(
                 QRegularExpression(QStringLiteral("\\nactor +cli\\n"))),
             show.out.constData());
    CliResult runs =
        runCli(withDataDir({ QStringLiteral("runs"), QStringLiteral("ls"),
                             QStringLiteral("--watcher"), QStringLiteral("cli watcher") }));
    QCOMPARE(runs.exitCode, 0);
    QVERIFY(runs.out.contains(runId.toLatin1()));
    QVERIFY2(runs.out.contains("STARTED BY") &&
                 QString::fromUtf8(runs.out).contains(QRegularExpression(
                     QStringLiteral("\\n") + runId + QStringLiteral(" [^\\n]* cli "))),
             runs.out.constData());

    CliResult retry =
        runCli(withDataDir({ QStringLiteral("runs"), QStringLiteral("retry"), runId }));
    QCOMPARE(retry.exitCode, 1);
    QVERIFY(retry.err.contains("not_retryable"));
    CliResult missing = runCli(withDataDir({ QStringLiteral("watchers"), QStringLiteral("add"),
                                             QStringLiteral("--name"), QStringLiteral("x") }));
    QCOMPARE(missing.exitCode, 2);
    CliResult badCron = runCli(
        withDataDir({ QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("x"), QStringLiteral("--cron"), QStringLiteral("61 * * * *"),
                      QStringLiteral("--script"), script }));
    QCOMPARE(badCron.exitCode, 1);
    QVERIFY(badCron.err.contains("schedule.cron"));

    CliResult notes =
        runCli(withDataDir({ QStringLiteral("notifications"), QStringLiteral("ls") }));
    QCOMPARE(notes.exitCode, 0);
    CliResult readAll =
        runCli(withDataDir({ QStringLiteral("notifications"), QStringLiteral("read-all") }));
    QCOMPARE(readAll.exitCode, 0);
    CliResult unread = runCli(
        withDataDir({ QStringLiteral("notifications"), QStringLiteral("ls"),
                      QStringLiteral("--unread"), QStringLiteral("-o"), QStringLiteral("json") }));
    QCOMPARE(QJsonDocument::fromJson(unread.out)
                 .object()
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);

    CliResult removed = runCli(withDataDir(
        { QStringLiteral("watchers"), QStringLiteral("rm"), QStringLiteral("cli watcher") }));
    QCOMPARE(removed.exitCode, 0);
    CliResult gone = runCli(withDataDir({ QStringLiteral("runs"), QStringLiteral("show"), runId }));
    QCOMPARE(gone.exitCode, 1);
}

// ?validate_only=true checks a new or changed watcher exactly as saving
// would, and stores nothing.
void TestWatchers::validateOnlyStoresNothing()
{
    const QString existing =
        createWatcher(
            { { QStringLiteral("name"), QStringLiteral("validated") },
              { QStringLiteral("script"), QStringLiteral("return 1") },
              { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } })
            .value(QStringLiteral("id"))
            .toString();
    const auto watcherCount = [this]() {
        return json(call(port(), "GET", "/api/v1/watchers"))
            .value(QStringLiteral("items"))
            .toArray()
            .size();
    };
    const qsizetype before = watcherCount();
    const QByteArray fresh =
        R"({"name":"checked only","script":"return 2","schedule":{"every_s":60}})";
    HttpResponse answer = call(port(), "POST", "/api/v1/watchers?validate_only=true", fresh);
    QCOMPARE(answer.status, 200);
    QCOMPARE(json(answer).value(QStringLiteral("valid")).toBool(), true);
    const QJsonObject watcher = json(answer).value(QStringLiteral("watcher")).toObject();
    QCOMPARE(watcher.value(QStringLiteral("name")).toString(), QStringLiteral("checked only"));
    QCOMPARE(watcher.value(QStringLiteral("max_attempts")).toInt(), 3); // defaults filled in
    QCOMPARE(watcherCount(), before);

    // Refused as saving would refuse it.
    answer = call(port(), "POST", "/api/v1/watchers?validate_only=true",
                  R"({"name":"x","script":"return (","schedule":{"every_s":60}})");
    QCOMPARE(answer.status, 422);
    QVERIFY(json(answer)
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .startsWith(u"script"));
    answer = call(port(), "POST", "/api/v1/watchers?validate_only=true",
                  R"({"name":"validated","script":"return 1","schedule":{"every_s":60}})");
    QCOMPARE(answer.status, 409);
    QCOMPARE(json(answer).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QStringLiteral("name_taken"));
    answer = call(port(), "POST", "/api/v1/watchers?validate_only=maybe", fresh);
    QCOMPARE(answer.status, 422);

    // A change: checked against the stored watcher, nothing changed.
    const QByteArray path = "/api/v1/watchers/" + existing.toUtf8() + "?validate_only=true";
    answer = call(port(), "PATCH", path, R"({"script":"return 3"})");
    QCOMPARE(answer.status, 200);
    QCOMPARE(json(answer)
                 .value(QStringLiteral("watcher"))
                 .toObject()
                 .value(QStringLiteral("script"))
                 .toString(),
             QStringLiteral("return 3"));
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + existing.toUtf8()))
                 .value(QStringLiteral("script"))
                 .toString(),
             QStringLiteral("return 1"));
    // Its own name is not taken by itself; another's is.
    QCOMPARE(call(port(), "PATCH", path, R"({"name":"validated"})").status, 200);
    createWatcher(
        { { QStringLiteral("name"), QStringLiteral("other name") },
          { QStringLiteral("script"), QStringLiteral("return 1") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } } });
    QCOMPARE(call(port(), "PATCH", path, R"({"name":"other name"})").status, 409);
    QCOMPARE(call(port(), "PATCH", "/api/v1/watchers/999999?validate_only=true", "{}").status, 404);
    QCOMPARE(watcherCount(), before + 1);
}

// hearth fire WATCHER, as a git hook would: the event inline, from a file or
// from stdin reaches the run as ctx.event; the run is printed.
void TestWatchers::fireWithAnEvent_data()
{
    QTest::addColumn<QString>("eventArgument"); // "@" is the file written below
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("inline") << QStringLiteral(R"({"ref":"refs/heads/main","n":1})") << QByteArray();
    QTest::newRow("file") << QStringLiteral("@") << QByteArray();
    QTest::newRow("stdin") << QStringLiteral("-")
                           << QByteArray(R"({"ref":"refs/heads/main","n":1})");
}

void TestWatchers::fireWithAnEvent()
{
    QFETCH(QString, eventArgument);
    QFETCH(QByteArray, input);
    const QString id =
        createWatcher({ { QStringLiteral("name"), QStringLiteral("on push") },
                        { QStringLiteral("script"), QStringLiteral("return ctx.event") },
                        { QStringLiteral("schedule"),
                          QJsonObject { { QStringLiteral("every_s"), 86400 } } } })
            .value(QStringLiteral("id"))
            .toString();
    QTemporaryDir dir;
    if (eventArgument == u"@") {
        QFile file(dir.filePath(QStringLiteral("event.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"ref":"refs/heads/main","n":1})");
        eventArgument += file.fileName();
    }
    const CliResult fired = runCli(
        withDataDir({ QStringLiteral("fire"), QStringLiteral("on push"), QStringLiteral("--event"),
                      eventArgument, QStringLiteral("-o"), QStringLiteral("json") }),
        input);
    QVERIFY2(fired.exitCode == 0, fired.err.constData());
    const QJsonObject run = QJsonDocument::fromJson(fired.out).object();
    QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));
    const QJsonObject finished = waitForRun(run.value(QStringLiteral("id")).toString());
    QCOMPARE(finished.value(QStringLiteral("result")).toObject(),
             (QJsonObject { { QStringLiteral("ref"), QStringLiteral("refs/heads/main") },
                            { QStringLiteral("n"), 1 } }));
    // The table form: one line naming the run.
    const CliResult line =
        runCli(withDataDir({ QStringLiteral("fire"), QStringLiteral("on push") }));
    QCOMPARE(line.exitCode, 0);
    QVERIFY2(line.out.contains("run "), line.out.constData());
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
}

// A bad event is one line and exit 2, and starts nothing; an unknown
// watcher is the API's 404 (exit 1).
void TestWatchers::fireRefusesBadEvents_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    const QString name = QStringLiteral("fire target");
    QTest::newRow("not JSON") << QStringList { name, QStringLiteral("--event"),
                                               QStringLiteral("{nope") }
                              << QByteArray() << 2 << QByteArray("--event is not JSON");
    QTest::newRow("an array") << QStringList { name, QStringLiteral("--event"),
                                               QStringLiteral("[1]") }
                              << QByteArray() << 2 << QByteArray("--event must be a JSON object");
    QTest::newRow("no such file") << QStringList { name, QStringLiteral("--event"),
                                                   QStringLiteral("@/nonexistent/e.json") }
                                  << QByteArray() << 2
                                  << QByteArray("--event: cannot read /nonexistent/e.json");
    QTest::newRow("stdin not JSON")
        << QStringList { name, QStringLiteral("--event"), QStringLiteral("-") }
        << QByteArray("ref=main") << 2 << QByteArray("--event is not JSON");
    QTest::newRow("unknown watcher")
        << QStringList { QStringLiteral("no such watcher"), QStringLiteral("--event"),
                         QStringLiteral("{}") }
        << QByteArray() << 1 << QByteArray("no such watcher");
    QTest::newRow("no watcher") << QStringList {} << QByteArray() << 2 << QByteArray("fire");
}

void TestWatchers::fireRefusesBadEvents()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const QJsonObject target = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("fire target") },
          { QStringLiteral("script"), QStringLiteral("return 1") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 86400 } } } });
    const QString id = target.value(QStringLiteral("id")).toString();
    const CliResult refused =
        runCli(withDataDir(QStringList { QStringLiteral("fire") } + arguments), input);
    QCOMPARE(refused.exitCode, exitCode);
    QVERIFY2(refused.err.contains(message), refused.err.constData());
    QCOMPARE(refused.err.count('\n'), 1);
    QCOMPARE(allRuns(QStringLiteral("&watcher=") + id).size(), 0);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
}

void TestWatchers::perSecondWatcherFiresOnTimeForAMinute()
{
    const QJsonObject watcher = createWatcher(
        { { QStringLiteral("name"), QStringLiteral("every second") },
          { QStringLiteral("script"), QStringLiteral("return ctx.run.scheduled_for") },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 1 } } } });
    const QString id = watcher.value(QStringLiteral("id")).toString();
    QTest::qWait(60000);
    QCOMPARE(
        call(port(), "PATCH", "/api/v1/watchers/" + id.toLatin1(), R"({"enabled":false})").status,
        200);
    QTest::qWait(scaled(1000));

    QJsonArray runs = allRuns(QStringLiteral("&watcher=") + id);
    QList<qint64> scheduled;
    for (const QJsonValue &value : runs) {
        const QJsonObject run = value.toObject();
        QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("schedule"));
        QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        scheduled.prepend(instantMs(run.value(QStringLiteral("scheduled_for"))));
        // Started on time: well within the one-second period.
        const qint64 late = instantMs(run.value(QStringLiteral("started_at"))) - scheduled.first();
        QVERIFY2(late >= 0 && late < scaled(500), qPrintable(QString::number(late)));
    }
    QVERIFY2(scheduled.size() >= 59, qPrintable(QString::number(scheduled.size())));
    // Every second exactly once: no gap, no duplicate.
    for (qsizetype i = 1; i < scheduled.size(); ++i)
        QCOMPARE(scheduled[i] - scheduled[i - 1], qint64(1000));
}

void TestWatchers::kill9WithRunsInFlightLosesNothing()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QList<QByteArray> watcherIds;
    for (int i = 0; i < 20; ++i) {
        const QJsonObject spec {
            { QStringLiteral("name"), QStringLiteral("busy %1").arg(i) },
            // Half a second of the sandbox's own CPU time, whatever the
            // machine's speed and load: none ends before the kill below.
            { QStringLiteral("script"),
              QStringLiteral("local t = os.clock() while os.clock() - t < 0.5 do end return 1") },
            { QStringLiteral("limits"),
              QJsonObject { { QStringLiteral("instructions"), 1000000000 } } },
            { QStringLiteral("max_attempts"), 2 },
            { QStringLiteral("backoff"),
              QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } } },
            { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } }
        };
        const HttpResponse created =
            call(hearthd.port(), "POST", "/api/v1/watchers", compact(spec));
        QCOMPARE(created.status, 201);
        watcherIds.append(json(created).value(QStringLiteral("id")).toString().toLatin1());
    }
    for (const QByteArray &id : watcherIds)
        QCOMPARE(call(hearthd.port(), "POST", "/api/v1/watchers/" + id + "/run").status, 201);
    // In flight: the kill must find runs executing (a busy machine may not
    // have started one yet right after the requests), and most still due.
    int active = 0;
    int running = 0;
    QElapsedTimer started;
    started.start();
    for (;;) {
        const QJsonObject page = json(call(hearthd.port(), "GET", "/api/v1/runs?limit=100"));
        active = running = 0;
        for (const QJsonValue &run : page.value(QStringLiteral("items")).toArray()) {
            const QString status = run.toObject().value(QStringLiteral("status")).toString();
            active += finished(status) ? 0 : 1;
            running += status == u"running" ? 1 : 0;
        }
        if (running > 0 || started.elapsed() > scaled(10000))
            break;
        QTest::qWait(20);
    }
    QVERIFY2(running >= 1, qPrintable(QString::number(running)));
    QVERIFY2(active >= 18, qPrintable(QString::number(active)));

    hearthd.kill9();
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    bool settled = false;
    const QJsonArray runs = listRunsUntil(
        hearthd.port(),
        [](const QJsonArray &listed) {
            return std::none_of(listed.begin(), listed.end(), [](const QJsonValue &run) {
                return !finished(run.toObject().value(QStringLiteral("status")).toString());
            });
        },
        &settled);
    QVERIFY(settled);
    QSet<QString> attempts;
    QSet<QString> succeededWatchers;
    int interrupted = 0;
    for (const QJsonValue &value : runs) {
        const QJsonObject run = value.toObject();
        const QString status = run.value(QStringLiteral("status")).toString();
        const QString key = run.value(QStringLiteral("watcher_id")).toString() + u'/' +
            run.value(QStringLiteral("scheduled_for")).toString() + u'/' +
            QString::number(run.value(QStringLiteral("attempt")).toInt());
        QVERIFY2(!attempts.contains(key), qPrintable(key)); // one row per instant and attempt
        attempts.insert(key);
        QVERIFY2(status == u"succeeded" || status == u"failed", qPrintable(status));
        if (status == u"failed") {
            // Interrupted by the kill: retried as the next attempt.
            QCOMPARE(run.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                     QStringLiteral("lease_expired"));
            ++interrupted;
        } else {
            succeededWatchers.insert(run.value(QStringLiteral("watcher_id")).toString());
        }
    }
    // The runs the kill interrupted were retried, and every watcher's run
    // completed in the end.
    QVERIFY(interrupted >= 1);
    QCOMPARE(succeededWatchers.size(), 20);
    QCOMPARE(hearthd.terminate(), 0);
}

// Pause all disables every enabled watcher in one transaction and marks it;
// Resume enables exactly the marked ones, also after a restart, except those
// a person enabled or disabled by hand meanwhile.
void TestWatchers::pauseAllAndResumeAreTheRuntimes()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const auto create = [&hearthd](const char *name, bool enabled) {
        const QJsonObject spec { { QStringLiteral("name"), QString::fromLatin1(name) },
                                 { QStringLiteral("script"), QStringLiteral("return 1") },
                                 { QStringLiteral("enabled"), enabled },
                                 { QStringLiteral("schedule"),
                                   QJsonObject { { QStringLiteral("every_s"), 600 } } } };
        const HttpResponse created =
            call(hearthd.port(), "POST", "/api/v1/watchers", compact(spec));
        return json(created).value(QStringLiteral("id")).toString().toLatin1();
    };
    const auto names = [](const QJsonObject &page) {
        QStringList names;
        for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray())
            names << item.toObject().value(QStringLiteral("name")).toString();
        return names;
    };
    const auto watchersWhere = [&hearthd](const char *field) {
        QStringList names;
        const QJsonObject page = json(call(hearthd.port(), "GET", "/api/v1/watchers"));
        for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QString::fromLatin1(field)).toBool())
                names << item.toObject().value(QStringLiteral("name")).toString();
        }
        return names;
    };
    const auto counts = [&hearthd]() {
        return json(call(hearthd.port(), "GET", "/api/v1/status"))
            .value(QStringLiteral("counts"))
            .toObject();
    };
    create("a", true);
    create("b", true);
    const QByteArray c = create("c", true);
    create("off", false);

    HttpResponse paused = call(hearthd.port(), "POST", "/api/v1/watchers/pause-all");
    QCOMPARE(paused.status, 200);
    QCOMPARE(names(json(paused)),
             QStringList({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
    for (const QJsonValue &item : json(paused).value(QStringLiteral("items")).toArray()) {
        QCOMPARE(item.toObject().value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(item.toObject().value(QStringLiteral("paused")).toBool(), true);
        QVERIFY(item.toObject().value(QStringLiteral("next_run_at")).isNull());
    }
    QCOMPARE(watchersWhere("enabled"), QStringList());
    QCOMPARE(counts().value(QStringLiteral("paused_watchers")).toInt(), 3);
    QCOMPARE(counts().value(QStringLiteral("enabled_watchers")).toInt(), 0);
    // Nothing left to pause: nothing changes, the marks stay.
    paused = call(hearthd.port(), "POST", "/api/v1/watchers/pause-all", "{}");
    QCOMPARE(paused.status, 200);
    QCOMPARE(names(json(paused)), QStringList());
    QCOMPARE(counts().value(QStringLiteral("paused_watchers")).toInt(), 3);

    // Disabling c by hand is a decision Resume respects; a watcher created
    // while paused is not paused.
    const HttpResponse patched =
        call(hearthd.port(), "PATCH", "/api/v1/watchers/" + c, R"({"enabled":false})");
    QCOMPARE(json(patched).value(QStringLiteral("paused")).toBool(), false);
    create("new", true);
    QCOMPARE(watchersWhere("paused"), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));

    // The marks outlive the runtime.
    QCOMPARE(hearthd.terminate(), 0);
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QCOMPARE(watchersWhere("paused"), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));

    // Bodies are strict: no fields.
    const HttpResponse unknown =
        call(hearthd.port(), "POST", "/api/v1/watchers/resume-all", R"({"all":true})");
    QCOMPARE(unknown.status, 422);
    QVERIFY2(unknown.body.contains("all: is not a field"), unknown.body.constData());
    QCOMPARE(call(hearthd.port(), "POST", "/api/v1/watchers/resume-all", "[").status, 400);
    QCOMPARE(watchersWhere("paused"), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));

    const HttpResponse resumed = call(hearthd.port(), "POST", "/api/v1/watchers/resume-all");
    QCOMPARE(resumed.status, 200);
    QCOMPARE(names(json(resumed)), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    for (const QJsonValue &item : json(resumed).value(QStringLiteral("items")).toArray()) {
        QCOMPARE(item.toObject().value(QStringLiteral("paused")).toBool(), false);
        QVERIFY(instantMs(item.toObject().value(QStringLiteral("next_run_at"))) >
                QDateTime::currentMSecsSinceEpoch());
    }
    QCOMPARE(watchersWhere("enabled"),
             QStringList({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("new") }));
    QCOMPARE(watchersWhere("paused"), QStringList());
    QCOMPARE(counts().value(QStringLiteral("paused_watchers")).toInt(), 0);
    QCOMPARE(names(json(call(hearthd.port(), "POST", "/api/v1/watchers/resume-all"))),
             QStringList());

    // The CLI says the same.
    const QStringList dataDir { QStringLiteral("--data-dir"), hearthd.dataDir() };
    CliResult cli = runCli(dataDir + QStringList { QStringLiteral("pause") });
    QCOMPARE(cli.exitCode, 0);
    QCOMPARE(cli.out.trimmed(), QByteArray("paused 3 watcher(s): a, b, new"));
    cli = runCli(dataDir + QStringList { QStringLiteral("status") });
    QVERIFY2(QRegularExpression(QStringLiteral("paused watchers +3\\n"))
                 .match(QString::fromUtf8(cli.out))
                 .hasMatch(),
             cli.out.constData());
    cli = runCli(dataDir + QStringList { QStringLiteral("pause") });
    QCOMPARE(cli.out.trimmed(), QByteArray("no watcher is enabled: nothing paused"));
    cli = runCli(
        dataDir +
        QStringList { QStringLiteral("resume"), QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(cli.exitCode, 0);
    QCOMPARE(names(QJsonDocument::fromJson(cli.out).object()),
             QStringList({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("new") }));
    cli = runCli(dataDir + QStringList { QStringLiteral("resume") });
    QCOMPARE(cli.exitCode, 0);
    QCOMPARE(cli.out.trimmed(), QByteArray("no watcher is paused: nothing resumed"));
    cli = runCli(dataDir + QStringList { QStringLiteral("resume"), QStringLiteral("extra") });
    QCOMPARE(cli.exitCode, 2);
    QCOMPARE(hearthd.terminate(), 0);
}

// A watcher damaged on disk answers 500, but the SQL and spec details go to
// hearthd's log under a reference the answer names, not to the client.
void TestWatchers::aBusyDatabaseSaysSo()
{
    // Another process holds the write lock past hearthd's wait: 503 with
    // Retry-After, not a 500, and the write works once the lock is gone.
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    {
        const OwnConnection holder(hearthd.path(QStringLiteral("hearth.db")),
                                   QStringLiteral("holder"));
        QVERIFY(holder.database().isOpen());
        QSqlQuery hold(holder.database());
        QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const HttpResponse busy =
            call(hearthd.port(), "PUT", "/api/v1/kv/contended", "1", scaled(20000));
        QCOMPARE(busy.status, 503);
        QCOMPARE(busy.errorCode(), QByteArray("database_busy"));
        QCOMPARE(busy.header("Retry-After"), QByteArray("1"));
        QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));
    }
    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/kv/contended", "1").status, 201);
    QCOMPARE(hearthd.terminate(), 0);
}

void TestWatchers::internalErrorsKeepTheirDetailsForTheLog()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const HttpResponse created =
        call(hearthd.port(), "POST", "/api/v1/watchers",
             R"({"name":"damaged","script":"return 1","schedule":{"every_s":600}})");
    QCOMPARE(created.status, 201);
    const QByteArray id = json(created).value(QStringLiteral("id")).toString().toLatin1();
    {
        const OwnConnection damager(hearthd.path(QStringLiteral("hearth.db")),
                                    QStringLiteral("damage"));
        QVERIFY(damager.database().isOpen());
        QSqlQuery damage(damager.database());
        QVERIFY(damage.exec(QStringLiteral("PRAGMA busy_timeout = 5000")));
        QVERIFY(
            damage.exec(QStringLiteral("UPDATE watchers SET spec = '{\"name\":7}' WHERE id = ") +
                        QString::fromLatin1(id)));
    }

    const HttpResponse read = call(hearthd.port(), "GET", "/api/v1/watchers/" + id);
    QCOMPARE(read.status, 500);
    QCOMPARE(read.errorCode(), QByteArray("internal_error"));
    const QString message = json(read)
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    const QRegularExpressionMatch reference =
        QRegularExpression(QStringLiteral("\\(ref (\\d+)\\)")).match(message);
    QVERIFY2(reference.hasMatch(), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("spec")), qPrintable(message));
    // The envelope carries the reference as a field too, for programs.
    QCOMPARE(json(read)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("ref"))
                 .toInteger(),
             reference.captured(1).toLongLong());
    QCOMPARE(hearthd.terminate(), 0);
    const QByteArray log = hearthd.readAllStandardError();
    const QByteArray logged = QByteArrayLiteral("(ref ") + reference.captured(1).toLatin1() + "):";
    QVERIFY2(log.contains(logged), log.constData());
    QVERIFY2(log.contains("unreadable spec"), log.constData());
}

QTEST_GUILESS_MAIN(TestWatchers)
#include "tst_watchers.moc"
