// hearthd as a process: start-up order and refusals, runtime.json, the data
// dir lock, signals, crash recovery, durability and hardening.
#include "HearthdProcess.h"
#include "core/Crypto.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace hearth::test;

namespace {
QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
// The mode bits (Qt's "User" flags describe the current user instead).
QFileDevice::Permissions ownerGroupOther(QFileDevice::Permissions permissions)
{
    return permissions & QFileDevice::Permissions(0x7077);
}
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestHearthd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp();
    void runtimeFileWhileServingAndGoneAfterSigterm();
    void sigintStopsCleanlyToo();
    void identityProofMatchesRuntimeFile();
    void proofKeyFromEnvironment();
    void secondInstanceRefused();
    void nonLoopbackHostRefused_data();
    void nonLoopbackHostRefused();
    void portInUseNamesThePort();
    void staleRuntimeFileReplacedAfterKill9();
    void acknowledgedWritesSurviveKill9();
    void corruptDatabaseRefused();
    void aReadOnlyDatabaseRefusesToStart();
    void coreDumpsDisabled();
    void logFileHasEventsButNoBodies();
    void idleKeepAliveDoesNotDelayShutdown();
    void hundredStopsUnderLightLoadAreClean();
    void aFullDiskSaysSoAndLosesNothing();
    void dataFilesAreTheUsersAlone();
    void aLockNobodyHoldsIsTakenOver_data();
    void aLockNobodyHoldsIsTakenOver();
    void aDataDirTheUserRestrictedKeepsItsPermissions();
    void endpoints();
};

void TestHearthd::versionAndHelp()
{
    HearthdProcess hearthd;
    QByteArray err;
    QCOMPARE(hearthd.runToExit({ QStringLiteral("--version") }, &err), 0);
    QCOMPARE(hearthd.runToExit({ QStringLiteral("--help") }, &err), 0);
    QCOMPARE(hearthd.runToExit({ QStringLiteral("--bogus") }, &err), 2);
    QVERIFY2(err.startsWith("hearthd: "), err.constData());
    QCOMPARE(err.count('\n'), 1); // one line
    QCOMPARE(hearthd.runToExit({ QStringLiteral("--port"), QStringLiteral("99999") }, &err), 2);
    QVERIFY(err.contains("invalid --port"));
}

void TestHearthd::runtimeFileWhileServingAndGoneAfterSigterm()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const QString runtimeFile = hearthd.path(QStringLiteral("runtime.json"));
    QFileInfo info(runtimeFile);
    QVERIFY(info.exists());
    QCOMPARE(ownerGroupOther(info.permissions()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject json = readJson(runtimeFile);
    for (const char *field : { "port", "pid", "instance_id", "version", "started_at", "proof_key" })
        QVERIFY2(json.contains(QLatin1String(field)), field);
    QCOMPARE(json.value(QStringLiteral("proof_key")).toString().size(), 64);
    // No temporary files left next to it (the write is temp + rename).
    QCOMPARE(
        QDir(hearthd.dataDir()).entryList({ QStringLiteral("runtime.json*") }, QDir::Files).size(),
        1);

    QCOMPARE(hearthd.terminate(), 0);
    QVERIFY(!QFile::exists(runtimeFile));
    // The lock is released: a new instance can start on the same dir.
    HearthdProcess again(hearthd.dataDir());
    QVERIFY2(again.start(), qPrintable(again.lastError()));
    QCOMPARE(again.terminate(), 0);
}

void TestHearthd::sigintStopsCleanlyToo()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QCOMPARE(hearthd.terminate(15000, SIGINT), 0);
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("runtime.json"))));
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("hearthd.lock"))));
}

void TestHearthd::identityProofMatchesRuntimeFile()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const QByteArray nonce = hearth::crypto::randomBytes(16).toHex();
    const HttpResponse response = call(hearthd.port(), "GET", "/api/v1/instance?nonce=" + nonce);
    QCOMPARE(response.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(json.value(QStringLiteral("pid")).toInteger(), hearthd.pid());
    QCOMPARE(json.value(QStringLiteral("no_auth")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("proof")).toString().toLatin1(),
             hearth::crypto::hmacSha256(hearthd.proofKey(), nonce).toHex());
    QCOMPARE(json.value(QStringLiteral("instance_id")).toString(),
             readJson(hearthd.path(QStringLiteral("runtime.json")))
                 .value(QStringLiteral("instance_id"))
                 .toString());

    QCOMPARE(call(hearthd.port(), "GET", "/api/v1/instance?nonce=abc").status, 422);
    QCOMPARE(call(hearthd.port(), "GET", "/api/v1/instance").status, 422);
}

void TestHearthd::proofKeyFromEnvironment()
{
    const QByteArray key = hearth::crypto::randomBytes(32);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_PROOF_KEY"), QString::fromLatin1(key.toHex()));
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({}, env), qPrintable(hearthd.lastError()));
    QCOMPARE(hearthd.proofKey(), key);
    const QByteArray nonce = hearth::crypto::randomBytes(16).toHex();
    const QJsonObject json =
        QJsonDocument::fromJson(call(hearthd.port(), "GET", "/api/v1/instance?nonce=" + nonce).body)
            .object();
    QCOMPARE(json.value(QStringLiteral("proof")).toString().toLatin1(),
             hearth::crypto::hmacSha256(key, nonce).toHex());
}

void TestHearthd::secondInstanceRefused()
{
    HearthdProcess first;
    QVERIFY2(first.start(), qPrintable(first.lastError()));
    const QByteArray runtimeBefore = readAll(first.path(QStringLiteral("runtime.json")));
    HearthdProcess second(first.dataDir());
    QByteArray err;
    const int code = second.runToExit({ QStringLiteral("--data-dir"), first.dataDir(),
                                        QStringLiteral("--port"), QStringLiteral("0") },
                                      &err);
    QVERIFY(code != 0 && code != -1);
    QVERIFY2(err.contains(QByteArray("pid " + QByteArray::number(first.pid()))), err.constData());
    // The running instance is unaffected.
    QCOMPARE(readAll(first.path(QStringLiteral("runtime.json"))), runtimeBefore);
    QCOMPARE(call(first.port(), "GET", "/healthz").status, 200);
}

void TestHearthd::nonLoopbackHostRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("envHost");
    QTest::newRow("0.0.0.0") << QStringList { QStringLiteral("--host"), QStringLiteral("0.0.0.0") }
                             << QString();
    QTest::newRow("::") << QStringList { QStringLiteral("--host"), QStringLiteral("::") }
                        << QString();
    QTest::newRow("LAN") << QStringList { QStringLiteral("--host"), QStringLiteral("192.168.1.2") }
                         << QString();
    QTest::newRow("env") << QStringList {} << QStringLiteral("0.0.0.0");
}

void TestHearthd::nonLoopbackHostRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, envHost);
    HearthdProcess hearthd;
    QProcessEnvironment env;
    if (!envHost.isEmpty())
        env.insert(QStringLiteral("HEARTH_HOST"), envHost);
    QByteArray err;
    const int code = hearthd.runToExit(
        QStringList { QStringLiteral("--data-dir"), hearthd.dataDir() } + args, &err, env);
    QVERIFY(code > 0);
    QVERIFY2(err.contains("loopback"), err.constData());
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("runtime.json"))));
}

void TestHearthd::portInUseNamesThePort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(squatter.serverPort());
    HearthdProcess hearthd;
    QByteArray err;
    const int code = hearthd.runToExit(
        { QStringLiteral("--data-dir"), hearthd.dataDir(), QStringLiteral("--port"), port }, &err);
    QVERIFY(code > 0);
    QVERIFY2(
        err.contains(QByteArray("port " + port.toLatin1() + " on 127.0.0.1 is already in use")),
        err.constData());
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("runtime.json"))));
    // And the lock was released on the way out.
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("hearthd.lock"))));
}

void TestHearthd::staleRuntimeFileReplacedAfterKill9()
{
    HearthdProcess first;
    QVERIFY2(first.start(), qPrintable(first.lastError()));
    const QJsonObject before = readJson(first.path(QStringLiteral("runtime.json")));
    first.kill9();
    // kill -9 leaves the file behind, naming a dead process.
    QCOMPARE(readJson(first.path(QStringLiteral("runtime.json"))), before);

    HearthdProcess second(first.dataDir());
    QVERIFY2(second.start(), qPrintable(second.lastError()));
    const QJsonObject after = readJson(second.path(QStringLiteral("runtime.json")));
    QCOMPARE(after.value(QStringLiteral("pid")).toInteger(), second.pid());
    QVERIFY(after.value(QStringLiteral("instance_id")) !=
            before.value(QStringLiteral("instance_id")));
    QVERIFY(after.value(QStringLiteral("proof_key")) != before.value(QStringLiteral("proof_key")));
}

void TestHearthd::acknowledgedWritesSurviveKill9()
{
    HearthdProcess first;
    QVERIFY2(first.start(), qPrintable(first.lastError()));
    QList<int> acknowledged;
    for (int i = 0; i < 40; ++i) {
        const HttpResponse response =
            call(first.port(), "PUT", "/api/v1/kv/burst-" + QByteArray::number(i),
                 "{\"n\":" + QByteArray::number(i) + "}");
        if (response.status == 201)
            acknowledged.append(i);
    }
    QCOMPARE(acknowledged.size(), 40);
    first.kill9();

    HearthdProcess second(first.dataDir());
    QVERIFY2(second.start(), qPrintable(second.lastError()));
    for (const int i : std::as_const(acknowledged)) {
        const HttpResponse response =
            call(second.port(), "GET", "/api/v1/kv/burst-" + QByteArray::number(i));
        QCOMPARE(response.status, 200);
        QCOMPARE(QJsonDocument::fromJson(response.body)
                     .object()
                     .value(QStringLiteral("value"))
                     .toObject()
                     .value(QStringLiteral("n"))
                     .toInt(),
                 i);
    }
}

void TestHearthd::corruptDatabaseRefused()
{
    HearthdProcess hearthd;
    const QString db = hearthd.path(QStringLiteral("hearth.db"));
    QFile file(db);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("definitely not a database\n");
    file.close();
    QByteArray err;
    const int code = hearthd.runToExit({ QStringLiteral("--data-dir"), hearthd.dataDir(),
                                         QStringLiteral("--port"), QStringLiteral("0") },
                                       &err);
    QVERIFY(code > 0);
    QVERIFY2(err.contains(db.toUtf8()), err.constData());
    QCOMPARE(readAll(db), QByteArray("definitely not a database\n"));
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("runtime.json"))));
}

void TestHearthd::aReadOnlyDatabaseRefusesToStart()
{
    // It would start and then fail every write: one line and exit 1 instead,
    // and the file is left as the user made it.
    HearthdProcess first;
    QVERIFY2(first.start(), qPrintable(first.lastError()));
    QCOMPARE(call(first.port(), "PUT", "/api/v1/kv/kept", "1").status, 201);
    QCOMPARE(first.terminate(), 0);
    const QString db = first.path(QStringLiteral("hearth.db"));
    const QFileDevice::Permissions readOnly = QFileDevice::ReadOwner;
    QVERIFY(QFile::setPermissions(db, readOnly));
    HearthdProcess refused(first.dataDir());
    QByteArray err;
    QCOMPARE(refused.runToExit({ QStringLiteral("--data-dir"), first.dataDir(),
                                 QStringLiteral("--port"), QStringLiteral("0") },
                               &err),
             1);
    const QList<QByteArray> errors = err.trimmed().split('\n');
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(db.toUtf8()) && errors.first().contains("read-only"),
             err.constData());
    QCOMPARE(QFile::permissions(db) & 0x7077, readOnly); // owner, group, other bits
    QVERIFY(!QFile::exists(first.path(QStringLiteral("runtime.json"))));
    // Made writable again, it serves what it had.
    QVERIFY(QFile::setPermissions(db, readOnly | QFileDevice::WriteOwner));
    HearthdProcess again(first.dataDir());
    QVERIFY2(again.start(), qPrintable(again.lastError()));
    QCOMPARE(call(again.port(), "GET", "/api/v1/kv/kept").status, 200);
    QCOMPARE(again.terminate(), 0);
}

void TestHearthd::coreDumpsDisabled()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const QByteArray limits = readAll(QStringLiteral("/proc/%1/limits").arg(hearthd.pid()));
    QByteArray coreLine;
    for (const QByteArray &line : limits.split('\n')) {
        if (line.startsWith("Max core file size"))
            coreLine = line.simplified();
    }
    QCOMPARE(coreLine, QByteArray("Max core file size 0 0 bytes"));
}

void TestHearthd::logFileHasEventsButNoBodies()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--log-level"), QStringLiteral("debug") }),
             qPrintable(hearthd.lastError()));
    const QByteArray planted = "planted-" + hearth::crypto::randomBytes(8).toHex();
    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/kv/plant", "\"" + planted + "\"").status, 201);
    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/kv/broken", "{\"x\": \"" + planted + "\"").status,
             400);
    QCOMPARE(hearthd.terminate(), 0);
    const QByteArray log = readAll(hearthd.path(QStringLiteral("logs/hearthd.log")));
    QVERIFY(log.contains("listening on http://127.0.0.1:"));
    QVERIFY(log.contains("PUT /api/v1/kv/plant 201")); // the debug access log
    QVERIFY(log.contains("stopped"));
    QVERIFY(!log.contains(planted));
    QVERIFY(!hearthd.readAllStandardError().contains(planted));
    QCOMPARE(
        ownerGroupOther(QFileInfo(hearthd.path(QStringLiteral("logs/hearthd.log"))).permissions()),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

// Whatever the umask: the database, its WAL and shared memory, the lock
// file and the log directory are the user's alone.
void TestHearthd::dataFilesAreTheUsersAlone()
{
    const mode_t previous = ::umask(022); // what most desktops use
    HearthdProcess hearthd;
    const bool started = hearthd.start();
    ::umask(previous);
    QVERIFY2(started, qPrintable(hearthd.lastError()));
    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/kv/a", "1").status, 201);
    const auto ownerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    for (const char *name : { "hearth.db", "hearth.db-wal", "hearth.db-shm", "hearthd.lock" })
        QVERIFY2(QFileInfo::exists(hearthd.path(QLatin1String(name))), name);
    // Every file and folder in the used data dir, whatever it is.
    int checked = 0;
    QDirIterator it(hearthd.dataDir(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        const auto expected =
            entry.isDir() ? ownerReadWrite | QFileDevice::ExeOwner : ownerReadWrite;
        QVERIFY2(ownerGroupOther(entry.permissions()) == expected, qPrintable(entry.filePath()));
        ++checked;
    }
    QVERIFY(checked >= 7); // db, wal, shm, lock, runtime.json, logs/, the log
    QCOMPARE(ownerGroupOther(QFileInfo(hearthd.dataDir()).permissions()),
             ownerReadWrite | QFileDevice::ExeOwner);
    QCOMPARE(hearthd.terminate(), 0);
}

// What a power cut leaves (an empty lock file), a damaged one, and one
// written under another host name (the machine was renamed) are taken over
// when no process holds the file, with a line in the log.
void TestHearthd::aLockNobodyHoldsIsTakenOver_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("damaged") << QByteArray("\x01\x02 not a lock");
    QTest::newRow("another host") << QByteArray("999999\nhearthd\nan-old-host-name\n");
}

void TestHearthd::aLockNobodyHoldsIsTakenOver()
{
    QFETCH(QByteArray, contents);
    QTemporaryDir dir;
    QFile lock(dir.filePath(QStringLiteral("hearthd.lock")));
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write(contents);
    lock.close();
    HearthdProcess hearthd(dir.path());
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QCOMPARE(call(hearthd.port(), "GET", "/healthz").status, 200);
    // While it runs, the lock is its own again: a second one is refused.
    HearthdProcess second(dir.path());
    QByteArray err;
    QCOMPARE(second.runToExit({ QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"),
                                QStringLiteral("0") },
                              &err),
             1);
    QVERIFY2(err.contains(QByteArray("pid " + QByteArray::number(hearthd.pid()))), err.constData());
    QCOMPARE(hearthd.terminate(), 0);
    QVERIFY2(hearthd.readAllStandardError().contains("took over the lock"), "no log line");
}

// A data dir the user made read-only is not made writable behind their back.
void TestHearthd::aDataDirTheUserRestrictedKeepsItsPermissions()
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    const auto readAndEnter = QFileDevice::ReadOwner | QFileDevice::ExeOwner;
    QVERIFY(QFile::setPermissions(dataDir,
                                  readAndEnter | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
    HearthdProcess hearthd(dataDir);
    if (::geteuid() == 0) {
        // root writes anyway: hearthd starts, and still leaves the mode.
        QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
        QCOMPARE(hearthd.terminate(), 0);
    } else {
        QByteArray err;
        QCOMPARE(hearthd.runToExit({}, &err), 1);
        QVERIFY2(err.contains("is not writable"), err.constData());
    }
    // Group access goes; the owner's bits stay what the user chose.
    QCOMPARE(ownerGroupOther(QFileInfo(dataDir).permissions()), readAndEnter);
    QFile::setPermissions(dataDir, readAndEnter | QFileDevice::WriteOwner);
}

void TestHearthd::idleKeepAliveDoesNotDelayShutdown()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QTcpSocket idle;
    idle.connectToHost(QStringLiteral("127.0.0.1"), hearthd.port());
    QVERIFY(idle.waitForConnected(scaled(5000)));
    idle.write(rawRequest("GET", "/healthz", defaultHeaders(hearthd.port(), "GET")));
    QVERIFY(idle.waitForReadyRead(scaled(5000)));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(hearthd.terminate(), 0);
    // Well under the keep-alive timeout (5 s): idle connections are dropped.
    QVERIFY2(timer.elapsed() < scaled(3000), qPrintable(QString::number(timer.elapsed())));
}

void TestHearthd::hundredStopsUnderLightLoadAreClean()
{
    // Every stop exits 0 without a signal, whatever is open or running when
    // it comes: a watcher's runs, an event stream, a kept-alive connection,
    // a write just acknowledged. Nothing acknowledged is lost.
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    QElapsedTimer all;
    all.start();
    for (int cycle = 0; cycle < 100; ++cycle) {
        HearthdProcess hearthd(dataDir.path());
        QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
        const quint16 port = hearthd.port();
        if (cycle == 0) {
            const QByteArray watcher =
                R"json({"name":"ticker","schedule":{"every_s":1},"script":"return os.time()"})json";
            QCOMPARE(call(port, "POST", "/api/v1/watchers", watcher).status, 201);
        }
        QTcpSocket stream;
        stream.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(stream.waitForConnected(scaled(5000)));
        stream.write(rawRequest("GET", "/api/v1/events", defaultHeaders(port, "GET")));
        QTcpSocket keptAlive;
        keptAlive.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(keptAlive.waitForConnected(scaled(5000)));
        keptAlive.write(rawRequest("GET", "/api/v1/status", defaultHeaders(port, "GET")));
        const QByteArray key = "/api/v1/kv/cycle-" + QByteArray::number(cycle);
        QCOMPARE(call(port, "PUT", key, QByteArray::number(cycle)).status, 201);
        QVERIFY(stream.waitForReadyRead(scaled(5000)));
        const int exitCode = hearthd.terminate();
        QVERIFY2(exitCode == 0,
                 qPrintable(QStringLiteral("cycle %1 ended with %2: %3")
                                .arg(cycle)
                                .arg(exitCode)
                                .arg(QString::fromLocal8Bit(hearthd.readAllStandardError()))));
    }
    qInfo("100 start/stop cycles in %lld ms", all.elapsed());
    HearthdProcess last(dataDir.path());
    QVERIFY2(last.start(), qPrintable(last.lastError()));
    for (int cycle = 0; cycle < 100; ++cycle) {
        const HttpResponse stored =
            call(last.port(), "GET", "/api/v1/kv/cycle-" + QByteArray::number(cycle));
        QCOMPARE(stored.status, 200);
    }
    QCOMPARE(last.terminate(), 0);
}

void TestHearthd::aFullDiskSaysSoAndLosesNothing()
{
    // The data dir on a small tmpfs that a filler file all but fills.
    QTemporaryDir mountPoint;
    QVERIFY(mountPoint.isValid());
    QProcess mount;
    mount.start(QStringLiteral("mount"),
                { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                  QStringLiteral("size=8m,mode=0700"), QStringLiteral("hearth-test"),
                  mountPoint.path() });
    if (!mount.waitForFinished(scaled(10000)) || mount.exitStatus() != QProcess::NormalExit ||
        mount.exitCode() != 0)
        QSKIP("needs to mount a small tmpfs (root with CAP_SYS_ADMIN)");
    const auto unmount = qScopeGuard([&mountPoint]() {
        QProcess::execute(QStringLiteral("umount"), { QStringLiteral("-l"), mountPoint.path() });
    });
    const QString dataDir = mountPoint.filePath(QStringLiteral("hearth"));
    HearthdProcess hearthd(dataDir);
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const quint16 port = hearthd.port();
    QFile filler(mountPoint.filePath(QStringLiteral("filler")));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray block(64 * 1024, 'f');
    while (filler.write(block) == block.size() && filler.flush()) { }
    filler.close();
    // Give back a little, so that the database has a few writes left.
    QVERIFY(filler.resize(std::max<qint64>(0, filler.size() - 256 * 1024)));

    const QByteArray value = '"' + QByteArray(16 * 1024, 'v') + '"';
    QList<QByteArray> acknowledged;
    HttpResponse refused;
    for (int i = 0; i < 200 && refused.status == 0; ++i) {
        const QByteArray key = "/api/v1/kv/full-" + QByteArray::number(i);
        const HttpResponse response = call(port, "PUT", key, value);
        if (response.status == 201)
            acknowledged.append(key);
        else
            refused = response;
    }
    QCOMPARE(refused.status, 507);
    QCOMPARE(refused.errorCode(), QByteArray("insufficient_storage"));
    QVERIFY2(refused.body.contains(dataDir.toUtf8()), refused.body.constData());
    QVERIFY(!acknowledged.isEmpty());
    // Once there is room again, writes work, and nothing acknowledged is lost.
    QVERIFY(filler.remove());
    QCOMPARE(call(port, "PUT", "/api/v1/kv/after-room", value).status, 201);
    for (const QByteArray &key : std::as_const(acknowledged))
        QCOMPARE(call(port, "GET", key).status, 200);
    QCOMPARE(hearthd.terminate(), 0);
    HearthdProcess again(dataDir);
    QVERIFY2(again.start(), qPrintable(again.lastError()));
    for (const QByteArray &key : std::as_const(acknowledged))
        QCOMPARE(call(again.port(), "GET", key).status, 200);
    QCOMPARE(again.terminate(), 0);
}

void TestHearthd::endpoints()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const HttpResponse health = call(hearthd.port(), "GET", "/healthz");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body, QByteArray("ok"));

    const QJsonObject version =
        QJsonDocument::fromJson(call(hearthd.port(), "GET", "/version").body).object();
    QCOMPARE(version.value(QStringLiteral("product")).toString(), QStringLiteral("Hearth"));
    QCOMPARE(version.value(QStringLiteral("api")).toInt(), 1);
    QCOMPARE(version.value(QStringLiteral("schema")).toInt(), 19);

    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/kv/a", "1").status, 201);
    const QJsonObject status =
        QJsonDocument::fromJson(call(hearthd.port(), "GET", "/api/v1/status").body).object();
    QCOMPARE(status.value(QStringLiteral("data_dir")).toString(), hearthd.dataDir());
    QCOMPARE(status.value(QStringLiteral("pid")).toInteger(), hearthd.pid());
    QVERIFY(status.value(QStringLiteral("uptime_s")).toInteger() >= 0);
    QVERIFY(status.value(QStringLiteral("database"))
                .toObject()
                .value(QStringLiteral("size_bytes"))
                .toInteger() > 0);
    QCOMPARE(
        status.value(QStringLiteral("counts")).toObject().value(QStringLiteral("kv_keys")).toInt(),
        1);
}

QTEST_GUILESS_MAIN(TestHearthd)
#include "tst_hearthd.moc"
