#include "SettingsPage.h"

#include "ChannelsSection.h"
#include "Session.h"
#include "Translations.h"
#include "client/worker/Worker.h"
#include "model/WatcherSpec.h"
#include "tray/Autostart.h"
#include "widgets/CodeEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
enum Mute { Unchanged, OneHour, FourHours, UntilTomorrow, Unmute };
} // namespace

SettingsPage::SettingsPage(QString dataDir, QString workerSettingsPath, QWidget *parent)
    : Page(parent)
    , m_dataDir(std::move(dataDir))
    , m_workerSettingsPath(std::move(workerSettingsPath))
{
    auto *outer = new QVBoxLayout(this);
    // The groups scroll on a short screen (and in longer languages); the
    // Save button below them stays in view.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes field to field, scrolling to each
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *runtimeBox = new QGroupBox(tr("Runtime"), this);
    auto *runtimeForm = new QFormLayout(runtimeBox);
    m_port = new QSpinBox(runtimeBox);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setAccessibleName(tr("Port"));
    auto *dataDirRow = new QHBoxLayout;
    m_defaultDataDir = new QLineEdit(runtimeBox);
    m_defaultDataDir->setAccessibleName(tr("Data folder"));
    auto *browse = new QPushButton(tr("&Browse…"), runtimeBox);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Data folder"), m_defaultDataDir->text());
        if (!folder.isEmpty())
            m_defaultDataDir->setText(folder);
    });
    dataDirRow->addWidget(m_defaultDataDir);
    dataDirRow->addWidget(browse);
    m_startWithTray = new QCheckBox(tr("&Start the runtime when the tray starts"), runtimeBox);
    m_startAtLogin = new QCheckBox(tr("Start Hearth at &login"), runtimeBox);
    m_keepRunning = new QCheckBox(tr("&Keep the runtime running when the tray quits"), runtimeBox);
    m_insecureKeyFile =
        new QCheckBox(tr("Keep the master key in a &file in the data folder"), runtimeBox);
    m_keyFileWarning = new QLabel(
        tr("Warning: anyone who can read the data folder can then decrypt every secret. Use this "
           "only where there is no keychain."),
        runtimeBox);
    m_keyFileWarning->setObjectName(QStringLiteral("keyFileWarning"));
    m_keyFileWarning->setWordWrap(true);
    m_keyFileWarning->setStyleSheet(QStringLiteral("color: #b00020"));
    connect(m_insecureKeyFile, &QCheckBox::toggled, m_keyFileWarning, &QLabel::setVisible);
    // Bounds as hearthd's --run-retention-days and --keep-runs-per-watcher.
    using scheduler::HistoryLimits;
    m_retentionDays = new QSpinBox(runtimeBox);
    m_retentionDays->setRange(HistoryLimits::MinKeepDays, HistoryLimits::MaxKeepDays);
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionDays->setAccessibleName(tr("Keep finished runs for"));
    m_keepRuns = new QSpinBox(runtimeBox);
    m_keepRuns->setRange(HistoryLimits::MinKeepRuns, HistoryLimits::MaxKeepRuns);
    m_keepRuns->setSingleStep(100);
    m_keepRuns->setSuffix(tr(" runs"));
    m_keepRuns->setAccessibleName(tr("Finished runs kept per watcher"));
    m_webhooksListen = new QLineEdit(runtimeBox);
    m_webhooksListen->setAccessibleName(tr("Receive webhooks on"));
    m_webhooksListen->setPlaceholderText(tr("Off, or an address and port such as 127.0.0.1:8788"));
    m_webhooksListen->setToolTip(
        tr("Webhook watchers get their deliveries here, never on the port above. A loopback "
           "address (127.0.0.1) is reached from this computer only; another of its addresses "
           "lets senders on that network reach it."));
    runtimeForm->addRow(tr("&Port:"), m_port);
    // A row that is a layout gets no buddy from the form: its mnemonic is
    // given to the folder's field here.
    auto *dataDirLabel = new QLabel(tr("&Data folder:"), runtimeBox);
    dataDirLabel->setBuddy(m_defaultDataDir);
    runtimeForm->addRow(dataDirLabel, dataDirRow);
    runtimeForm->addRow(tr("Keep finished runs &for:"), m_retentionDays);
    runtimeForm->addRow(tr("Keep at most, per &watcher:"), m_keepRuns);
    runtimeForm->addRow(tr("Receive &webhooks on:"), m_webhooksListen);
    auto *applies = new QLabel(
        tr("This window shows %1. Port, folder, history, webhook and key file changes apply at "
           "the next start. Older runs and their logs are deleted hourly; dead runs are always "
           "kept.")
            .arg(m_dataDir),
        runtimeBox);
    applies->setWordWrap(true); // long, and longer in other languages
    runtimeForm->addRow(applies);
    runtimeForm->addRow(m_startWithTray);
    runtimeForm->addRow(m_startAtLogin);
    runtimeForm->addRow(m_keepRunning);
    runtimeForm->addRow(m_insecureKeyFile);
    runtimeForm->addRow(m_keyFileWarning);
    layout->addWidget(runtimeBox);

    auto *languageBox = new QGroupBox(tr("Language"), this);
    auto *languageForm = new QFormLayout(languageBox);
    m_language = new QComboBox(languageBox);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("As the system (%1)").arg(QLocale().nativeLanguageName()), QString());
    for (const QString &language : shippedLanguages())
        m_language->addItem(QLocale(language).nativeLanguageName(), language);
    languageForm->addRow(tr("&Language:"), m_language);
    auto *languageApplies = new QLabel(tr("Applies when the tray starts again."), languageBox);
    languageApplies->setWordWrap(true);
    languageForm->addRow(languageApplies);
    layout->addWidget(languageBox);

    auto *notifyBox = new QGroupBox(tr("Notifications"), this);
    auto *notifyForm = new QFormLayout(notifyBox);
    m_notifications = new QCheckBox(tr("Show &desktop notifications"), notifyBox);
    m_mute = new QComboBox(notifyBox);
    m_mute->addItems({ tr("As it is"), tr("Mute for 1 hour"), tr("Mute for 4 hours"),
                       tr("Mute until tomorrow"), tr("Unmute") });
    m_mute->setAccessibleName(tr("Mute"));
    m_muteState = new QLabel(notifyBox);
    notifyForm->addRow(m_notifications);
    notifyForm->addRow(tr("&Mute:"), m_mute);
    notifyForm->addRow(m_muteState);
    layout->addWidget(notifyBox);
    m_channels = new ChannelsSection(this);
    layout->addWidget(m_channels);

    auto *agentBox = new QGroupBox(tr("Agents on this device"), this);
    auto *agentLayout = new QVBoxLayout(agentBox);
    m_runWorker = new QCheckBox(
        tr("&Run agent watchers pinned to this device while the tray is up"), agentBox);
    m_workerState = new QLabel(agentBox);
    m_workerState->setWordWrap(true);
    m_profileList = new QListWidget(agentBox);
    m_profileList->setAccessibleName(tr("Agent profiles"));
    auto *profileButtons = new QHBoxLayout;
    auto *addClaude = new QPushButton(tr("Add &claude"), agentBox);
    auto *addCodex = new QPushButton(tr("Add c&odex"), agentBox);
    auto *addCustom = new QPushButton(tr("Add c&ustom…"), agentBox);
    auto *edit = new QPushButton(tr("&Edit…"), agentBox);
    auto *remove = new QPushButton(tr("&Remove"), agentBox);
    connect(addClaude, &QPushButton::clicked, this,
            [this]() { setProfile(*client::AgentProfile::builtIn(QStringLiteral("claude"))); });
    connect(addCodex, &QPushButton::clicked, this,
            [this]() { setProfile(*client::AgentProfile::builtIn(QStringLiteral("codex"))); });
    connect(addCustom, &QPushButton::clicked, this, [this]() { editProfile({}); });
    connect(edit, &QPushButton::clicked, this, [this]() {
        if (m_profileList->currentItem())
            editProfile(m_profileList->currentItem()->data(Qt::UserRole).toString());
    });
    connect(remove, &QPushButton::clicked, this, [this]() {
        if (m_profileList->currentItem())
            removeProfile(m_profileList->currentItem()->data(Qt::UserRole).toString());
    });
    for (QPushButton *button : { addClaude, addCodex, addCustom, edit, remove })
        profileButtons->addWidget(button);
    profileButtons->addStretch();
    agentLayout->addWidget(m_runWorker);
    agentLayout->addWidget(m_workerState);
    agentLayout->addWidget(m_profileList);
    agentLayout->addLayout(profileButtons);
    layout->addWidget(agentBox);
    layout->addStretch();
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    auto *saveButton = new QPushButton(tr("&Save settings"), this);
    connect(saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(saveButton);
    outer->addLayout(saveRow);

    showSettings(TraySettings::load(m_dataDir));
    const auto worker = client::WorkerSettings::load(m_workerSettingsPath);
    if (worker)
        m_profiles = worker.value().profiles;
    refreshProfiles();
}

void SettingsPage::setSession(Session *session)
{
    followSession(session);
    m_channels->setSession(session);
    reload();
}

void SettingsPage::reload()
{
    m_workerState->clear();
    if (!m_session)
        return;
    m_channels->reload();
    // Whether this device's worker is seen by the runtime (online) or not.
    m_session->send(
        client::api::workers(), this,
        [this](const client::Answer<client::Page<client::DeviceWorker>> &answer) {
            if (!answer.ok())
                return;
            const auto settings = client::WorkerSettings::load(m_workerSettingsPath);
            const QString ownId = settings ? settings.value().workerId : QString();
            QStringList lines;
            for (const client::DeviceWorker &worker : answer.value->items) {
                QString line =
                    tr("Worker \"%1\" (%2): %3")
                        .arg(worker.name, worker.agentKinds.join(QStringLiteral(", ")),
                             worker.online
                                 ? tr("online")
                                 : tr("offline: its pinned runs will fail with no_worker"));
                if (worker.id == ownId)
                    line += u' ' + tr("(this device)");
                lines << line;
            }
            m_workerState->setText(lines.isEmpty() ? tr("No device worker is registered.")
                                                   : lines.join(u'\n'));
        });
}

void SettingsPage::showSettings(const TraySettings &settings)
{
    m_loaded = settings;
    m_port->setValue(settings.port);
    m_defaultDataDir->setText(QSettings().value(QStringLiteral("data_dir"), m_dataDir).toString());
    m_language->setCurrentIndex(qMax(0, m_language->findData(chosenLanguage())));
    m_startWithTray->setChecked(settings.startRuntimeWithTray);
    m_startAtLogin->setChecked(autostart::isEnabled());
    m_keepRunning->setChecked(settings.keepRuntimeOnQuit);
    m_notifications->setChecked(settings.notificationsEnabled);
    m_insecureKeyFile->setChecked(settings.insecureKeyFile);
    m_keyFileWarning->setVisible(settings.insecureKeyFile);
    m_retentionDays->setValue(settings.runRetentionDays);
    m_keepRuns->setValue(settings.keepRunsPerWatcher);
    m_webhooksListen->setText(settings.webhooksListen);
    m_runWorker->setChecked(settings.runWorker);
    m_mute->setCurrentIndex(Unchanged);
    updateMuteLabel();
}

void SettingsPage::updateMuteLabel()
{
    m_muteState->setText(m_loaded.muted() ? tr("Muted until %1.")
                                                .arg(m_loaded.mutedUntil.toLocalTime().toString(
                                                    QStringLiteral("yyyy-MM-dd HH:mm")))
                                          : QString());
}

TraySettings SettingsPage::settings() const
{
    TraySettings settings = m_loaded;
    settings.port = quint16(m_port->value());
    settings.startRuntimeWithTray = m_startWithTray->isChecked();
    settings.keepRuntimeOnQuit = m_keepRunning->isChecked();
    settings.notificationsEnabled = m_notifications->isChecked();
    settings.insecureKeyFile = m_insecureKeyFile->isChecked();
    settings.runRetentionDays = m_retentionDays->value();
    settings.keepRunsPerWatcher = m_keepRuns->value();
    settings.webhooksListen = m_webhooksListen->text().trimmed();
    settings.runWorker = m_runWorker->isChecked();
    const QDateTime now = QDateTime::currentDateTime();
    switch (m_mute->currentIndex()) {
    case OneHour:
        settings.mutedUntil = now.addSecs(3600).toUTC();
        break;
    case FourHours:
        settings.mutedUntil = now.addSecs(4 * 3600).toUTC();
        break;
    case UntilTomorrow:
        settings.mutedUntil = QDateTime(now.date().addDays(1), QTime(0, 0)).toUTC();
        break;
    case Unmute:
        settings.mutedUntil = {};
        break;
    default:
        break;
    }
    return settings;
}

void SettingsPage::refreshProfiles()
{
    m_profileList->clear();
    for (const client::AgentProfile &profile : std::as_const(m_profiles)) {
        auto *item =
            new QListWidgetItem(QStringLiteral("%1 — %2 %3")
                                    .arg(profile.name, profile.program, profile.args.join(u' ')),
                                m_profileList);
        item->setData(Qt::UserRole, profile.name);
        if (!profile.resolvedProgram())
            item->setToolTip(tr("%1 is not installed on this device").arg(profile.program));
    }
}

void SettingsPage::setProfile(const client::AgentProfile &profile)
{
    removeProfile(profile.name);
    m_profiles.append(profile);
    refreshProfiles();
}

void SettingsPage::removeProfile(const QString &name)
{
    m_profiles.erase(std::remove_if(m_profiles.begin(), m_profiles.end(),
                                    [&](const client::AgentProfile &p) { return p.name == name; }),
                     m_profiles.end());
    refreshProfiles();
}

void SettingsPage::editProfile(const QString &name)
{
    client::AgentProfile current;
    current.name = QStringLiteral("my-agent");
    current.program = QStringLiteral("my-agent");
    current.args = { QStringLiteral("{prompt}") };
    for (const client::AgentProfile &profile : std::as_const(m_profiles)) {
        if (profile.name == name)
            current = profile;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Agent profile"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *fields =
        new QLabel(tr("{\"name\", \"program\", \"args\" (with \"{prompt}\", or none to pass the "
                      "prompt on stdin), \"env\", \"workdir\", \"output_format\", "
                      "\"schema_args\" (with \"{schema}\" or \"{schema_file}\"), \"mcp_args\" "
                      "(with \"{mcp_config}\": the run's own MCP server)}"),
                   &dialog);
    fields->setWordWrap(true);
    layout->addWidget(fields);
    auto *editor = new CodeEditor(&dialog);
    editor->setAccessibleName(tr("Profile JSON"));
    editor->setPlainText(
        QString::fromUtf8(QJsonDocument(current.toJson()).toJson(QJsonDocument::Indented)));
    auto *error = new QLabel(&dialog);
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&]() {
        const QJsonDocument json = QJsonDocument::fromJson(editor->toPlainText().toUtf8());
        const auto profile = client::AgentProfile::fromJson(json.object());
        if (!json.isObject() || !profile) {
            error->setText(json.isObject() ? profile.error() : tr("Not a JSON object."));
            return;
        }
        if (!name.isEmpty() && profile.value().name != name)
            removeProfile(name);
        setProfile(profile.value());
        dialog.accept();
    });
    layout->addWidget(editor);
    layout->addWidget(error);
    layout->addWidget(buttons);
    dialog.resize(520, 360);
    dialog.exec();
}

bool SettingsPage::save()
{
    TraySettings updated = settings();
    QStringList problems;
    updated.save(m_dataDir);
    QSettings().setValue(QStringLiteral("data_dir"), m_defaultDataDir->text().trimmed());
    setChosenLanguage(m_language->currentData().toString());
    QString autostartError;
    if (m_startAtLogin->isChecked() != autostart::isEnabled() &&
        !autostart::setEnabled(m_startAtLogin->isChecked(), &autostartError))
        problems << tr("start at login: %1").arg(autostartError);
    auto worker = client::WorkerSettings::load(m_workerSettingsPath);
    if (!worker) {
        problems << worker.error();
    } else {
        worker.value().profiles = m_profiles;
        const auto written = worker.value().save(m_workerSettingsPath);
        if (!written)
            problems << written.error();
    }
    m_loaded = updated;
    m_mute->setCurrentIndex(Unchanged);
    updateMuteLabel();
    emit message(problems.isEmpty()
                     ? tr("Settings saved.")
                     : tr("Settings saved, except %1").arg(problems.join(QStringLiteral("; "))));
    emit saved(updated);
    return problems.isEmpty();
}

} // namespace hearth::ui
