#include "TrayController.h"

#include "MainWindow.h"
#include "Session.h"
#include "client/Format.h"
#include "client/worker/Worker.h"
#include "pages/NotificationsPage.h"
#include "pages/SettingsPage.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QSysInfo>
#include <QTimer>

namespace hearth::ui {

Q_LOGGING_CATEGORY(lcTray, "hearth.tray")

namespace {
constexpr int WorkerStopWaitMs = 8000;

QString workerSettingsPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("worker.json"));
}
} // namespace

TrayController::TrayController(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(TraySettings::load(m_options.dataDir))
{
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(250);
    connect(&m_summaryTimer, &QTimer::timeout, this, &TrayController::refreshSummary);
    m_supervisor = std::make_unique<RuntimeSupervisor>(supervisorOptions());
    connect(m_supervisor.get(), &RuntimeSupervisor::stateChanged, this,
            &TrayController::onSupervisorState);
    connect(m_supervisor.get(), &RuntimeSupervisor::ready, this, &TrayController::onReady);
    connect(m_supervisor.get(), &RuntimeSupervisor::versionDiffers, this,
            &TrayController::onVersionDiffers);
    connect(m_supervisor.get(), &RuntimeSupervisor::failed, this, [this](const QString &message) {
        if (!m_otherVersion.isEmpty())
            return; // the update is what the user must know
        m_window->setBanner(message);
        raiseNotification(tr("Hearth is not running"), message.section(u'\n', 0, 0),
                          QSystemTrayIcon::Critical, [this]() { openWindow(); });
    });
    connect(m_supervisor.get(), &RuntimeSupervisor::crashed, this,
            [this](const QString &message, bool willRestart) {
                m_window->setBanner(message);
                raiseNotification(tr("The Hearth runtime stopped unexpectedly"),
                                  willRestart ? tr("Restarting it…")
                                              : tr("It crashed three times in a minute and was not "
                                                   "restarted. Click to start it again."),
                                  QSystemTrayIcon::Critical, [this, willRestart]() {
                                      if (willRestart)
                                          m_menu->showLogAction()->trigger();
                                      else
                                          m_supervisor->start();
                                  });
            });

    m_window =
        std::make_unique<MainWindow>(m_options.dataDir, workerSettingsPath(m_options.dataDir));
    connect(m_window.get(), &MainWindow::closing, this, [this]() {
        if (!hasTray() && !m_quitting)
            QTimer::singleShot(0, this, &TrayController::quit);
    });
    connect(m_window->settingsPage(), &SettingsPage::saved, this, &TrayController::applySettings);
    m_notifier.setPolicy({ m_settings.notificationsEnabled, m_settings.mutedUntil });
    connect(
        &m_notifier, &DesktopNotifier::popup, this, [this](const DesktopNotifier::Popup &popup) {
            const auto icon = popup.urgency == DesktopNotifier::Urgency::Critical
                ? QSystemTrayIcon::Critical
                : popup.urgency == DesktopNotifier::Urgency::Warning ? QSystemTrayIcon::Warning
                                                                     : QSystemTrayIcon::Information;
            const QString id = popup.notificationId;
            raiseNotification(popup.title, popup.body, icon, [this, id]() {
                if (!id.isEmpty())
                    m_window->notificationsPage()->activate(id);
                else
                    m_window->showPage(MainWindow::Notifications);
                openWindow();
            });
        });
    connect(&m_notifier, &DesktopNotifier::attentionChanged, this, [this]() { updateTray(); });

    buildMenu();
    m_window->addRuntimeActions({ m_menu->startAction(), m_menu->connectAction(),
                                  m_menu->stopAction(), m_menu->pauseAction(),
                                  m_menu->quitAction() });
    if (!m_options.forceNoTray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu->menu());
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        openWindow();
                });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this]() {
            if (m_messageClick)
                m_messageClick();
        });
    }
    rebuildNotificationItems();
    onSupervisorState(m_supervisor->state());
}

TrayController::~TrayController()
{
    // Quit waits for the worker to report its run; here there is no event
    // loop left to wait on: a run it held ends by its lease.
    if (m_worker)
        m_worker->stop();
    m_worker.reset();
    m_session.reset();
    // The supervisor outlives the menu and window otherwise, and its last
    // state change would reach them after they are gone.
    m_supervisor->disconnect(this);
    m_supervisor->shutdown();
}

RuntimeSupervisor::Options TrayController::supervisorOptions() const
{
    RuntimeSupervisor::Options options;
    options.dataDir = m_options.dataDir;
    options.port = m_options.portGiven ? m_options.port : m_settings.port;
    options.hearthdPath = m_options.hearthdPath;
    options.insecureKeyFile = m_settings.insecureKeyFile;
    options.runRetentionDays = m_settings.runRetentionDays;
    options.keepRunsPerWatcher = m_settings.keepRunsPerWatcher;
    options.webhooksListen = m_settings.webhooksListen;
    options.keepRuntimeOnQuit = m_settings.keepRuntimeOnQuit;
    return options;
}

void TrayController::buildMenu()
{
    m_menu = std::make_unique<TrayMenu>();
    connect(m_menu->startAction(), &QAction::triggered, this, [this]() {
        m_window->setBanner({});
        m_supervisor->setOptions(supervisorOptions());
        m_supervisor->start();
    });
    connect(m_menu->connectAction(), &QAction::triggered, this, [this]() {
        m_window->setBanner({});
        m_supervisor->setOptions(supervisorOptions());
        m_supervisor->connectToRunning();
    });
    connect(m_menu->stopAction(), &QAction::triggered, this, [this]() {
        stopWorker();
        m_supervisor->stop();
    });
    connect(m_menu->openAction(), &QAction::triggered, this, &TrayController::openWindow);
    connect(m_menu->pauseAction(), &QAction::triggered, this, [this]() {
        if (m_pausedWatchers == 0)
            pauseAll();
        else
            resumeAll();
    });
    connect(m_menu->showLogAction(), &QAction::triggered, this, [this]() {
        const QString text = m_supervisor->logTail().join(u'\n');
        auto *box = new QMessageBox(QMessageBox::Information, tr("Hearth runtime log"),
                                    m_supervisor->lastError().section(u'\n', 0, 0),
                                    QMessageBox::Close, m_window.get());
        box->setDetailedText(text.isEmpty() ? tr("(the runtime printed nothing)") : text);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(m_menu->quitAction(), &QAction::triggered, this, &TrayController::quit);
    connect(m_menu->restartAction(), &QAction::triggered, this, [this]() {
        m_restartRequested = true;
        quit();
    });
    connect(m_menu.get(), &TrayMenu::muteRequested, this, &TrayController::muteFor);
    connect(m_menu.get(), &TrayMenu::muteUntilTomorrowRequested, this,
            &TrayController::muteUntilTomorrow);
    connect(m_menu.get(), &TrayMenu::notificationActivated, this, [this](const QString &id) {
        m_window->notificationsPage()->activate(id);
        openWindow();
    });
    connect(m_menu.get(), &TrayMenu::aboutToShow, this, &TrayController::refreshSummary);
}

void TrayController::launch()
{
    if (m_tray) {
        m_tray->show();
    } else {
        m_window->setBanner(
            qEnvironmentVariable("QT_QPA_PLATFORM") == QStringLiteral("offscreen")
                ? tr("There is no system tray (offscreen display), so Hearth shows this window "
                     "instead. Closing it quits Hearth.")
                : tr("This desktop has no system tray, so Hearth shows this window instead. "
                     "Closing it quits Hearth."));
        m_window->show();
    }
    if (m_settings.startRuntimeWithTray) {
        m_supervisor->setOptions(supervisorOptions());
        m_supervisor->connectOrStart();
    }
}

void TrayController::onSupervisorState(RuntimeSupervisor::State state)
{
    using State = RuntimeSupervisor::State;
    if (state != State::Running && m_session)
        dropSession();
    const bool idle = state == State::Stopped || state == State::Failed || state == State::Crashed;
    m_menu->startAction()->setEnabled(idle);
    m_menu->connectAction()->setEnabled(idle);
    m_menu->stopAction()->setEnabled((state == State::Running || state == State::Starting) &&
                                     m_supervisor->ownsRuntime());
    m_menu->pauseAction()->setEnabled(state == State::Running);
    m_menu->showLogAction()->setVisible(!m_supervisor->logTail().isEmpty() ||
                                        !m_supervisor->lastError().isEmpty());
    if (state == State::Stopped && !m_supervisor->lastError().isEmpty() && !m_quitting)
        m_window->setBanner(tr("Disconnected: %1").arg(m_supervisor->lastError()));
    updateTray();
}

void TrayController::onReady(const client::RuntimeInfo &runtime)
{
    m_window->setBanner(hasTray() ? QString() : m_window->bannerText());
    m_session = std::make_unique<Session>(runtime);
    connect(m_session.get(), &Session::liveChanged, this, [](bool live, const QString &why) {
        if (live)
            qCInfo(lcTray) << "event stream live";
        else
            qCInfo(lcTray).noquote() << "event stream lost:" << why;
    });
    connect(m_session.get(), &Session::runtimeGone, this,
            [this](const QString &reason) { m_supervisor->runtimeLost(reason); });
    connect(m_session.get(), &Session::runChanged, this, [this](const client::RunEvent &event) {
        if (event.run.status == scheduler::RunStatus::Dead)
            m_notifier.runGaveUp();
    });
    // The summary follows the shared watcher list (a burst of changes once).
    connect(&m_session->watchers(), &RecordListBase::contentsChanged, &m_summaryTimer,
            qOverload<>(&QTimer::start));
    connect(m_session.get(), &Session::notificationCreated, this,
            &TrayController::onNotificationCreated);
    connect(m_session.get(), &Session::notificationsChanged, this,
            &TrayController::onNotificationsChanged);
    m_window->setSession(m_session.get());
    m_session->open();
    startWorker();
    updateTray();
}

void TrayController::dropSession()
{
    stopWorker();
    m_window->setSession(nullptr);
    m_session.reset();
    m_activeWatchers = 0;
    m_pausedWatchers = 0;
    m_awaitingApproval = 0;
    m_nextRun.clear();
    onNotificationsChanged();
}

void TrayController::startWorker()
{
    if (!m_session || m_worker)
        return;
    if (!m_settings.runWorker) {
        m_workerLine = tr("Agent worker: off");
        emit workerChanged(m_workerLine);
        return;
    }
    const QString path = workerSettingsPath(m_options.dataDir);
    const auto stored = client::WorkerSettings::load(path);
    if (!stored) {
        m_workerLine = tr("Agent worker: %1").arg(stored.error());
        emit workerChanged(m_workerLine);
        return;
    }
    client::WorkerOptions options;
    options.settingsPath = path;
    options.name =
        stored.value().name.isEmpty() ? QSysInfo::machineHostName() : stored.value().name;
    options.profiles = stored.value().profiles;
    options.mcpProgram = m_options.hearthCliPath;
    options.mcpConnectionArgs = { QStringLiteral("--data-dir"), m_options.dataDir };
    if (options.profiles.isEmpty()) {
        // Nothing configured yet: offer the built-in agents that are installed.
        for (const client::AgentProfile &profile : client::AgentProfile::builtIns()) {
            if (profile.resolvedProgram())
                options.profiles.append(profile);
        }
    }
    if (options.profiles.isEmpty()) {
        m_workerLine = tr("Agent worker: no agent installed (add a profile in Settings)");
        emit workerChanged(m_workerLine);
        return;
    }
    m_worker = std::make_unique<client::Worker>(m_session->client(), options);
    connect(m_worker.get(), &client::Worker::progress, this, [this](const QString &line) {
        m_workerLine = tr("Agent worker: %1").arg(line);
        emit workerChanged(m_workerLine);
    });
    connect(m_worker.get(), &client::Worker::stopped, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            m_workerLine = tr("Agent worker stopped: %1").arg(error);
            emit workerChanged(m_workerLine);
        }
    });
    m_worker->start();
}

void TrayController::stopWorker(std::function<void()> then)
{
    if (!m_worker) {
        if (then)
            then();
        return;
    }
    // Stopping reports a running agent's run (worker_stopped) so that its
    // retry starts at once: the worker finishes on the event loop, and what
    // comes next waits for it (at most WorkerStopWaitMs).
    client::Worker *worker = m_worker.release();
    worker->setParent(this);
    auto done = std::make_shared<bool>(false);
    const auto finished = [worker, done, then = std::move(then)]() {
        if (*done)
            return;
        *done = true;
        worker->deleteLater();
        if (then)
            then();
    };
    connect(worker, &client::Worker::stopped, this, finished);
    QTimer::singleShot(WorkerStopWaitMs, this, finished);
    worker->stop();
}

void TrayController::refreshSummary()
{
    if (!m_session)
        return;
    int active = 0;
    int paused = 0;
    int awaiting = 0;
    QDateTime next;
    for (const client::Watcher &watcher : m_session->watchers().records()) {
        paused += watcher.paused ? 1 : 0;
        awaiting += watcher.awaitsApproval() ? 1 : 0;
        if (!watcher.spec.enabled)
            continue;
        ++active;
        const QDateTime at = watcher.nextRunAt.dateTime();
        if (at.isValid() && (!next.isValid() || at < next))
            next = at;
    }
    m_activeWatchers = active;
    // A change over MCP newly awaiting the user is said once, as a
    // notification is (not while muted: the badge and tooltip still say it).
    if (awaiting > m_awaitingApproval && !m_settings.muted())
        raiseNotification(
            tr("Hearth: a change awaits your approval"),
            tr("%n watcher(s) created or changed over MCP await your approval.", nullptr, awaiting),
            QSystemTrayIcon::Information, [this]() {
                m_window->showPage(MainWindow::Watchers);
                openWindow();
            });
    m_awaitingApproval = awaiting;
    const bool pauseFlipped = (paused > 0) != (m_pausedWatchers > 0);
    m_pausedWatchers = paused;
    m_nextRun = next.isValid() ? next.toLocalTime().toString(QStringLiteral("HH:mm")) : QString();
    updateTray();
    if (pauseFlipped)
        emit pauseChanged(paused > 0);
}

QString TrayController::statusLine() const
{
    const QString state = trayStateName(m_trayState);
    if (m_supervisor->state() != RuntimeSupervisor::State::Running)
        return tr("Hearth is %1").arg(RuntimeSupervisor::stateName(m_supervisor->state()));
    QString line = tr("Hearth is %1 · %n watcher(s) active", nullptr, m_activeWatchers).arg(state);
    if (!m_nextRun.isEmpty())
        line += tr(" · next run %1").arg(m_nextRun);
    if (m_pausedWatchers > 0)
        line += tr(" · paused");
    return line;
}

QString TrayController::toolTip() const
{
    QStringList lines { statusLine() };
    if (m_unread > 0)
        lines << tr("%n unread notification(s)", nullptr, m_unread);
    if (m_awaitingApproval > 0)
        lines << tr("%n watcher(s) await your approval", nullptr, m_awaitingApproval);
    if (m_settings.muted())
        lines << tr("Muted until %1")
                     .arg(m_settings.mutedUntil.toLocalTime().toString(QStringLiteral("HH:mm")));
    if (!m_workerLine.isEmpty())
        lines << m_workerLine;
    return lines.join(u'\n');
}

void TrayController::updateTray()
{
    using State = RuntimeSupervisor::State;
    TrayState state = TrayState::Stopped;
    switch (m_supervisor->state()) {
    case State::Stopped:
    case State::Stopping:
        state = TrayState::Stopped;
        break;
    case State::Starting:
    case State::Connecting:
        state = TrayState::Starting;
        break;
    case State::Running:
        // A change awaiting approval waits for the user as an error does.
        state = m_notifier.needsAttention() || m_awaitingApproval > 0 ? TrayState::Attention
                                                                      : TrayState::Running;
        break;
    case State::Crashed:
    case State::Failed:
        state = TrayState::Error;
        break;
    }
    const bool changed = state != m_trayState;
    m_trayState = state;
    m_menu->setStatus(statusLine());
    m_menu->setSomePaused(m_pausedWatchers > 0);
    if (m_tray) {
        if (changed || m_tray->icon().isNull())
            m_tray->setIcon(stateIcon(state));
        m_tray->setToolTip(toolTip());
    }
    m_window->setWindowIcon(stateIcon(state));
    if (changed)
        emit trayStateChanged(state);
}

void TrayController::openWindow()
{
    m_notifier.acknowledge();
    updateTray();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void TrayController::raiseNotification(const QString &title, const QString &body,
                                       QSystemTrayIcon::MessageIcon icon,
                                       std::function<void()> onClick)
{
    m_messageClick = std::move(onClick);
    qCInfo(lcTray).noquote() << "desktop notification:" << title;
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, icon, 15000);
    emit desktopNotification(title, body);
}

void TrayController::onNotificationCreated(const client::Notification &notification)
{
    m_notifier.offer(notification.id, notification.level, notification.title, notification.body);
}

void TrayController::onNotificationsChanged()
{
    m_unread = m_session ? m_session->unreadNotifications() : 0;
    m_notifier.setUnreadErrors(m_session ? m_session->unreadErrors() : 0);
    rebuildNotificationItems();
    updateTray();
}

void TrayController::rebuildNotificationItems()
{
    m_menu->setNotifications(m_session ? m_session->notifications().records()
                                       : QList<client::Notification>());
}

void TrayController::pauseAll()
{
    changeAllWatchers(client::api::pauseAll());
}

void TrayController::resumeAll()
{
    changeAllWatchers(client::api::resumeAll());
}

// Pause all and Resume are the runtime's (one transaction each, and it
// remembers what it paused): the tray asks, then shows the watchers it
// answers with as they are now.
void TrayController::changeAllWatchers(
    const client::Operation<client::Page<client::Watcher>> &change)
{
    if (!m_session)
        return;
    m_session->send(change, this,
                    [this](const client::Answer<client::Page<client::Watcher>> &answer) {
                        if (!answer.ok()) {
                            m_window->setBanner(tr("Could not pause or resume the watchers: %1")
                                                    .arg(answer.reply.errorMessage()));
                            return;
                        }
                        for (const client::Watcher &watcher : answer.value->items)
                            m_session->showWatcher(watcher);
                    });
}

void TrayController::muteFor(qint64 seconds)
{
    m_settings.mutedUntil =
        seconds > 0 ? QDateTime::currentDateTimeUtc().addSecs(seconds) : QDateTime();
    m_notifier.setPolicy({ m_settings.notificationsEnabled, m_settings.mutedUntil });
    m_settings.save(m_options.dataDir);
    m_window->settingsPage()->showSettings(m_settings);
    updateTray();
}

void TrayController::muteUntilTomorrow()
{
    const QDateTime now = QDateTime::currentDateTime();
    m_settings.mutedUntil = QDateTime(now.date().addDays(1), QTime(0, 0)).toUTC();
    m_notifier.setPolicy({ m_settings.notificationsEnabled, m_settings.mutedUntil });
    m_settings.save(m_options.dataDir);
    m_window->settingsPage()->showSettings(m_settings);
    updateTray();
}

void TrayController::applySettings(const TraySettings &settings)
{
    m_settings = settings;
    m_notifier.setPolicy({ m_settings.notificationsEnabled, m_settings.mutedUntil });
    m_supervisor->setOptions(supervisorOptions());
    // Profiles or the on/off switch may have changed: the worker starts
    // again with what was saved, once the old one has stopped.
    stopWorker([this]() {
        startWorker();
        updateTray();
    });
    updateTray();
}

void TrayController::onVersionDiffers(const QString &runtimeVersion)
{
    // Said once, in the menu, the window and a notification; nothing of the
    // two versions is mixed silently (RuntimeSupervisor::versionDiffers).
    const bool first = m_otherVersion.isEmpty();
    m_otherVersion = runtimeVersion;
    m_menu->restartAction()->setVisible(true);
    m_window->setBanner(RuntimeSupervisor::updatedMessage(runtimeVersion));
    if (first) {
        raiseNotification(tr("Hearth was updated"), tr("Restart Hearth to finish the update."),
                          QSystemTrayIcon::Information,
                          [this]() { m_menu->restartAction()->trigger(); });
    }
}

void TrayController::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    // The worker reports a run it holds before the runtime (if it is ours)
    // stops.
    stopWorker([this]() {
        m_window->setSession(nullptr);
        m_session.reset();
        m_supervisor->setOptions(supervisorOptions());
        m_supervisor->shutdown();
        if (m_tray)
            m_tray->hide();
        QCoreApplication::quit();
    });
}

} // namespace hearth::ui
