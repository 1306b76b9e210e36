// Scripts run in sandbox host processes, with limits enforced from outside,
// against a real hearthd: a script stuck in a C function ends with timeout
// within its deadline + 1 s and the pool recovers; SIGTERM with stuck
// scripts exits within 5 s; a host that crashes or is killed fails only its
// run (retried per the watcher's policy); a host that breaks the protocol
// is stopped; a host cannot open files, sockets or processes.
#include "HearthdProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <csignal>
#include <thread>
#include <unistd.h>

using namespace hearth::test;

#if defined(__SANITIZE_ADDRESS__)
#define HEARTH_TEST_ADDRESS_SANITIZER 1
#endif

namespace {

QByteArray runBody(const QByteArray &source, qint64 timeoutMs = 0, qint64 instructions = 0)
{
    QJsonObject body { { QStringLiteral("source"), QString::fromUtf8(source) } };
    QJsonObject limits;
    if (timeoutMs > 0)
        limits.insert(QStringLiteral("timeout_ms"), timeoutMs);
    if (instructions > 0)
        limits.insert(QStringLiteral("instructions"), instructions);
    body.insert(QStringLiteral("limits"), limits);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString errorCode(const QJsonObject &result)
{
    return result.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString errorMessage(const QJsonObject &result)
{
    return result.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

// The sandbox hosts hearthd started: its children named hearth-sandbox.
QList<qint64> sandboxHosts(qint64 hearthdPid)
{
    QList<qint64> hosts;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(hearthdPid));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile children(tasks.filePath(task + QStringLiteral("/children")));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : children.readAll().split(' ')) {
            if (pid.trimmed().isEmpty())
                continue;
            QFile comm(QStringLiteral("/proc/%1/comm").arg(QString::fromLatin1(pid)));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "hearth-sandbox")
                hosts.append(pid.toLongLong());
        }
    }
    return hosts;
}

// Alive and not a zombie.
bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    return stat.open(QIODevice::ReadOnly) && !stat.readAll().contains(") Z ");
}

// Two run slots (the default script concurrency) and the host that only
// compiles watchers' scripts.
constexpr int HostsAtStart = 3;

// Stuck in C: table.concat loops 2^40 times without returning to the VM,
// where the count hook could stop it.
const QByteArray StuckInC =
    "return table.concat(setmetatable({}, {__len = function() return 2^40 end}))";

} // namespace

class TestSandboxHosts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostsAreSeparateProcesses();
    void stuckInCEndsWithTimeoutAndThePoolRecovers_data();
    void stuckInCEndsWithTimeoutAndThePoolRecovers();
    void crashesStayInTheirRun_data();
    void crashesStayInTheirRun();
    void aCrashedRunIsRetriedPerTheWatchersPolicy();
    void killingAHostMidRunFailsOnlyThatRun();
    void killingAnIdleHostCostsNoRun();
    void hostileMessagesStopTheHost_data();
    void hostileMessagesStopTheHost();
    void theHostCanReachNothing();
    void oversizeErrorsAndArgumentsAreTheScriptsOwn();
    void savingAWatcherDoesNotWaitForStuckRuns();
    void sigtermWithStuckScriptsExitsWithinFiveSeconds();

private:
    quint16 port() const { return m_hearthd->port(); }
    QJsonObject runScript(const QByteArray &source, qint64 timeoutMs = 0, int waitMs = 30000)
    {
        const HttpResponse response =
            call(port(), "POST", "/api/v1/scripts/run", runBody(source, timeoutMs), scaled(waitMs));
        if (response.status != 200)
            qWarning("run failed: %d %s", response.status, response.body.constData());
        return json(response);
    }
    // A trivial run succeeds and /healthz answers: hearthd is unharmed.
    void expectHealthy()
    {
        QCOMPARE(call(port(), "GET", "/healthz").status, 200);
        const QJsonObject result = runScript("return 6 * 7");
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(result.value(QStringLiteral("result")).toInt(), 42);
    }
    // Waits until hearthd has `count` hosts again (replacements start at once).
    bool waitForHosts(int count)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < scaled(5000)) {
            if (sandboxHosts(m_hearthd->pid()).size() == count)
                return true;
            QTest::qWait(20);
        }
        return false;
    }

    std::unique_ptr<HearthdProcess> m_hearthd;
};

void TestSandboxHosts::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestSandboxHosts::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
    QVERIFY(sandboxHosts(m_hearthd->pid()).isEmpty());
}

void TestSandboxHosts::hostsAreSeparateProcesses()
{
    // Warm before any run.
    QVERIFY(waitForHosts(HostsAtStart));
    const QList<qint64> hosts = sandboxHosts(m_hearthd->pid());
    for (const qint64 host : hosts) {
        QVERIFY(host != m_hearthd->pid());
        // Each leads its own process group (killed together with what it
        // might have started).
        QFile stat(QStringLiteral("/proc/%1/stat").arg(host));
        QVERIFY(stat.open(QIODevice::ReadOnly));
        const QList<QByteArray> fields = stat.readAll().split(')').last().trimmed().split(' ');
        QCOMPARE(fields.at(2).toLongLong(), host); // pgrp
        // No descriptor of hearthd's (the database, the listening socket, the
        // log) reached it: beyond stdout and stderr, which it shares on
        // purpose, none of its descriptors is one of hearthd's. (A sanitizer
        // build's host opens a file or two of its own.)
        const auto targets = [](qint64 pid, int from) {
            QStringList found;
            const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
            for (const QString &fd :
                 fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
                // readlink itself: QFileInfo would resolve "socket:[…]" as
                // a path inside /proc/<pid>/fd.
                char target[512] = {};
                const ssize_t length =
                    ::readlink(qPrintable(fds.filePath(fd)), target, sizeof(target) - 1);
                if (fd.toInt() >= from && length > 0)
                    found.append(QString::fromUtf8(target, length));
            }
            return found;
        };
        const QStringList hearthdTargets = targets(m_hearthd->pid(), 3);
        QVERIFY(hearthdTargets.size() >= 2); // at least the database and the listener
        const QStringList hostTargets = targets(host, 3);
        QVERIFY(!hostTargets.isEmpty()); // its channel
        for (const QString &target : hostTargets)
            QVERIFY2(!hearthdTargets.contains(target), qPrintable(target));
        QCOMPARE(QFileInfo(QStringLiteral("/proc/%1/fd/0").arg(host)).symLinkTarget(),
                 QStringLiteral("/dev/null"));
        // Nothing of hearthd's environment beyond the locale and time zone
        // (the proof key hearthd was started with stays with hearthd).
        QFile environ(QStringLiteral("/proc/%1/environ").arg(host));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        for (const QByteArray &entry : environ.readAll().split('\0')) {
            const QByteArray name = entry.left(entry.indexOf('='));
            QVERIFY2(entry.isEmpty() || name == "TZ" || name.startsWith("LANG") ||
                         name.startsWith("LC_") || name.endsWith("SAN_OPTIONS"),
                     entry.constData());
        }
        // No core dumps; an address-space cap (except under AddressSanitizer,
        // which reserves terabytes of shadow memory), set once the host is
        // ready, before it reads its first run.
        const auto readLimits = [host]() {
            QFile limits(QStringLiteral("/proc/%1/limits").arg(host));
            return limits.open(QIODevice::ReadOnly) ? limits.readAll() : QByteArray();
        };
        QByteArray table = readLimits();
#ifndef HEARTH_TEST_ADDRESS_SANITIZER
        const QRegularExpression unlimited(QStringLiteral("Max address space\\s+unlimited"));
        QElapsedTimer timer;
        timer.start();
        while (unlimited.match(QString::fromLatin1(table)).hasMatch() &&
               timer.elapsed() < scaled(5000)) {
            QTest::qWait(20);
            table = readLimits();
        }
        const auto addressSpace = QRegularExpression(QStringLiteral("Max address space\\s+(\\d+)"))
                                      .match(QString::fromLatin1(table));
        QVERIFY2(addressSpace.hasMatch(), table.constData());
        // The highest quota (512 MiB) plus a margin, not unlimited.
        QVERIFY(addressSpace.captured(1).toLongLong() > 512LL * 1024 * 1024);
        QVERIFY(addressSpace.captured(1).toLongLong() < 8LL * 1024 * 1024 * 1024);
#endif
        QVERIFY(QRegularExpression(QStringLiteral("Max core file size\\s+0\\s+0"))
                    .match(QString::fromLatin1(table))
                    .hasMatch());
    }
    // A trivial run costs no process start: the same hosts before and after.
    for (int i = 0; i < 20; ++i)
        QCOMPARE(runScript("return 1").value(QStringLiteral("status")).toString(),
                 QStringLiteral("succeeded"));
    QCOMPARE(sandboxHosts(m_hearthd->pid()), hosts);
}

void TestSandboxHosts::stuckInCEndsWithTimeoutAndThePoolRecovers_data()
{
    QTest::addColumn<QByteArray>("source");
    // Each loops in C for about 2^40 steps; none returns to the VM.
    QTest::newRow("table.concat with a huge __len") << StuckInC;
    QTest::newRow("table.insert with a huge __len") << QByteArray(
        "table.insert(setmetatable({}, {__len = function() return 2^40 end}), 1, 'x')");
    QTest::newRow("table.move over 2^40 slots")
        << QByteArray("table.move({}, 1, 2^40, 2) return 1");
}

void TestSandboxHosts::stuckInCEndsWithTimeoutAndThePoolRecovers()
{
    QFETCH(QByteArray, source);
    constexpr qint64 DeadlineMs = 1500;
    // Both hosts stuck at once: the whole pool is busy until the deadline.
    QJsonObject first;
    std::thread other([&]() {
        first = json(call(port(), "POST", "/api/v1/scripts/run", runBody(source, DeadlineMs),
                          scaled(20000)));
    });
    const auto joinAlways = qScopeGuard([&other]() {
        if (other.joinable())
            other.join();
    });
    QElapsedTimer timer;
    timer.start();
    const QJsonObject second = runScript(source, DeadlineMs);
    const qint64 elapsed = timer.elapsed();
    other.join();
    for (const QJsonObject &result : { first, second }) {
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(errorCode(result), QStringLiteral("timeout"));
    }
    // Within the deadline + 1 s (plus the request's own way there and back).
    QVERIFY2(elapsed < DeadlineMs + 1000 + scaled(300), qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed >= DeadlineMs, qPrintable(QString::number(elapsed)));
    // Both stuck hosts were killed and replaced; the pool works at once.
    QVERIFY(waitForHosts(HostsAtStart));
    expectHealthy();
}

void TestSandboxHosts::crashesStayInTheirRun_data()
{
    QTest::addColumn<QByteArray>("how");
    QTest::addColumn<QString>("signal");
    QTest::newRow("segfault") << QByteArray("segv") << QStringLiteral("signal 11");
    QTest::newRow("abort") << QByteArray("abort") << QStringLiteral("signal 6");
}

void TestSandboxHosts::crashesStayInTheirRun()
{
    QFETCH(QByteArray, how);
    QFETCH(QString, signal);
    const QJsonObject result = runScript("log.info('before') hearth_test.crash('" + how + "')");
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(errorCode(result), QStringLiteral("sandbox_crashed"));
    QVERIFY2(errorMessage(result).contains(signal), qPrintable(errorMessage(result)));
    // The lines logged before the crash are kept.
    const QJsonArray logs = result.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs.at(0).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("before"));
    QVERIFY(waitForHosts(HostsAtStart));
    expectHealthy();
}

void TestSandboxHosts::aCrashedRunIsRetriedPerTheWatchersPolicy()
{
    const QJsonObject spec {
        { QStringLiteral("name"), QStringLiteral("crashes once") },
        { QStringLiteral("script"),
          QStringLiteral("if ctx.run.attempt == 1 then hearth_test.crash('segv') end "
                         "return 'attempt ' .. ctx.run.attempt") },
        { QStringLiteral("max_attempts"), 2 },
        { QStringLiteral("backoff"),
          QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } } },
        { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } }
    };
    const HttpResponse created = call(port(), "POST", "/api/v1/watchers",
                                      QJsonDocument(spec).toJson(QJsonDocument::Compact));
    QCOMPARE(created.status, 201);
    const QByteArray id = json(created).value(QStringLiteral("id")).toString().toLatin1();
    QCOMPARE(call(port(), "POST", "/api/v1/watchers/" + id + "/run").status, 201);

    QJsonArray runs;
    QElapsedTimer timer;
    timer.start();
    bool done = false;
    while (!done && timer.elapsed() < scaled(20000)) {
        runs = json(call(port(), "GET", "/api/v1/runs?watcher=" + id))
                   .value(QStringLiteral("items"))
                   .toArray();
        for (const QJsonValue &run : runs) {
            done = done ||
                (run.toObject().value(QStringLiteral("attempt")).toInt() == 2 &&
                 run.toObject().value(QStringLiteral("status")).toString() == u"succeeded");
        }
        if (!done)
            QTest::qWait(100);
    }
    QVERIFY2(done, QJsonDocument(runs).toJson().constData());
    bool crashedFirst = false;
    for (const QJsonValue &run : runs) {
        const QJsonObject object = run.toObject();
        if (object.value(QStringLiteral("attempt")).toInt() == 1) {
            crashedFirst = object.value(QStringLiteral("error"))
                               .toObject()
                               .value(QStringLiteral("code"))
                               .toString() == u"sandbox_crashed";
        }
    }
    QVERIFY(crashedFirst);
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id).status, 204);
}

void TestSandboxHosts::killingAHostMidRunFailsOnlyThatRun()
{
    QVERIFY(waitForHosts(HostsAtStart));
    const QList<qint64> before = sandboxHosts(m_hearthd->pid());
    QJsonObject stuck;
    std::thread running([&]() {
        stuck = json(call(
            port(), "POST", "/api/v1/scripts/run",
            // Busy in C for most of its time: its 1e9 instructions would
            // take minutes, so it is still running when it is killed (an
            // empty loop reaches them in about a second).
            runBody("while true do local s = string.rep('x', 10000) end", 20000, 1'000'000'000),
            scaled(30000)));
    });
    const auto joinAlways = qScopeGuard([&running]() {
        if (running.joinable())
            running.join();
    });
    // Find the host that is busy (the one using CPU), and kill it.
    QTest::qWait(scaled(300));
    const auto cpuTicks = [](qint64 pid) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return 0LL;
        const QList<QByteArray> fields = stat.readAll().split(')').last().trimmed().split(' ');
        return fields.at(11).toLongLong() + fields.at(12).toLongLong(); // utime + stime
    };
    qint64 busy = 0;
    QElapsedTimer timer;
    timer.start();
    while (busy == 0 && timer.elapsed() < scaled(5000)) {
        QHash<qint64, long long> start;
        for (const qint64 host : before)
            start.insert(host, cpuTicks(host));
        QTest::qWait(200);
        for (const qint64 host : before) {
            if (cpuTicks(host) - start.value(host) > 5)
                busy = host;
        }
    }
    QVERIFY(busy != 0);
    QCOMPARE(::kill(pid_t(busy), SIGKILL), 0);
    running.join();
    QCOMPARE(errorCode(stuck), QStringLiteral("sandbox_crashed"));
    QVERIFY2(errorMessage(stuck).contains(u"signal 9"), qPrintable(errorMessage(stuck)));
    QVERIFY(waitForHosts(HostsAtStart));
    expectHealthy();
}

void TestSandboxHosts::killingAnIdleHostCostsNoRun()
{
    QVERIFY(waitForHosts(HostsAtStart));
    for (const qint64 host : sandboxHosts(m_hearthd->pid()))
        QCOMPARE(::kill(pid_t(host), SIGKILL), 0);
    // The next runs find dead hosts and start new ones before sending.
    for (int i = 0; i < 4; ++i)
        expectHealthy();
    QVERIFY(waitForHosts(HostsAtStart));
}

void TestSandboxHosts::hostileMessagesStopTheHost_data()
{
    // Each row makes its host send something hearthd must refuse: the run
    // fails with sandbox_crashed naming the problem, the host is stopped.
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("problem");
    QTest::newRow("another run's id")
        << QByteArray("hearth_test.send{t = 'call', run = hearth_test.run() + 1, seq = 1, "
                      "fn = 'kv.get', args = {}} return 1")
        << QStringLiteral("a message for run");
    QTest::newRow("an old run's id")
        << QByteArray("hearth_test.send{t = 'log', run = 1, lvl = 'info', msg = 'x'} return 1")
        << QStringLiteral("a message for run 1 during run");
    QTest::newRow("a call out of sequence")
        << QByteArray("hearth_test.send{t = 'call', run = hearth_test.run(), seq = 7, "
                      "fn = 'kv.get', args = {}} return 1")
        << QStringLiteral("call 7 where 1 was next");
    QTest::newRow("an unknown function")
        << QByteArray("hearth_test.send{t = 'call', run = hearth_test.run(), seq = 1, "
                      "fn = 'os.execute', args = {}} return 1")
        << QStringLiteral("unknown SDK function");
    QTest::newRow("an oversize frame")
        << QByteArray("hearth_test.send_raw(string.pack('>I4', 0x7fffffff)) return 1")
        << QStringLiteral("a frame larger than");
    QTest::newRow("garbage")
        << QByteArray(
               "hearth_test.send_raw(string.pack('>I4', 6) .. '\\xff\\xfe\\x00\\x01\\x02\\x03') "
               "return 1")
        << QStringLiteral("not CBOR");
    QTest::newRow("not a map")
        << QByteArray("hearth_test.send_raw(string.pack('>I4', 1) .. '\\x01') return 1")
        << QStringLiteral("not a CBOR map");
    QTest::newRow("a result that is not JSON")
        << QByteArray("hearth_test.send{t = 'done', run = hearth_test.run(), out = 0, err = '', "
                      "tb = '', res = 'text, not bytes', ms = 0, ins = 0, mem = 0} return 1")
        << QStringLiteral("field \"res\"");
    QTest::newRow("a host claiming its own crash")
        << QByteArray("hearth_test.send{t = 'done', run = hearth_test.run(), out = 7, err = '', "
                      "tb = '', ms = 0, ins = 0, mem = 0} return 1")
        << QStringLiteral("field \"out\"");
    QTest::newRow("a flood of log lines")
        << QByteArray("for i = 1, 100000 do hearth_test.send{t = 'log', run = hearth_test.run(), "
                      "lvl = 'info', msg = 'flood'} end return 1")
        << QStringLiteral("more than 1001 log lines");
}

void TestSandboxHosts::hostileMessagesStopTheHost()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, problem);
    QVERIFY(waitForHosts(HostsAtStart));
    const QJsonObject result = runScript(source);
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(errorCode(result), QStringLiteral("sandbox_crashed"));
    QVERIFY2(errorMessage(result).contains(problem), qPrintable(errorMessage(result)));
    QVERIFY(errorMessage(result).contains(u"broke the protocol"));
    // Nothing of the forged messages took effect (no KV write, no result).
    QVERIFY(result.value(QStringLiteral("result")).isNull());
    QVERIFY(waitForHosts(HostsAtStart));
    expectHealthy();
}

void TestSandboxHosts::theHostCanReachNothing()
{
    const QJsonObject result = runScript("return hearth_test.probe()");
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    const QJsonObject probes = result.value(QStringLiteral("result")).toObject();
    for (const char *operation :
         { "open", "socket", "connect", "execve", "fork", "ptrace", "kill" })
        QCOMPARE(probes.value(QLatin1String(operation)).toString(), QStringLiteral("EPERM"));
}

void TestSandboxHosts::oversizeErrorsAndArgumentsAreTheScriptsOwn()
{
    // An error as long as the script likes is the script's error, cut to
    // what crosses the channel; so is an http error naming a huge URL.
    const QJsonObject result = runScript("error(string.rep('x', 100000))");
    QCOMPARE(errorCode(result), QStringLiteral("script_error"));
    QVERIFY(errorMessage(result).endsWith(QStringLiteral("… (cut)")));
    QVERIFY(errorMessage(result).size() <= 64 * 1024);
    // A URL just within what a call may carry makes hearthd's answer longer
    // than the cap: cut too.
    const QJsonObject http =
        runScript("http.get('http://127.0.0.1:1/' .. string.rep('a', 65500), {timeout_s = 1})");
    QCOMPARE(errorCode(http), QStringLiteral("script_error"));
    QVERIFY2(errorMessage(http).startsWith(QStringLiteral("http: GET")),
             qPrintable(errorMessage(http).left(200)));
    QVERIFY(errorMessage(http).contains(QStringLiteral("… (cut)")));
    // Arguments larger than a frame may be are the script's error too.
    const QJsonObject huge =
        runScript("local s = string.rep('x', 16 * 1024 * 1024) "
                  "return http.post('http://127.0.0.1:1/', s .. s, {timeout_s = 1})");
    QCOMPARE(errorCode(huge), QStringLiteral("script_error"));
    QVERIFY2(errorMessage(huge).contains(QStringLiteral("http.request: the arguments are larger")),
             qPrintable(errorMessage(huge).left(200)));
    expectHealthy();
}

void TestSandboxHosts::savingAWatcherDoesNotWaitForStuckRuns()
{
    QVERIFY(waitForHosts(HostsAtStart));
    std::vector<std::thread> clients;
    const auto joinAlways = qScopeGuard([&clients]() {
        for (std::thread &client : clients)
            client.join();
    });
    for (int i = 0; i < 2; ++i) {
        clients.emplace_back([this]() {
            call(port(), "POST", "/api/v1/scripts/run", runBody(StuckInC, 2000), scaled(20000));
        });
    }
    QTest::qWait(scaled(300));
    // Both run hosts are stuck; the script is still compiled at once.
    QElapsedTimer timer;
    timer.start();
    const QJsonObject spec { { QStringLiteral("name"), QStringLiteral("saved while busy") },
                             { QStringLiteral("script"), QStringLiteral("return 1") },
                             { QStringLiteral("schedule"),
                               QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
    const HttpResponse created = call(port(), "POST", "/api/v1/watchers",
                                      QJsonDocument(spec).toJson(QJsonDocument::Compact));
    QCOMPARE(created.status, 201);
    const QJsonObject broken { { QStringLiteral("name"), QStringLiteral("broken") },
                               { QStringLiteral("script"), QStringLiteral("return (") },
                               { QStringLiteral("schedule"),
                                 QJsonObject { { QStringLiteral("every_s"), 3600 } } } };
    const HttpResponse refused = call(port(), "POST", "/api/v1/watchers",
                                      QJsonDocument(broken).toJson(QJsonDocument::Compact));
    QCOMPARE(refused.status, 422);
    QVERIFY2(refused.body.contains("does not compile"), refused.body.constData());
    QVERIFY2(timer.elapsed() < scaled(1000), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(
        call(port(), "DELETE",
             "/api/v1/watchers/" + json(created).value(QStringLiteral("id")).toString().toLatin1())
            .status,
        204);
}

void TestSandboxHosts::sigtermWithStuckScriptsExitsWithinFiveSeconds()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    // Both hosts stuck in C (deadlines far away), and a third run queued.
    std::vector<std::thread> clients;
    const auto joinAlways = qScopeGuard([&clients]() {
        for (std::thread &client : clients) {
            if (client.joinable())
                client.join();
        }
    });
    for (int i = 0; i < 3; ++i) {
        clients.emplace_back([&hearthd]() {
            call(hearthd.port(), "POST", "/api/v1/scripts/run", runBody(StuckInC, 120000),
                 scaled(30000));
        });
    }
    QTest::qWait(scaled(500));
    const QList<qint64> hosts = sandboxHosts(hearthd.pid());
    QCOMPARE(hosts.size(), HostsAtStart);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(hearthd.terminate(10000), 0);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    // The hosts went with it.
    for (const qint64 host : hosts)
        QVERIFY(!processAlive(host));
}

QTEST_GUILESS_MAIN(TestSandboxHosts)
#include "tst_sandboxhosts.moc"
