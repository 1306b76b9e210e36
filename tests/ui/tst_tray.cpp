// The tray controller in this process (offscreen: no system tray, so the
// window stands in) against real hearthd processes it starts or attaches to:
// Start/Stop, Connect (and a squatter it must refuse), supervision of
// crashes, desktop notifications and mute, Pause all / Resume, and this
// device's agent worker.
#include "Accessibility.h"
#include "HearthdProcess.h"
#include "MainWindow.h"
#include "Session.h"
#include "UiTestEnvironment.h"
#include "client/worker/Worker.h"
#include "core/Crypto.h"
#include "core/Version.h"
#include "pages/NotificationsPage.h"
#include "pages/SettingsPage.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <csignal>
#include <memory>
#include <thread>

using namespace hearth;
using namespace hearth::ui;
using State = RuntimeSupervisor::State;

namespace {

bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    // A zombie is not alive: read its state from /proc.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

// A plain HTTP server that answers every request with a made-up proof and
// records what it was sent.
class Squatter : public QObject
{
public:
    Squatter()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket]() {
                    const QByteArray data = socket->readAll();
                    received += data;
                    if (!data.contains("\r\n\r\n"))
                        return;
                    const QByteArray body =
                        "{\"instance_id\":\"x\",\"pid\":1,\"no_auth\":true,\"proof\":\"" +
                        QByteArray(64, 'a') + "\"}";
                    socket->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray received;

private:
    QTcpServer m_server;
};

// A stand-in for the hearthd binary in `dir`: it answers --version as the
// real one does, with `version`, and otherwise runs the shell `body`.
QString fakeHearthd(const QTemporaryDir &dir, const QByteArray &version, const QByteArray &body)
{
    const QString path = dir.filePath(QStringLiteral("hearthd"));
    QFile script(path);
    if (!script.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    script.write("#!/bin/sh\n[ \"$1\" = --version ] && echo 'hearthd " + version + "' && exit 0\n" +
                 body);
    script.close();
    script.setPermissions(script.permissions() | QFile::ExeOwner);
    return path;
}

bool showsOwnWorkerOnline(const QWidget &page)
{
    for (const QLabel *label : page.findChildren<QLabel *>()) {
        if (label->text().contains(QStringLiteral(": online")) &&
            label->text().contains(QStringLiteral("(this device)")))
            return true;
    }
    return false;
}

QByteArray apiCall(quint16 port, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {})
{
    const test::HttpResponse response = test::call(port, method, path, body);
    return QByteArray::number(response.status) + ' ' + response.body;
}

QJsonObject apiJson(quint16 port, const QByteArray &method, const QByteArray &path,
                    const QByteArray &body = {})
{
    return QJsonDocument::fromJson(test::call(port, method, path, body).body).object();
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateUiTest(m_home);
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
    }

    void cleanup()
    {
        m_controller.reset();
        m_dataDirs.clear();
    }

    void startThenStopLeavesNoHearthd()
    {
        TrayController &tray = makeController();
        QSignalSpy states(&tray, &TrayController::trayStateChanged);
        tray.launch();
        // Offscreen there is no system tray: the window opens and says why.
        QVERIFY(!tray.hasTray());
        QVERIFY(tray.window()->isVisible());
        QVERIFY2(tray.window()->bannerText().contains(QStringLiteral("no system tray")),
                 qPrintable(tray.window()->bannerText()));
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QVERIFY(tray.supervisor().ownsRuntime());
        const qint64 pid = tray.supervisor().runtime().pid;
        QVERIFY(processAlive(pid));
        QCOMPARE(tray.trayState(), TrayState::Running);
        QVERIFY(states.size() >= 2); // starting, then running
        QVERIFY(tray.stopAction()->isEnabled());
        QVERIFY(!tray.startAction()->isEnabled());
        QVERIFY2(tray.statusLine().startsWith(QStringLiteral("Hearth is running")),
                 qPrintable(tray.statusLine()));

        tray.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Stopped, test::scaled(15000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), test::scaled(5000));
        QVERIFY(!QFile::exists(m_dataDirs.back()->filePath(QStringLiteral("runtime.json"))));
        QCOMPARE(tray.trayState(), TrayState::Stopped);
        QVERIFY(tray.startAction()->isEnabled());
        QVERIFY(tray.session() == nullptr);
    }

    void stopWithScriptsStuckInCFinishesWithinFiveSeconds()
    {
        TrayController &tray = makeController();
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        const quint16 port = tray.supervisor().runtime().port;
        const qint64 pid = tray.supervisor().runtime().pid;
        // Both sandbox hosts stuck in C, with deadlines two minutes away.
        const QByteArray stuck =
            R"j({"source":"return table.concat(setmetatable({}, {__len = function() return 2^40 end}))","limits":{"timeout_ms":120000}})j";
        std::vector<std::thread> clients;
        const auto joinAll = qScopeGuard([&clients]() {
            for (std::thread &client : clients)
                client.join();
        });
        for (int i = 0; i < 2; ++i) {
            clients.emplace_back([port, stuck]() {
                test::call(port, "POST", "/api/v1/scripts/run", stuck, test::scaled(30000));
            });
        }
        QTest::qWait(test::scaled(500));

        QElapsedTimer timer;
        timer.start();
        tray.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Stopped, test::scaled(15000));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!processAlive(pid));
    }

    void connectAttachesAndNeverStopsWhatItDidNotStart()
    {
        test::HearthdProcess hearthd;
        QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
        TrayController &tray = makeController(hearthd.dataDir());
        tray.connectAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(10000));
        QVERIFY(!tray.supervisor().ownsRuntime());
        QCOMPARE(tray.supervisor().runtime().pid, hearthd.pid());
        QVERIFY(!tray.stopAction()->isEnabled()); // Stop is for runtimes the tray started
        QVERIFY(tray.session());
        tray.quit();
        QVERIFY(processAlive(hearthd.pid()));
        QCOMPARE(test::call(hearthd.port(), "GET", "/healthz").status, 200);
    }

    void connectRefusesASquatterAfterTheProofCheck()
    {
        Squatter squatter;
        const QString dataDir = m_dataDir->path();
        QFile runtime(QDir(dataDir).filePath(QStringLiteral("runtime.json")));
        QVERIFY(runtime.open(QIODevice::WriteOnly));
        runtime.write(QJsonDocument(QJsonObject {
                                        { QStringLiteral("port"), squatter.port() },
                                        { QStringLiteral("pid"), 1 },
                                        { QStringLiteral("instance_id"), QStringLiteral("x") },
                                        { QStringLiteral("proof_key"), QString(64, u'b') },
                                    })
                          .toJson());
        runtime.close();
        TrayController &tray = makeController(dataDir);
        QSignalSpy failed(&tray.supervisor(), &RuntimeSupervisor::failed);
        tray.connectAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Failed, test::scaled(10000));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("could not prove")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("nothing was sent")), qPrintable(message));
        QCOMPARE(tray.window()->bannerText(), message);
        QCOMPARE(tray.trayState(), TrayState::Error);
        QVERIFY(tray.session() == nullptr);
        // Exactly one request reached the squatter: the proof check.
        QTest::qWait(300);
        QCOMPARE(squatter.received.count("HTTP/1.1"), 1);
        QVERIFY2(squatter.received.startsWith("GET /api/v1/instance?nonce="),
                 squatter.received.constData());
    }

    void startOnATakenPortFailsWithTheLogTailAndSendsNothing()
    {
        Squatter squatter;
        TrayController &tray = makeController({}, squatter.port());
        QSignalSpy failed(&tray.supervisor(), &RuntimeSupervisor::failed);
        tray.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Failed, test::scaled(20000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("while starting")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Last lines from hearthd")), qPrintable(message));
        QVERIFY2(message.contains(QString::number(squatter.port())), qPrintable(message));
        QVERIFY(!tray.supervisor().logTail().isEmpty());
        QCOMPARE(squatter.received, QByteArray());
    }

    void aRuntimeThatNeverComesUpIsKilledAndSaysWhy()
    {
        // A "hearthd" that prints a line and hangs without writing runtime.json.
        QTemporaryDir bin;
        const QString pidFile = bin.filePath(QStringLiteral("pid"));
        const QString fake = fakeHearthd(bin, ProductVersion,
                                         "echo $$ > \"" + pidFile.toUtf8() +
                                             "\"\necho 'stuck on something'\nexec sleep 600\n");
        RuntimeSupervisor::Options options;
        options.dataDir = m_dataDir->path();
        options.hearthdPath = fake;
        options.startTimeoutMs = 1000;
        RuntimeSupervisor supervisor(options);
        QSignalSpy states(&supervisor, &RuntimeSupervisor::stateChanged);
        QSignalSpy failed(&supervisor, &RuntimeSupervisor::failed);
        supervisor.start();
        const auto readPid = [&pidFile]() {
            QFile file(pidFile);
            return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readPid() > 0, test::scaled(5000));
        const qint64 pid = readPid();
        QVERIFY(processAlive(pid));
        QTRY_COMPARE_WITH_TIMEOUT(supervisor.state(), State::Failed, test::scaled(10000));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("did not come up within 1 s")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("stuck on something")), qPrintable(message));
        // Killed and reaped, not left behind; the state went through Stopping.
        QVERIFY(!processAlive(pid));
        QVERIFY(!supervisor.ownsRuntime());
        QVERIFY(states.contains({ QVariant::fromValue(State::Stopping) }));
    }

    void aHearthdOfAnotherVersionOnDiskIsNotStarted()
    {
        // Hearth was upgraded while this tray ran: the hearthd next to it is
        // newer. It is asked its version and not started (it would migrate
        // the database under this tray); the tray says to restart.
        QTemporaryDir bin;
        const QString startedFile = bin.filePath(QStringLiteral("started"));
        const QString newer = fakeHearthd(
            bin, "99.0.0", "echo started > \"" + startedFile.toUtf8() + "\"\nexec sleep 600\n");
        TrayController::Options options;
        options.dataDir = m_dataDir->path();
        options.hearthdPath = newer;
        options.portGiven = true;
        m_controller = std::make_unique<TrayController>(options);
        QSignalSpy differs(&m_controller->supervisor(), &RuntimeSupervisor::versionDiffers);
        QSignalSpy told(m_controller.get(), &TrayController::desktopNotification);
        QVERIFY(!m_controller->restartAction()->isVisible());
        m_controller->launch();
        QTRY_COMPARE_WITH_TIMEOUT(differs.size(), 1, test::scaled(5000));
        QCOMPARE(differs.first().first().toString(), QStringLiteral("99.0.0"));
        QCOMPARE(m_controller->supervisor().state(), State::Failed);
        QVERIFY(!m_controller->supervisor().ownsRuntime());
        QVERIFY(m_controller->restartAction()->isVisible());
        QVERIFY2(m_controller->window()->bannerText().contains(
                     QStringLiteral("Hearth was updated — restart to finish")),
                 qPrintable(m_controller->window()->bannerText()));
        QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), test::scaled(2000));
        QCOMPARE(told.first().first().toString(), QStringLiteral("Hearth was updated"));
        QCOMPARE(told.size(), 1); // not also "Hearth is not running"
        // Start again: still not started.
        m_controller->startAction()->trigger();
        QTest::qWait(200);
        QVERIFY(!QFile::exists(startedFile));
        // Restart quits, asking main to start the tray on disk again.
        QVERIFY(!m_controller->restartRequested());
        m_controller->restartAction()->trigger();
        QVERIFY(m_controller->restartRequested());
    }

    void aRuntimeOfAnotherVersionIsUsedAndSaid()
    {
        // A runtime started before an upgrade still runs and proves itself
        // with its own version: the tray attaches, and says to restart.
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        const QByteArray key(32, '\x5a');
        connect(&listener, &QTcpServer::newConnection, this, [&listener, &key]() {
            QTcpSocket *socket = listener.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &key]() {
                const QByteArray request = socket->readAll();
                const qsizetype at = request.indexOf("nonce=");
                const QByteArray nonce = request.mid(at + 6, request.indexOf(' ', at) - at - 6);
                const QByteArray body = "{\"instance_id\":\"old\",\"pid\":" +
                    QByteArray::number(QCoreApplication::applicationPid()) +
                    ",\"version\":\"0.0.9\",\"no_auth\":true,\"proof\":\"" +
                    crypto::hmacSha256(key, nonce).toHex() + "\"}";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                              body);
                socket->disconnectFromHost();
            });
        });
        QFile runtimeFile(QDir(m_dataDir->path()).filePath(QStringLiteral("runtime.json")));
        QVERIFY(runtimeFile.open(QIODevice::WriteOnly));
        runtimeFile.write(
            QJsonDocument(
                QJsonObject { { QStringLiteral("port"), listener.serverPort() },
                              { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                              { QStringLiteral("pid"), QCoreApplication::applicationPid() },
                              { QStringLiteral("instance_id"), QStringLiteral("old") },
                              { QStringLiteral("version"), QStringLiteral("0.0.9") },
                              { QStringLiteral("proof_key"), QString::fromLatin1(key.toHex()) } })
                .toJson());
        runtimeFile.close();
        RuntimeSupervisor::Options options;
        options.dataDir = m_dataDir->path();
        options.hearthdPath = test::binary(QStringLiteral("hearthd"));
        RuntimeSupervisor supervisor(options);
        QSignalSpy differs(&supervisor, &RuntimeSupervisor::versionDiffers);
        QSignalSpy ready(&supervisor, &RuntimeSupervisor::ready);
        supervisor.connectToRunning();
        QTRY_COMPARE_WITH_TIMEOUT(differs.size(), 1, test::scaled(5000));
        QCOMPARE(differs.first().first().toString(), QStringLiteral("0.0.9"));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(supervisor.state(), State::Running);
        QVERIFY(!supervisor.ownsRuntime());
    }

    void aCrashedRuntimeIsRestartedUntilItCrashesThreeTimesInAMinute()
    {
        TrayController &tray = makeController();
        QSignalSpy crashed(&tray.supervisor(), &RuntimeSupervisor::crashed);
        QSignalSpy popups(&tray, &TrayController::desktopNotification);
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        for (int crash = 1; crash <= 3; ++crash) {
            const qint64 pid = tray.supervisor().runtime().pid;
            QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
            QTRY_COMPARE_WITH_TIMEOUT(crashed.size(), crash, test::scaled(10000));
            const bool willRestart = crashed.last().at(1).toBool();
            QCOMPARE(willRestart, crash < 3);
            QVERIFY(
                popups.last().first().toString().contains(QStringLiteral("stopped unexpectedly")));
            if (willRestart) {
                QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running,
                                          test::scaled(20000));
                QVERIFY(tray.supervisor().runtime().pid != pid);
                QVERIFY(tray.session());
            }
        }
        QCOMPARE(tray.supervisor().state(), State::Failed);
        QCOMPARE(tray.trayState(), TrayState::Error);
        QVERIFY(popups.last().at(1).toString().contains(QStringLiteral("not restarted")));
        QVERIFY(tray.startAction()->isEnabled());
        QTest::qWait(1500); // no restart follows
        QCOMPARE(tray.supervisor().state(), State::Failed);
    }

    void notificationsPopUpUnlessMutedAndFailuresNeedAttention()
    {
        TrayController &tray = makeController();
        QSignalSpy popups(&tray, &TrayController::desktopNotification);
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QTRY_VERIFY(tray.session()->isLive());
        const quint16 port = tray.supervisor().runtime().port;
        const QJsonObject watcher =
            apiJson(port, "POST", "/api/v1/watchers",
                    "{\"name\":\"price\",\"script\":\"notify{title='Price dropped', body='now 9'} "
                    "return 1\",\"schedule\":{\"every_s\":3600}}");
        const QByteArray runPath =
            "/api/v1/watchers/" + watcher.value(QStringLiteral("id")).toString().toUtf8() + "/run";
        QVERIFY(apiCall(port, "POST", runPath).startsWith("201"));
        QTRY_COMPARE_WITH_TIMEOUT(popups.size(), 1, test::scaled(10000));
        QCOMPARE(popups.first().at(0).toString(), QStringLiteral("Price dropped"));
        QCOMPARE(popups.first().at(1).toString(), QStringLiteral("now 9"));
        QTRY_VERIFY(tray.toolTip().contains(QStringLiteral("1 unread notification")));
        QCOMPARE(tray.trayState(), TrayState::Running); // info: no attention needed

        tray.muteFor(3600);
        QVERIFY(tray.toolTip().contains(QStringLiteral("Muted until")));
        QVERIFY(apiCall(port, "POST", runPath).startsWith("201"));
        QTRY_COMPARE_WITH_TIMEOUT(tray.window()->notificationsPage()->model()->rowCount(), 2,
                                  test::scaled(10000));
        QTest::qWait(200);
        QCOMPARE(popups.size(), 1); // muted: listed, not raised

        // A run that fails for good asks for attention until it is seen.
        tray.muteFor(0);
        const QJsonObject failing = apiJson(port, "POST", "/api/v1/watchers",
                                            "{\"name\":\"broken\",\"script\":\"error('boom')\","
                                            "\"schedule\":{\"every_s\":3600},\"max_attempts\":1}");
        QVERIFY(apiCall(port, "POST",
                        "/api/v1/watchers/" +
                            failing.value(QStringLiteral("id")).toString().toUtf8() + "/run")
                    .startsWith("201"));
        QTRY_COMPARE_WITH_TIMEOUT(tray.trayState(), TrayState::Attention, test::scaled(10000));
        QTRY_VERIFY(popups.size() >= 2); // the runtime's "failed" notification
        tray.window()->notificationsPage()->markAllRead();
        tray.openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(tray.trayState(), TrayState::Running, test::scaled(5000));
        // The menu lists the newest notifications.
        QStringList menuTexts;
        for (QAction *action : tray.menu()->actions())
            menuTexts << action->text();
        QVERIFY2(menuTexts.contains(QStringLiteral("Price dropped")),
                 qPrintable(menuTexts.join(u'|')));
    }

    void aChangeOverMcpAsksForTheUsersApproval()
    {
        TrayController &tray = makeController();
        QSignalSpy popups(&tray, &TrayController::desktopNotification);
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QTRY_VERIFY(tray.session()->isLive());
        const quint16 port = tray.supervisor().runtime().port;
        const QByteArray body = "{\"name\":\"agent's\",\"script\":\"return 1\","
                                "\"schedule\":{\"every_s\":600}}";
        const test::HttpResponse created =
            test::callAs(port, "hearth-mcp/agent", "POST", "/api/v1/watchers", body);
        QCOMPARE(created.status, 201);
        // Said once, in the tooltip, and as attention until decided.
        QTRY_COMPARE_WITH_TIMEOUT(popups.size(), 1, test::scaled(10000));
        QCOMPARE(popups.first().at(0).toString(),
                 QStringLiteral("Hearth: a change awaits your approval"));
        QTRY_VERIFY(tray.toolTip().contains(QStringLiteral("1 watcher(s) await your approval")));
        QCOMPARE(tray.trayState(), TrayState::Attention);
        const QByteArray id = test::json(created).value(QStringLiteral("id")).toString().toUtf8();
        QVERIFY(apiCall(port, "POST", "/api/v1/watchers/" + id + "/approve").startsWith("200"));
        QTRY_COMPARE_WITH_TIMEOUT(tray.trayState(), TrayState::Running, test::scaled(5000));
        QVERIFY(!tray.toolTip().contains(QStringLiteral("approval")));
        QCOMPARE(popups.size(), 1);
    }

    void pauseAllThenResumeRestoresExactlyWhatWasEnabled()
    {
        TrayController &tray = makeController();
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        const quint16 port = tray.supervisor().runtime().port;
        for (const char *body :
             { "{\"name\":\"a\",\"script\":\"return 1\",\"schedule\":{\"every_s\":600}}",
               "{\"name\":\"b\",\"script\":\"return 1\",\"schedule\":{\"every_s\":600}}",
               "{\"name\":\"off\",\"script\":\"return "
               "1\",\"schedule\":{\"every_s\":600},\"enabled\":false}" })
            QVERIFY(apiCall(port, "POST", "/api/v1/watchers", body).startsWith("201"));
        const auto enabledNames = [port]() {
            QStringList names;
            for (const QJsonValue &item : apiJson(port, "GET", "/api/v1/watchers")
                                              .value(QStringLiteral("items"))
                                              .toArray()) {
                if (item.toObject().value(QStringLiteral("enabled")).toBool())
                    names << item.toObject().value(QStringLiteral("name")).toString();
            }
            return names;
        };
        const auto pausedCount = [port]() {
            return apiJson(port, "GET", "/api/v1/status")
                .value(QStringLiteral("counts"))
                .toObject()
                .value(QStringLiteral("paused_watchers"))
                .toInt();
        };
        QSignalSpy paused(&tray, &TrayController::pauseChanged);
        tray.pauseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, test::scaled(10000));
        QVERIFY(paused.first().first().toBool());
        QCOMPARE(enabledNames(), QStringList());
        // The runtime keeps what was paused, not the tray.
        QCOMPARE(pausedCount(), 2);
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("&Resume watchers"));
        QVERIFY(tray.window()->settingsPage()->save());
        QCOMPARE(pausedCount(), 2);
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("&Resume watchers"));
        QVERIFY(tray.statusLine().contains(QStringLiteral("paused")));
        tray.pauseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 2, test::scaled(10000));
        QVERIFY(!paused.last().first().toBool());
        QCOMPARE(enabledNames(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
        QCOMPARE(pausedCount(), 0);
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("&Pause all watchers"));

        // A pause made elsewhere (the CLI, another tray) reaches the tray by
        // the event stream, and the tray's Resume undoes it.
        QVERIFY(apiCall(port, "POST", "/api/v1/watchers/pause-all", "").startsWith("200"));
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 3, test::scaled(10000));
        QVERIFY(paused.last().first().toBool());
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("&Resume watchers"));
        tray.pauseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 4, test::scaled(10000));
        QCOMPARE(enabledNames(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    }

    void theTrayIsThisDevicesAgentWorker()
    {
        const QString dataDir = m_dataDir->path();
        // A custom profile that runs the stand-in agent.
        client::WorkerSettings settings;
        client::AgentProfile fake;
        fake.name = QStringLiteral("fake");
        fake.program = QStringLiteral(HEARTH_SOURCE_DIR "/tests/agents/fake-agent.sh");
        fake.args = { QStringLiteral("{prompt}") };
        settings.profiles = { fake };
        QVERIFY(settings.save(QDir(dataDir).filePath(QStringLiteral("worker.json"))));

        TrayController &tray = makeController(dataDir);
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QVERIFY(tray.worker());
        const quint16 port = tray.supervisor().runtime().port;
        QTRY_COMPARE_WITH_TIMEOUT(
            apiJson(port, "GET", "/api/v1/workers").value(QStringLiteral("items")).toArray().size(),
            1, test::scaled(10000));
        const QJsonObject worker = apiJson(port, "GET", "/api/v1/workers")
                                       .value(QStringLiteral("items"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(worker.value(QStringLiteral("agent_kinds")).toArray(),
                 QJsonArray({ QStringLiteral("fake") }));

        const QJsonObject watcher =
            apiJson(port, "POST", "/api/v1/watchers",
                    "{\"name\":\"agent\",\"kind\":\"agent\",\"agent_kind\":\"fake\",\"prompt\":"
                    "\"json\",\"schedule\":{\"every_s\":3600}}");
        QCOMPARE(watcher.value(QStringLiteral("device_worker_id")).toString(),
                 worker.value(QStringLiteral("id")).toString());
        const QJsonObject run = apiJson(
            port, "POST",
            "/api/v1/watchers/" + watcher.value(QStringLiteral("id")).toString().toUtf8() + "/run");
        const QByteArray runPath =
            "/api/v1/runs/" + run.value(QStringLiteral("id")).toString().toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(
            apiJson(port, "GET", runPath).value(QStringLiteral("status")).toString(),
            QStringLiteral("succeeded"), test::scaled(20000));
        QCOMPARE(apiJson(port, "GET", runPath)
                     .value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("price"))
                     .toInt(),
                 42);

        // Settings shows whether this device's worker is seen online.
        SettingsPage *page = tray.window()->settingsPage();
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(showsOwnWorkerOnline(*page), test::scaled(5000));

        // Turning the worker off in Settings stops it.
        TraySettings off = tray.settings();
        off.runWorker = false;
        page->showSettings(off);
        QVERIFY(page->save());
        QVERIFY(tray.worker() == nullptr);
    }

    void theKeyFileOptInFromSettingsLetsSecretsWorkWithoutAKeychain()
    {
        // No keychain here (isolateUiTest) and, for this test, no key in the
        // environment either.
        const QByteArray environmentKey = qgetenv("HEARTH_SECRET_KEY");
        qunsetenv("HEARTH_SECRET_KEY");
        const auto restoreKey =
            qScopeGuard([environmentKey]() { qputenv("HEARTH_SECRET_KEY", environmentKey); });
        TrayController &tray = makeController();
        const QString dataDir = m_dataDirs.back()->path();
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        quint16 port = tray.supervisor().runtime().port;
        QVERIFY(test::waitForSecretsState(port) != QStringLiteral("ready"));
        QCOMPARE(test::call(port, "PUT", "/api/v1/secrets/TOKEN", "{\"value\":\"v\"}").status, 503);
        const QString keyFile = QDir(dataDir).filePath(QStringLiteral("master.key"));
        QVERIFY(!QFile::exists(keyFile));

        // Settings: the opt-in, its warning shown only while it is ticked.
        SettingsPage *page = tray.window()->settingsPage();
        auto *optIn = test::controlLabelled<QCheckBox>(
            page, QStringLiteral("Keep the master key in a file in the data folder"));
        auto *warning = page->findChild<QLabel *>(QStringLiteral("keyFileWarning"));
        QVERIFY(optIn && warning);
        QVERIFY(!optIn->isChecked());
        QVERIFY(!warning->isVisibleTo(page));
        optIn->click();
        QVERIFY(warning->isVisibleTo(page));
        QVERIFY2(warning->text().contains(QStringLiteral("decrypt every secret")),
                 qPrintable(warning->text()));
        QVERIFY(page->save());
        QVERIFY(TraySettings::load(dataDir).insecureKeyFile);

        // It applies at the next start: the runtime keeps its key in the file.
        tray.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Stopped, test::scaled(15000));
        tray.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        port = tray.supervisor().runtime().port;
        QCOMPARE(test::waitForSecretsState(port), QStringLiteral("ready"));
        QCOMPARE(apiJson(port, "GET", "/api/v1/status")
                     .value(QStringLiteral("secrets"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
                 QStringLiteral("file"));
        QVERIFY(QFile::exists(keyFile));
        QCOMPARE(QFile::permissions(keyFile) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QCOMPARE(test::call(port, "PUT", "/api/v1/secrets/TOKEN", "{\"value\":\"v\"}").status, 201);
    }

    void theHistoryKeptIsSetInSettingsAndAppliesAtTheNextStart()
    {
        TrayController &tray = makeController();
        const QString dataDir = m_dataDirs.back()->path();
        tray.launch();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        const auto retention = [&tray]() {
            return apiJson(tray.supervisor().runtime().port, "GET", "/api/v1/status")
                .value(QStringLiteral("retention"))
                .toObject();
        };
        QCOMPARE(retention().value(QStringLiteral("run_days")).toInt(), 30);
        QCOMPARE(retention().value(QStringLiteral("runs_per_watcher")).toInt(), 1000);

        SettingsPage *page = tray.window()->settingsPage();
        auto *days =
            test::controlLabelled<QSpinBox>(page, QStringLiteral("Keep finished runs for"));
        auto *perWatcher =
            test::controlLabelled<QSpinBox>(page, QStringLiteral("Finished runs kept per watcher"));
        QVERIFY(days && perWatcher);
        QCOMPARE(days->value(), 30);
        QCOMPARE(perWatcher->value(), 1000);
        // hearthd's bounds.
        QCOMPARE(days->minimum(), 1);
        QCOMPARE(perWatcher->minimum(), 10);
        days->setValue(7);
        perWatcher->setValue(50);
        QVERIFY(page->save());
        QCOMPARE(TraySettings::load(dataDir).runRetentionDays, 7);
        QCOMPARE(TraySettings::load(dataDir).keepRunsPerWatcher, 50);

        tray.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Stopped, test::scaled(15000));
        tray.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QCOMPARE(retention().value(QStringLiteral("run_days")).toInt(), 7);
        QCOMPARE(retention().value(QStringLiteral("runs_per_watcher")).toInt(), 50);

        // The webhook listener: off until Settings gives it an address.
        const auto webhooksUrl = [&tray]() {
            return apiJson(tray.supervisor().runtime().port, "GET", "/api/v1/status")
                .value(QStringLiteral("webhooks"))
                .toObject()
                .value(QStringLiteral("url"));
        };
        QVERIFY(webhooksUrl().isNull());
        auto *webhooks =
            test::controlLabelled<QLineEdit>(page, QStringLiteral("Receive webhooks on"));
        QVERIFY(webhooks);
        QVERIFY(webhooks->text().isEmpty());
        webhooks->setText(QStringLiteral("127.0.0.1:0"));
        QVERIFY(page->save());
        QCOMPARE(TraySettings::load(dataDir).webhooksListen, QStringLiteral("127.0.0.1:0"));
        tray.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Stopped, test::scaled(15000));
        tray.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray.supervisor().state(), State::Running, test::scaled(20000));
        QVERIFY2(webhooksUrl().toString().startsWith(QStringLiteral("http://127.0.0.1:")),
                 qPrintable(webhooksUrl().toString()));
    }

private:
    TrayController &makeController(const QString &dataDir = {}, quint16 port = 0)
    {
        QString dir = dataDir;
        if (dir.isEmpty()) {
            m_dataDirs.push_back(std::make_unique<QTemporaryDir>());
            dir = m_dataDirs.back()->path();
        }
        TrayController::Options options;
        options.dataDir = dir;
        options.port = port;
        options.portGiven = true;
        options.hearthdPath = test::binary(QStringLiteral("hearthd"));
        m_controller = std::make_unique<TrayController>(options);
        return *m_controller;
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::vector<std::unique_ptr<QTemporaryDir>> m_dataDirs;
    std::unique_ptr<TrayController> m_controller;
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
