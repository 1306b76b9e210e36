// The real hearth-tray executable: SIGTERM and SIGINT quit it the way Quit
// does (the runtime it started stops with it, none is orphaned), a second
// launch for the same data dir exits and leaves the first, and "keep the
// runtime running when the tray quits" leaves it running for the next tray
// to connect to.
#include "HearthdProcess.h"
#include "UiTestEnvironment.h"
#include "tray/TraySettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <csignal>

using namespace hearth;

namespace {

bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
}

QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (numeric && parentOf(pid) == parent && processAlive(pid))
            children << pid;
    }
    return children;
}

QJsonObject runtimeFile(const QString &dataDir)
{
    QFile file(QDir(dataDir).filePath(QStringLiteral("runtime.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestTrayProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateUiTest(m_home);
        QCoreApplication::setOrganizationName(QStringLiteral("Hearth"));
        QCoreApplication::setApplicationName(QStringLiteral("hearth-tray"));
    }

    void signalsQuitLikeQuit_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void signalsQuitLikeQuit()
    {
        QFETCH(int, signal);
        QTemporaryDir dataDir;
        QProcess tray;
        startTray(tray, dataDir.path());
        const qint64 hearthdPid = waitForRuntime(dataDir.path(), tray);
        QVERIFY(hearthdPid > 0);
        QCOMPARE(parentOf(hearthdPid), tray.processId());
        const quint16 port =
            quint16(runtimeFile(dataDir.path()).value(QStringLiteral("port")).toInt());
        QCOMPARE(test::call(port, "GET", "/healthz").status, 200);

        ::kill(pid_t(tray.processId()), signal);
        QVERIFY(tray.waitForFinished(test::scaled(20000)));
        QCOMPARE(tray.exitStatus(), QProcess::NormalExit);
        QCOMPARE(tray.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(hearthdPid), test::scaled(5000));
        QVERIFY(!QFile::exists(QDir(dataDir.path()).filePath(QStringLiteral("runtime.json"))));
    }

    void aSecondLaunchLeavesTheFirst()
    {
        QTemporaryDir dataDir;
        QProcess first;
        startTray(first, dataDir.path());
        const qint64 hearthdPid = waitForRuntime(dataDir.path(), first);
        QVERIFY(hearthdPid > 0);

        QProcess second;
        startTray(second, dataDir.path());
        QVERIFY(second.waitForFinished(test::scaled(15000)));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAllStandardError().contains("already running"), "no explanation");
        QCOMPARE(first.state(), QProcess::Running);
        QCOMPARE(runtimeFile(dataDir.path()).value(QStringLiteral("pid")).toInteger(), hearthdPid);

        // Another data dir is another profile: it runs side by side.
        QTemporaryDir otherDir;
        QProcess other;
        startTray(other, otherDir.path());
        const qint64 otherPid = waitForRuntime(otherDir.path(), other);
        QVERIFY(otherPid > 0 && otherPid != hearthdPid);

        for (QProcess *tray : { &first, &other }) {
            tray->terminate();
            QVERIFY(tray->waitForFinished(test::scaled(20000)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(hearthdPid) && !processAlive(otherPid),
                                 test::scaled(5000));
    }

    void keepRuntimeRunningWhenTheTrayQuits()
    {
        QTemporaryDir dataDir;
        ui::TraySettings settings = ui::TraySettings::load(dataDir.path());
        settings.keepRuntimeOnQuit = true;
        settings.save(dataDir.path());

        QProcess tray;
        startTray(tray, dataDir.path());
        const qint64 hearthdPid = waitForRuntime(dataDir.path(), tray);
        QVERIFY(hearthdPid > 0);
        tray.terminate();
        QVERIFY(tray.waitForFinished(test::scaled(20000)));
        QCOMPARE(tray.exitCode(), 0);
        QTest::qWait(500);
        QVERIFY(processAlive(hearthdPid));
        const quint16 port =
            quint16(runtimeFile(dataDir.path()).value(QStringLiteral("port")).toInt());
        QCOMPARE(test::call(port, "GET", "/healthz").status, 200);

        // The next tray connects to it instead of starting another, and
        // leaves it running when it quits (it did not start it).
        QProcess next;
        startTray(next, dataDir.path());
        QTest::qWait(test::scaled(1500));
        QCOMPARE(next.state(), QProcess::Running);
        QCOMPARE(childrenOf(next.processId()), QList<qint64>());
        QCOMPARE(runtimeFile(dataDir.path()).value(QStringLiteral("pid")).toInteger(), hearthdPid);
        next.terminate();
        QVERIFY(next.waitForFinished(test::scaled(20000)));
        QVERIFY(processAlive(hearthdPid));

        ::kill(pid_t(hearthdPid), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(hearthdPid), test::scaled(15000));
    }

private:
    void startTray(QProcess &tray, const QString &dataDir)
    {
        tray.setProgram(test::binary(QStringLiteral("hearth-tray")));
        tray.setArguments({ QStringLiteral("--data-dir"), dataDir, QStringLiteral("--port"),
                            QStringLiteral("0") });
        tray.start();
        QVERIFY(tray.waitForStarted());
    }

    // The pid of the hearthd the tray started, once it serves (0 on timeout).
    qint64 waitForRuntime(const QString &dataDir, QProcess &tray)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < test::scaled(20000) && tray.state() == QProcess::Running) {
            const QJsonObject runtime = runtimeFile(dataDir);
            const int port = runtime.value(QStringLiteral("port")).toInt();
            if (port > 0 && test::call(quint16(port), "GET", "/healthz").status == 200)
                return runtime.value(QStringLiteral("pid")).toInteger();
            QTest::qWait(100);
        }
        qWarning() << tray.readAllStandardError();
        return 0;
    }

    QTemporaryDir m_home;
};

QTEST_MAIN(TestTrayProcess)
#include "tst_trayprocess.moc"
