#include "RuntimeSupervisor.h"

#include "core/Crypto.h"
#include "core/Version.h"
#include "model/Actor.h"
#include "platform/Platform.h"

#include <QNetworkReply>

namespace hearth::ui {

namespace {
constexpr int StartupPollMs = 150;
constexpr int LogTailLines = 200;
constexpr int CrashWindowS = 60;
constexpr int CrashesBeforeGivingUp = 3;
constexpr int RestartDelayMs = 1000;
} // namespace

RuntimeSupervisor::RuntimeSupervisor(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_startupTimer.setInterval(StartupPollMs);
    connect(&m_startupTimer, &QTimer::timeout, this, &RuntimeSupervisor::pollStartup);
}

RuntimeSupervisor::~RuntimeSupervisor()
{
    shutdown();
}

void RuntimeSupervisor::setOptions(const Options &options)
{
    m_options = options;
}

QString RuntimeSupervisor::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return tr("stopped");
    case State::Starting:
        return tr("starting");
    case State::Connecting:
        return tr("connecting");
    case State::Running:
        return tr("running");
    case State::Stopping:
        return tr("stopping");
    case State::Crashed:
        return tr("stopped unexpectedly");
    case State::Failed:
        return tr("error");
    }
    return {};
}

void RuntimeSupervisor::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void RuntimeSupervisor::start()
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping ||
        m_state == State::Connecting)
        return;
    m_lastError.clear();
    m_logTail.clear();
    m_partialLine.clear();
    m_stopRequested = false;
    m_failureAfterStop.clear();
    if (const QString onDisk = versionOf(m_options.hearthdPath);
        !onDisk.isEmpty() && onDisk != QLatin1String(ProductVersion)) {
        m_lastError = updatedMessage(onDisk);
        setState(State::Failed);
        emit versionDiffers(onDisk);
        return;
    }
    m_proofKey = crypto::randomBytes(32);
    m_runtime = {};
    m_runtime.host = QStringLiteral("127.0.0.1");
    m_runtime.port = m_options.port;
    m_runtime.proofKey = m_proofKey;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HEARTH_NO_AUTH"), QStringLiteral("1"));
    environment.insert(QStringLiteral("HEARTH_HOST"), QStringLiteral("127.0.0.1"));
    environment.insert(QStringLiteral("HEARTH_PROOF_KEY"), QString::fromLatin1(m_proofKey.toHex()));
    environment.remove(QStringLiteral("HEARTH_DATA_DIR"));
    environment.remove(QStringLiteral("HEARTH_PORT"));
    // The tray's settings say whether it listens for webhooks.
    environment.remove(QStringLiteral("HEARTH_WEBHOOKS_LISTEN"));
    m_process->setProcessEnvironment(environment);
    QStringList arguments { QStringLiteral("--data-dir"),
                            m_options.dataDir,
                            QStringLiteral("--port"),
                            QString::number(m_options.port),
                            QStringLiteral("--run-retention-days"),
                            QString::number(m_options.runRetentionDays),
                            QStringLiteral("--keep-runs-per-watcher"),
                            QString::number(m_options.keepRunsPerWatcher) };
    if (m_options.insecureKeyFile)
        arguments << QStringLiteral("--insecure-key-file");
    if (!m_options.webhooksListen.isEmpty())
        arguments << QStringLiteral("--webhooks-listen") << m_options.webhooksListen;
    platform::runAsSupervisedChild(*m_process, !m_options.keepRuntimeOnQuit);
    connect(m_process.get(), &QProcess::readyRead, this, &RuntimeSupervisor::appendOutput);
    connect(m_process.get(), &QProcess::finished, this, &RuntimeSupervisor::onProcessFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_process->errorString();
        m_process.release()->deleteLater();
        m_startupTimer.stop();
        fail(tr("Could not start %1: %2").arg(m_options.hearthdPath, reason));
    });
    setState(State::Starting);
    m_startupClock.start();
    m_process->start(m_options.hearthdPath, arguments);
    m_startupTimer.start();
}

void RuntimeSupervisor::pollStartup()
{
    if (!m_process || m_state != State::Starting)
        return;
    if (m_startupClock.elapsed() > m_options.startTimeoutMs) {
        m_startupTimer.stop();
        // Stuck: no graceful stop. It fails once it is gone (onProcessFinished).
        m_failureAfterStop = withLogTail(
            tr("The runtime did not come up within %1 s.").arg(m_options.startTimeoutMs / 1000));
        m_stopRequested = true;
        setState(State::Stopping);
        m_process->kill();
        return;
    }
    // Nothing is sent to the port before runtime.json names our child: until
    // then whatever answers there may be someone else (a squatter, or the
    // runtime of another tray that our hearthd is about to fail against).
    const auto file = client::readRuntimeFile(m_options.dataDir);
    if (!file || file.value().pid != m_process->processId())
        return;
    m_runtime.port = file.value().port;
    if (m_healthRequestInFlight)
        return;
    m_probe = std::make_unique<client::ApiClient>(m_runtime.baseUrl(),
                                                  Actor::clientHeader(Actor::Kind::Tray));
    m_healthRequestInFlight = true;
    QNetworkReply *reply = m_probe->send("GET", QStringLiteral("/healthz"));
    connect(reply, &QNetworkReply::finished, this, [this, reply]() {
        reply->deleteLater();
        m_healthRequestInFlight = false;
        if (m_state != State::Starting || !m_process)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return;
        m_startupTimer.stop();
        m_runtime.pid = m_process->processId();
        verify(m_runtime, State::Starting);
    });
}

void RuntimeSupervisor::connectToRunning()
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping ||
        m_state == State::Connecting)
        return;
    m_lastError.clear();
    const auto file = client::readRuntimeFile(m_options.dataDir);
    if (!file) {
        setState(State::Connecting);
        fail(file.error().message);
        return;
    }
    setState(State::Connecting);
    verify(file.value(), State::Connecting);
}

void RuntimeSupervisor::connectOrStart()
{
    if (!client::readRuntimeFile(m_options.dataDir)) {
        start();
        return;
    }
    m_startIfAbsent = true;
    connectToRunning();
}

void RuntimeSupervisor::verify(const client::RuntimeInfo &runtime, State whileVerifying)
{
    m_probe = std::make_unique<client::ApiClient>(runtime.baseUrl(),
                                                  Actor::clientHeader(Actor::Kind::Tray));
    m_probe->verifyIdentityAsync(
        runtime, this,
        [this, runtime,
         whileVerifying](Result<client::ProvenRuntime, client::ConnectError> result) {
            if (m_state != whileVerifying)
                return;
            const bool startIfAbsent = std::exchange(m_startIfAbsent, false);
            if (!result && startIfAbsent &&
                result.error().kind == client::ConnectError::Kind::NotRunning) {
                // A runtime.json left behind by a hearthd that is gone.
                setState(State::Stopped);
                start();
                return;
            }
            if (!result) {
                if (m_process && m_process->state() != QProcess::NotRunning) {
                    // Our own child could not prove itself: stop it, then
                    // fail (without blocking the UI while it shuts down).
                    m_failureAfterStop = result.error().message;
                    terminateChild();
                    return;
                }
                m_process.reset();
                fail(result.error().message);
                return;
            }
            const bool sameVersion = result->version == QLatin1String(ProductVersion);
            if (!sameVersion && m_process && m_process->state() != QProcess::NotRunning) {
                // Replaced on disk between the check and the start.
                m_failureAfterStop = updatedMessage(result->version);
                terminateChild();
                emit versionDiffers(result->version);
                return;
            }
            m_runtime = runtime;
            setState(State::Running);
            emit ready(m_runtime);
            if (!sameVersion)
                emit versionDiffers(result->version);
        });
}

QString RuntimeSupervisor::updatedMessage(const QString &runtimeVersion)
{
    return tr("Hearth was updated — restart to finish (this tray is %1, the runtime %2).")
        .arg(QLatin1String(ProductVersion), runtimeVersion);
}

QString RuntimeSupervisor::versionOf(const QString &hearthdPath)
{
    // `hearthd --version` prints "hearthd 1.2.3" and exits at once.
    QProcess probe;
    probe.start(hearthdPath, { QStringLiteral("--version") });
    if (!probe.waitForFinished(5000)) {
        probe.kill();
        probe.waitForFinished(1000);
        return {};
    }
    const QString printed = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
    if (probe.exitCode() != 0 || !printed.startsWith(QStringLiteral("hearthd ")))
        return {};
    return printed.mid(8);
}

void RuntimeSupervisor::fail(const QString &message)
{
    m_lastError = message;
    setState(State::Failed);
    emit failed(message);
}

void RuntimeSupervisor::stop()
{
    m_startupTimer.stop();
    if (!m_process) {
        m_runtime = {};
        setState(State::Stopped);
        return;
    }
    if (m_process->state() == QProcess::NotRunning) {
        m_process.reset();
        setState(State::Stopped);
        return;
    }
    terminateChild();
}

void RuntimeSupervisor::terminateChild()
{
    m_stopRequested = true;
    setState(State::Stopping);
    m_process->terminate();
    QTimer::singleShot(m_options.stopTimeoutMs, m_process.get(), [process = m_process.get()]() {
        if (process->state() != QProcess::NotRunning)
            process->kill();
    });
}

void RuntimeSupervisor::shutdown()
{
    m_startupTimer.stop();
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_options.keepRuntimeOnQuit && m_process->state() == QProcess::Running) {
        // The runtime outlives the tray: QProcess would kill it when
        // destroyed, so the handle is parked where nothing destroys it (a
        // global that is never destroyed, so leak checkers see it as
        // reachable, which it is).
        static auto *outliving = new std::vector<QProcess *>;
        m_process->closeReadChannel(QProcess::StandardOutput);
        outliving->push_back(m_process.release());
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(m_options.stopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
    setState(State::Stopped);
}

void RuntimeSupervisor::runtimeLost(const QString &reason)
{
    if (m_process || m_state != State::Running)
        return; // a spawned runtime's exit is noticed through its process
    m_runtime = {};
    m_lastError = reason;
    setState(State::Stopped);
}

void RuntimeSupervisor::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    appendOutput();
    m_startupTimer.stop();
    const State before = m_state;
    m_process.release()->deleteLater();
    if (m_stopRequested) {
        m_runtime = {};
        if (!m_failureAfterStop.isEmpty())
            fail(std::exchange(m_failureAfterStop, {}));
        else
            setState(State::Stopped);
        return;
    }
    const QString how =
        status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(exitCode);
    if (before == State::Starting) {
        fail(withLogTail(tr("The runtime %1 while starting.").arg(how)));
        return;
    }
    // Running: it went away without being asked to.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_crashTimes.append(now);
    while (!m_crashTimes.isEmpty() && m_crashTimes.first().secsTo(now) > CrashWindowS)
        m_crashTimes.removeFirst();
    const bool restart = m_crashTimes.size() < CrashesBeforeGivingUp;
    m_lastError = withLogTail(tr("The runtime %1.").arg(how));
    m_runtime = {};
    setState(restart ? State::Crashed : State::Failed);
    emit crashed(m_lastError, restart);
    if (restart) {
        QTimer::singleShot(RestartDelayMs, this, [this]() {
            if (m_state == State::Crashed)
                start();
        });
    }
}

void RuntimeSupervisor::appendOutput()
{
    if (!m_process)
        return;
    m_partialLine += m_process->readAll();
    qsizetype end;
    while ((end = m_partialLine.indexOf('\n')) >= 0) {
        m_logTail.append(QString::fromUtf8(m_partialLine.left(end)));
        m_partialLine.remove(0, end + 1);
    }
    while (m_logTail.size() > LogTailLines)
        m_logTail.removeFirst();
}

QString RuntimeSupervisor::withLogTail(const QString &message) const
{
    const QStringList tail = m_logTail.mid(qMax(0, m_logTail.size() - 8));
    if (tail.isEmpty())
        return message;
    return message + u'\n' + tr("Last lines from hearthd:") + u'\n' + tail.join(u'\n');
}

} // namespace hearth::ui
