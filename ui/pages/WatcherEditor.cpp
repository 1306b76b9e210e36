#include "WatcherEditor.h"

#include "Session.h"
#include "client/Format.h"
#include "core/JsonText.h"
#include "model/ScriptTypes.h"
#include "widgets/CodeEditor.h"
#include "widgets/LuaHighlighter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
// The last one is not a schedule: another watcher's runs start this one.
enum ScheduleKind { Every, Cron, Once, After, Folder, Webhook };
constexpr int UnitSeconds[] = { 1, 60, 3600, 86400 };

// A choice of one of an enum's values (the item's data is the value).
template<typename Enum>
QComboBox *choices(const QList<std::pair<Enum, QString>> &items, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const auto &[value, label] : items)
        box->addItem(label, int(value));
    return box;
}

template<typename Enum> void select(QComboBox *box, Enum value)
{
    const int index = box->findData(int(value));
    if (index >= 0)
        box->setCurrentIndex(index);
}

template<typename Enum> Enum chosen(const QComboBox *box)
{
    return Enum(box->currentData().toInt());
}

QSpinBox *spin(int minimum, int maximum, int value, const QString &suffix, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}
} // namespace

WatcherEditor::WatcherEditor(Session &session, const std::optional<client::Watcher> &watcher,
                             QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_id(watcher ? watcher->id : QString())
{
    if (watcher)
        m_original = watcher->spec;
    setWindowTitle(m_id.isEmpty() ? tr("New watcher") : tr("Edit watcher"));
    buildForm();
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(300);
    connect(&m_previewTimer, &QTimer::timeout, this, &WatcherEditor::requestPreview);
    if (watcher) {
        load(watcher->spec);
        // Approving decides whether a change made over MCP runs, not this box.
        if (watcher->awaitsApproval()) {
            m_enabled->setEnabled(false);
            m_enabled->setToolTip(tr("Awaiting approval: review the change on the Watchers page "
                                     "to approve or reject it"));
        }
    }
    kindChanged();
    loadWorkers();
    requestPreview();
}

void WatcherEditor::buildForm()
{
    auto *outer = new QVBoxLayout(this);
    // The form scrolls on a short screen; the error line and the buttons
    // below it stay in view.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Tab goes from field to field, and the area scrolls to each
    // (QScrollArea::focusNextPrevChild); the area itself is no stop.
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *general = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_kind = new QComboBox(this);
    // The kind's name as the data: what a watcher's kind is called everywhere.
    m_kind->addItem(tr("Lua script"), scheduler::watcherKindName(scheduler::WatcherKind::Lua));
    m_kind->addItem(tr("Agent prompt"), scheduler::watcherKindName(scheduler::WatcherKind::Agent));
    m_kind->setAccessibleName(tr("Kind"));
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setChecked(true);
    general->addRow(tr("&Name:"), m_name);
    general->addRow(tr("&Kind:"), m_kind);
    general->addRow(QString(), m_enabled);
    layout->addLayout(general);

    // Schedule with its preview.
    auto *scheduleBox = new QGroupBox(tr("Schedule"), this);
    auto *scheduleLayout = new QHBoxLayout(scheduleBox);
    auto *scheduleForm = new QFormLayout;
    m_scheduleKind = new QComboBox(scheduleBox);
    m_scheduleKind->addItems({ tr("Interval"), tr("Cron"), tr("Once"), tr("After another watcher"),
                               tr("When files change in a folder"), tr("When a webhook arrives") });
    m_scheduleKind->setAccessibleName(tr("Schedule kind"));
    m_scheduleFields = new QStackedWidget(scheduleBox);
    auto *everyRow = new QWidget(m_scheduleFields);
    auto *everyLayout = new QHBoxLayout(everyRow);
    everyLayout->setContentsMargins(0, 0, 0, 0);
    m_every = spin(1, 31622400, 5, {}, everyRow);
    m_every->setAccessibleName(tr("Interval"));
    m_everyUnit = new QComboBox(everyRow);
    m_everyUnit->addItems({ tr("seconds"), tr("minutes"), tr("hours"), tr("days") });
    m_everyUnit->setCurrentIndex(1);
    m_everyUnit->setAccessibleName(tr("Interval unit"));
    everyLayout->addWidget(m_every);
    everyLayout->addWidget(m_everyUnit);
    auto *cronRow = new QWidget(m_scheduleFields);
    auto *cronLayout = new QHBoxLayout(cronRow);
    cronLayout->setContentsMargins(0, 0, 0, 0);
    m_cron = new QLineEdit(QStringLiteral("*/5 * * * *"), cronRow);
    m_cron->setAccessibleName(tr("Cron expression"));
    m_timeZone = new QComboBox(cronRow);
    m_timeZone->setEditable(true);
    m_timeZone->setAccessibleName(tr("Time zone"));
    m_timeZone->addItem(QString());
    for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromLatin1(zone));
    m_timeZone->setCurrentText(QString::fromLatin1(QTimeZone::systemTimeZoneId()));
    cronLayout->addWidget(m_cron, 2);
    cronLayout->addWidget(m_timeZone, 1);
    m_at = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), m_scheduleFields);
    m_at->setCalendarPopup(true);
    m_at->setAccessibleName(tr("Run once at"));
    auto *afterRow = new QWidget(m_scheduleFields);
    auto *afterLayout = new QHBoxLayout(afterRow);
    afterLayout->setContentsMargins(0, 0, 0, 0);
    m_after = new QComboBox(afterRow);
    m_after->setObjectName(QStringLiteral("after"));
    m_after->setAccessibleName(tr("Watcher it starts after"));
    for (const client::Watcher &other : m_session.watchers().records()) {
        if (other.id != m_id)
            m_after->addItem(other.spec.name);
    }
    m_afterWhen = new QComboBox(afterRow);
    m_afterWhen->setAccessibleName(tr("When that watcher"));
    using scheduler::ChainCondition;
    m_afterWhen->addItem(tr("succeeds"), scheduler::chainConditionName(ChainCondition::Succeeded));
    m_afterWhen->addItem(tr("finds a change"),
                         scheduler::chainConditionName(ChainCondition::Changed));
    m_afterWhen->addItem(tr("fails"), scheduler::chainConditionName(ChainCondition::Failed));
    m_afterWhen->addItem(tr("notifies"), scheduler::chainConditionName(ChainCondition::Notified));
    afterLayout->addWidget(m_after, 2);
    afterLayout->addWidget(m_afterWhen, 1);
    m_scheduleFields->addWidget(everyRow);
    m_scheduleFields->addWidget(cronRow);
    m_scheduleFields->addWidget(m_at);
    auto *folderRow = new QWidget(m_scheduleFields);
    auto *folderLayout = new QGridLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    m_folder = new QLineEdit(folderRow);
    m_folder->setObjectName(QStringLiteral("folder"));
    m_folder->setAccessibleName(tr("Folder to watch"));
    m_folder->setPlaceholderText(tr("Folder, such as ~/Downloads"));
    auto *browse = new QPushButton(tr("Choose…"), folderRow);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString chosen = QFileDialog::getExistingDirectory(
            this, tr("Folder to watch"),
            m_folder->text().isEmpty() ? QDir::homePath() : m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(chosen);
    });
    m_folderRecursive = new QCheckBox(tr("and the folders under it"), folderRow);
    m_folderGlob = new QLineEdit(folderRow);
    m_folderGlob->setAccessibleName(tr("Only files matching"));
    m_folderGlob->setPlaceholderText(tr("All files, or a pattern such as *.pdf"));
    folderLayout->addWidget(m_folder, 0, 0);
    folderLayout->addWidget(browse, 0, 1);
    folderLayout->addWidget(m_folderRecursive, 1, 0, 1, 2);
    folderLayout->addWidget(m_folderGlob, 2, 0, 1, 2);
    auto *webhookRow = new QWidget(m_scheduleFields);
    auto *webhookLayout = new QVBoxLayout(webhookRow);
    webhookLayout->setContentsMargins(0, 0, 0, 0);
    m_webhookVerify = new QComboBox(webhookRow);
    m_webhookVerify->setAccessibleName(tr("Webhook signature"));
    using scheduler::WebhookVerification;
    m_webhookVerify->addItem(tr("Signed (Standard Webhooks)"),
                             scheduler::webhookVerificationName(WebhookVerification::Standard));
    m_webhookVerify->addItem(tr("Signed (GitHub)"),
                             scheduler::webhookVerificationName(WebhookVerification::GitHub));
    m_webhookVerify->addItem(tr("Unsigned: anyone with the URL"),
                             scheduler::webhookVerificationName(WebhookVerification::None));
    m_webhookPath =
        new QLabel(tr("Its URL and signing secret are made when it is saved."), webhookRow);
    m_webhookPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_webhookPath->setWordWrap(true);
    webhookLayout->addWidget(m_webhookVerify);
    webhookLayout->addWidget(m_webhookPath);
    m_scheduleFields->addWidget(afterRow);
    m_scheduleFields->addWidget(folderRow);
    m_scheduleFields->addWidget(webhookRow);
    scheduleForm->addRow(tr("&Repeat:"), m_scheduleKind);
    scheduleForm->addRow(QString(), m_scheduleFields);
    m_preview = new QListWidget(scheduleBox);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setAccessibleName(tr("Next 5 runs"));
    m_preview->setMaximumHeight(110);
    auto *previewColumn = new QVBoxLayout;
    previewColumn->addWidget(new QLabel(tr("Next 5 runs:"), scheduleBox));
    previewColumn->addWidget(m_preview);
    scheduleLayout->addLayout(scheduleForm, 3);
    scheduleLayout->addLayout(previewColumn, 2);
    layout->addWidget(scheduleBox);

    // Body: script with test run, or prompt with agent and worker.
    m_body = new QStackedWidget(this);
    auto *luaPage = new QSplitter(Qt::Vertical, m_body);
    m_script = new CodeEditor(luaPage);
    m_script->setObjectName(QStringLiteral("script"));
    m_script->setAccessibleName(tr("Lua script"));
    m_script->setPlainText(
        QStringLiteral("-- ctx.event holds what triggered the run\nreturn true\n"));
    new LuaHighlighter(m_script->document());
    auto *testPane = new QWidget(luaPage);
    auto *testLayout = new QVBoxLayout(testPane);
    testLayout->setContentsMargins(0, 0, 0, 0);
    auto *testRow = new QHBoxLayout;
    m_testEvent = new QLineEdit(testPane);
    m_testEvent->setPlaceholderText(tr("Event JSON for the test run, e.g. {\"price\": 12.5}"));
    m_testEvent->setAccessibleName(tr("Test event"));
    auto *testButton = new QPushButton(tr("&Test run"), testPane);
    connect(testButton, &QPushButton::clicked, this, &WatcherEditor::testRun);
    testRow->addWidget(m_testEvent);
    testRow->addWidget(testButton);
    m_testResult = new QPlainTextEdit(testPane);
    m_testResult->setReadOnly(true);
    m_testResult->setAccessibleName(tr("Test run result"));
    m_testResult->setPlaceholderText(tr("Result, logs and resource use of a test run"));
    testLayout->addLayout(testRow);
    testLayout->addWidget(m_testResult);
    luaPage->addWidget(m_script);
    luaPage->addWidget(testPane);
    luaPage->setStretchFactor(0, 3);
    luaPage->setStretchFactor(1, 1);

    auto *agentPage = new QWidget(m_body);
    auto *agentForm = new QFormLayout(agentPage);
    m_prompt = new CodeEditor(agentPage);
    m_prompt->setObjectName(QStringLiteral("prompt"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_agentKind = new QComboBox(agentPage);
    m_agentKind->setEditable(true);
    m_agentKind->addItems({ QStringLiteral("claude"), QStringLiteral("codex") });
    m_agentKind->setAccessibleName(tr("Agent profile"));
    m_worker = new QComboBox(agentPage);
    m_worker->setAccessibleName(tr("Device worker"));
    m_worker->addItem(tr("The only worker that runs this agent"), QString());
    m_workdir = new QLineEdit(agentPage);
    m_workdir->setPlaceholderText(tr("Absolute folder (default: the profile's)"));
    m_workdir->setAccessibleName(tr("Working folder"));
    agentForm->addRow(tr("&Prompt:"), m_prompt);
    agentForm->addRow(tr("A&gent:"), m_agentKind);
    agentForm->addRow(tr("&Worker:"), m_worker);
    m_resultSchema = new CodeEditor(agentPage);
    m_resultSchema->setObjectName(QStringLiteral("resultSchema"));
    m_resultSchema->setAccessibleName(tr("Result schema"));
    m_resultSchema->setPlaceholderText(
        tr("Optional: a JSON Schema the agent's result must match, e.g. {\"type\": \"object\", "
           "\"required\": [\"notify\"]}"));
    m_resultSchema->setMaximumHeight(m_resultSchema->fontMetrics().lineSpacing() * 6);
    agentForm->addRow(tr("&Folder:"), m_workdir);
    agentForm->addRow(tr("Result sc&hema:"), m_resultSchema);
    m_body->addWidget(luaPage);
    m_body->addWidget(agentPage);
    layout->addWidget(m_body, 1);

    // Limits and policies.
    auto *policyBox = new QGroupBox(tr("Limits and policies"), this);
    auto *policies = new QFormLayout(policyBox);
    // A new watcher starts from the runtime's defaults.
    const lua::Limits defaults;
    m_timeout = spin(1, 86400, int(defaults.timeoutMs / 1000), tr(" s"), policyBox);
    m_instructions =
        spin(1, 1000, int(defaults.instructions / 1'000'000), tr(" million"), policyBox);
    m_memory = spin(1, 512, int(defaults.memoryBytes >> 20), tr(" MiB"), policyBox);
    m_maxAttempts = spin(1, 20, 3, {}, policyBox);
    m_backoffBase = spin(0, 86400, 30, tr(" s"), policyBox);
    m_backoffMax = spin(0, 86400 * 7, 3600, tr(" s"), policyBox);
    using scheduler::CatchUp;
    using scheduler::Concurrency;
    using scheduler::NotifyPolicy;
    m_concurrency = choices<Concurrency>({ { Concurrency::Forbid, tr("skip the new run") },
                                           { Concurrency::Queue, tr("queue it") },
                                           { Concurrency::Replace, tr("cancel the running one") } },
                                         policyBox);
    m_catchUp = choices<CatchUp>({ { CatchUp::Once, tr("run once") },
                                   { CatchUp::All, tr("run each (latest 10)") },
                                   { CatchUp::Skip, tr("skip them") } },
                                 policyBox);
    m_notify = choices<NotifyPolicy>({ { NotifyPolicy::OnFailure, tr("when a run fails for good") },
                                       { NotifyPolicy::Always, tr("after every run") },
                                       { NotifyPolicy::OnChange, tr("when the result changes") },
                                       { NotifyPolicy::Never, tr("never") } },
                                     policyBox);
    policies->addRow(tr("T&imeout:"), m_timeout);
    policies->addRow(tr("Instr&uctions:"), m_instructions);
    policies->addRow(tr("&Memory:"), m_memory);
    policies->addRow(tr("&Attempts:"), m_maxAttempts);
    policies->addRow(tr("&Backoff base:"), m_backoffBase);
    policies->addRow(tr("Backoff ma&x:"), m_backoffMax);
    policies->addRow(tr("If still running:"), m_concurrency);
    policies->addRow(tr("Missed runs:"), m_catchUp);
    policies->addRow(tr("N&otify:"), m_notify);
    // A new watcher starts from the runtime's defaults here too.
    const scheduler::WatcherSpec defaultSpec;
    m_notifyInterval =
        spin(0, 7 * 86400, int(defaultSpec.notifyMinIntervalSeconds), tr(" s"), policyBox);
    m_notifyInterval->setSpecialValueText(tr("none"));
    m_notifyInterval->setAccessibleName(tr("Notification cooldown"));
    m_notifyBudget = spin(0, 1000, defaultSpec.notifyDailyBudget, {}, policyBox);
    m_notifyBudget->setAccessibleName(tr("Notifications per day"));
    m_escalationBudget = spin(0, scheduler::LuaTask::MaxEscalationsPerDay,
                              scheduler::LuaTask::DefaultEscalationsPerDay, {}, policyBox);
    m_escalationBudget->setAccessibleName(tr("Escalations per day"));
    m_escalationBudget->setToolTip(
        tr("How many times a day the script may hand a finding to an agent (agent.escalate)"));
    policies->addRow(tr("Notification cooldown:"), m_notifyInterval);
    policies->addRow(tr("Notifications per day:"), m_notifyBudget);
    policies->addRow(tr("Escalations per day:"), m_escalationBudget);
    // The lowest value of each means "as hearthd keeps them" (Settings).
    using scheduler::HistoryLimits;
    m_keepRuns = spin(HistoryLimits::MinKeepRuns - 1, HistoryLimits::MaxKeepRuns,
                      HistoryLimits::MinKeepRuns - 1, tr(" runs"), policyBox);
    m_keepRuns->setSpecialValueText(tr("as in Settings"));
    m_keepRuns->setSingleStep(100);
    m_keepRuns->setAccessibleName(tr("Runs kept"));
    m_keepDays = spin(HistoryLimits::MinKeepDays - 1, HistoryLimits::MaxKeepDays,
                      HistoryLimits::MinKeepDays - 1, tr(" days"), policyBox);
    m_keepDays->setSpecialValueText(tr("as in Settings"));
    m_keepDays->setAccessibleName(tr("Days runs are kept"));
    policies->addRow(tr("Keep runs:"), m_keepRuns);
    policies->addRow(tr("Keep runs for:"), m_keepDays);
    layout->addWidget(policyBox);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    outer->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &WatcherEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &WatcherEditor::kindChanged);
    connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_scheduleFields->setCurrentIndex(index);
        m_previewTimer.start();
    });
    const auto schedule = [this]() {
        m_previewTimer.start();
    };
    connect(m_every, &QSpinBox::valueChanged, this, schedule);
    connect(m_everyUnit, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_cron, &QLineEdit::textChanged, this, schedule);
    connect(m_timeZone, &QComboBox::currentTextChanged, this, schedule);
    connect(m_at, &QDateTimeEdit::dateTimeChanged, this, schedule);
    connect(m_after, &QComboBox::currentTextChanged, this, schedule);
    connect(m_afterWhen, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_folder, &QLineEdit::textChanged, this, schedule);
    connect(m_folderRecursive, &QCheckBox::toggled, this, schedule);
    connect(m_folderGlob, &QLineEdit::textChanged, this, schedule);
    connect(m_webhookVerify, &QComboBox::currentIndexChanged, this, schedule);
    // As tall as the form wants, but never past the screen's edge (a
    // 1280×800 laptop): the form scrolls, the buttons stay in view.
    const QScreen *screen =
        parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen->availableGeometry();
    const int frame = 48; // the window manager's title bar and borders
    resize(qMin(760, available.width() - frame), qMin(820, available.height() - frame));
}

void WatcherEditor::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Centred on its window, it may hang over the screen's edge: moved in.
    const QRect available = screen()->availableGeometry();
    const QRect frame = frameGeometry();
    const QPoint inside(qBound(available.left(), frame.left(),
                               qMax(available.left(), available.right() + 1 - frame.width())),
                        qBound(available.top(), frame.top(),
                               qMax(available.top(), available.bottom() + 1 - frame.height())));
    if (inside != frame.topLeft())
        move(pos() + (inside - frame.topLeft()));
}

bool WatcherEditor::isAgent() const
{
    return m_kind->currentData().toString() ==
        scheduler::watcherKindName(scheduler::WatcherKind::Agent);
}

void WatcherEditor::kindChanged()
{
    const bool agent = isAgent();
    m_body->setCurrentIndex(agent ? 1 : 0);
    m_instructions->setEnabled(!agent);
    m_memory->setEnabled(!agent);
    m_escalationBudget->setEnabled(!agent);
    if (m_id.isEmpty())
        m_timeout->setValue(agent ? 600 : 30);
}

void WatcherEditor::load(const scheduler::WatcherSpec &watcher)
{
    using Kind = scheduler::Schedule::Kind;
    m_name->setText(watcher.name);
    m_kind->setCurrentIndex(m_kind->findData(scheduler::watcherKindName(watcher.kind())));
    m_enabled->setChecked(watcher.enabled);
    if (const scheduler::ChainTrigger *chain = watcher.chain()) {
        if (m_after->findText(chain->after) < 0)
            m_after->addItem(chain->after);
        m_after->setCurrentText(chain->after);
        m_afterWhen->setCurrentIndex(
            m_afterWhen->findData(scheduler::chainConditionName(chain->when)));
        m_scheduleKind->setCurrentIndex(After);
    }
    if (const scheduler::FolderTrigger *folder = watcher.folder()) {
        m_folder->setText(folder->path);
        m_folderRecursive->setChecked(folder->recursive);
        m_folderGlob->setText(folder->glob);
        m_scheduleKind->setCurrentIndex(Folder);
    }
    if (const scheduler::WebhookTrigger *webhook = watcher.webhook()) {
        m_webhookVerify->setCurrentIndex(
            m_webhookVerify->findData(scheduler::webhookVerificationName(webhook->verify)));
        m_webhookPath->setText(
            tr("Deliveries go to %1 on the webhook listener (Settings); the signing secret is "
               "the secret %2.")
                .arg(webhook->path(), scheduler::WebhookTrigger::secretName(m_id.toLongLong())));
        m_scheduleKind->setCurrentIndex(Webhook);
    }
    if (watcher.schedule) {
        const scheduler::Schedule &schedule = *watcher.schedule;
        if (schedule.kind() == Kind::Interval) {
            const qint64 seconds = schedule.everySeconds();
            int unit = 3;
            while (unit > 0 && seconds % UnitSeconds[unit] != 0)
                --unit;
            m_everyUnit->setCurrentIndex(unit);
            m_every->setValue(int(seconds / UnitSeconds[unit]));
            m_scheduleKind->setCurrentIndex(Every);
        } else if (schedule.kind() == Kind::Cron) {
            m_cron->setText(schedule.cronText());
            m_timeZone->setCurrentText(schedule.timeZoneId());
            m_scheduleKind->setCurrentIndex(Cron);
        } else {
            m_at->setDateTime(schedule.at().toLocalTime());
            m_scheduleKind->setCurrentIndex(Once);
        }
    }
    if (const scheduler::LuaTask *lua = watcher.lua()) {
        m_script->setPlainText(lua->script);
        m_instructions->setValue(int(qMax<qint64>(1, lua->limits.instructions / 1000000)));
        m_memory->setValue(int(qMax<qint64>(1, lua->limits.memoryBytes >> 20)));
        m_escalationBudget->setValue(lua->escalationsPerDay);
    }
    if (const scheduler::AgentTask *agent = watcher.agent()) {
        m_prompt->setPlainText(agent->prompt);
        m_agentKind->setCurrentText(agent->agentKind);
        m_workdir->setText(agent->workdir);
        m_resultSchema->setPlainText(
            agent->resultSchema.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(agent->resultSchema).toJson()));
    }
    m_timeout->setValue(int(watcher.timeoutMs() / 1000));
    m_maxAttempts->setValue(watcher.maxAttempts);
    m_backoffBase->setValue(int(watcher.backoffBaseSeconds));
    m_backoffMax->setValue(int(watcher.backoffMaxSeconds));
    select(m_concurrency, watcher.concurrency);
    select(m_catchUp, watcher.catchUp);
    select(m_notify, watcher.notifyPolicy);
    m_notifyInterval->setValue(int(watcher.notifyMinIntervalSeconds));
    m_notifyBudget->setValue(watcher.notifyDailyBudget);
    m_keepRuns->setValue(watcher.history.keepRuns.value_or(m_keepRuns->minimum()));
    m_keepDays->setValue(watcher.history.keepDays.value_or(m_keepDays->minimum()));
}

void WatcherEditor::loadWorkers()
{
    const scheduler::AgentTask *agent = m_original ? m_original->agent() : nullptr;
    const QString pinned =
        agent && agent->deviceWorkerId ? QString::number(*agent->deviceWorkerId) : QString();
    m_session.send(
        client::api::workers(), this,
        [this, pinned](const client::Answer<client::Page<client::DeviceWorker>> &answer) {
            if (!answer.ok())
                return;
            for (const client::DeviceWorker &worker : answer.value->items)
                m_worker->addItem(worker.name, worker.id);
            const int index = m_worker->findData(pinned);
            if (index >= 0)
                m_worker->setCurrentIndex(index);
        });
}

client::ScheduleForm WatcherEditor::scheduleForm() const
{
    client::ScheduleForm form;
    switch (m_scheduleKind->currentIndex()) {
    case Every:
        form.everySeconds = qint64(m_every->value()) * UnitSeconds[m_everyUnit->currentIndex()];
        break;
    case Cron:
        form.cron = m_cron->text().trimmed();
        if (!m_timeZone->currentText().trimmed().isEmpty())
            form.timeZone = m_timeZone->currentText().trimmed();
        break;
    default:
        form.at = m_at->dateTime().toUTC().toString(Qt::ISODateWithMs);
        break;
    }
    return form;
}

lua::Limits WatcherEditor::scriptLimits() const
{
    lua::Limits limits;
    limits.instructions = qint64(m_instructions->value()) * 1000000;
    limits.memoryBytes = qint64(m_memory->value()) << 20;
    limits.timeoutMs = qint64(m_timeout->value()) * 1000;
    return limits;
}

client::WatcherChanges WatcherEditor::changes() const
{
    // The form's watcher is the stored one (fields the form does not show,
    // such as the notification channels or an agent's secrets, kept) with the
    // form's fields over it; the runtime checks it, schedule included.
    scheduler::WatcherSpec spec = m_original.value_or(scheduler::WatcherSpec {});
    spec.name = m_name->text().trimmed();
    spec.enabled = m_enabled->isChecked();
    spec.maxAttempts = m_maxAttempts->value();
    spec.backoffBaseSeconds = m_backoffBase->value();
    spec.backoffMaxSeconds = m_backoffMax->value();
    spec.concurrency = chosen<scheduler::Concurrency>(m_concurrency);
    spec.catchUp = chosen<scheduler::CatchUp>(m_catchUp);
    spec.notifyPolicy = chosen<scheduler::NotifyPolicy>(m_notify);
    spec.notifyMinIntervalSeconds = m_notifyInterval->value();
    spec.notifyDailyBudget = m_notifyBudget->value();
    const auto ownOrNone = [](const QSpinBox *box) {
        return box->value() == box->minimum() ? std::nullopt : std::optional<int>(box->value());
    };
    // Snapshot limits are kept as stored (the form does not show them).
    spec.history.keepRuns = ownOrNone(m_keepRuns);
    spec.history.keepDays = ownOrNone(m_keepDays);
    if (isAgent()) {
        scheduler::AgentTask agent;
        // Not in the form: kept as stored.
        if (const scheduler::AgentTask *stored = spec.agent())
            agent.envSecrets = stored->envSecrets;
        agent.resultSchema = resultSchemaObject();
        agent.prompt = m_prompt->toPlainText();
        agent.agentKind = m_agentKind->currentText().trimmed();
        if (!m_worker->currentData().toString().isEmpty())
            agent.deviceWorkerId = m_worker->currentData().toString().toLongLong();
        agent.workdir = m_workdir->text().trimmed();
        agent.timeoutMs = qint64(m_timeout->value()) * 1000;
        spec.task = agent;
    } else {
        scheduler::LuaTask script { m_script->toPlainText(), scriptLimits() };
        script.escalationsPerDay = m_escalationBudget->value();
        spec.task = script;
    }
    const int startsOn = m_scheduleKind->currentIndex();
    if (startsOn == After) {
        spec.schedule.reset();
        spec.trigger = scheduler::ChainTrigger {
            m_after->currentText(),
            scheduler::chainConditionFromName(m_afterWhen->currentData().toString())
                .value_or(scheduler::ChainCondition::Succeeded)
        };
    } else if (startsOn == Folder) {
        spec.schedule.reset();
        spec.trigger = folderTrigger();
    } else if (startsOn == Webhook) {
        spec.schedule.reset();
        // The token is hearthd's: the stored one is kept (none for a new one).
        const scheduler::WebhookTrigger *stored = m_original ? m_original->webhook() : nullptr;
        scheduler::WebhookTrigger webhook = stored ? *stored : scheduler::WebhookTrigger {};
        webhook.verify =
            scheduler::webhookVerificationFromName(m_webhookVerify->currentData().toString())
                .value_or(scheduler::WebhookVerification::Standard);
        spec.trigger = webhook;
    }
    client::WatcherChanges changes;
    changes.document = spec.toJson();
    // A schedule from the form replaces the trigger the stored watcher had.
    if (startsOn != After && startsOn != Folder && startsOn != Webhook)
        changes.schedule = scheduleForm();
    return changes;
}

scheduler::FolderTrigger WatcherEditor::folderTrigger() const
{
    // The settle time is not in the form: the stored one is kept.
    const scheduler::FolderTrigger *stored = m_original ? m_original->folder() : nullptr;
    scheduler::FolderTrigger trigger = stored ? *stored : scheduler::FolderTrigger {};
    trigger.path = m_folder->text().trimmed();
    trigger.recursive = m_folderRecursive->isChecked();
    trigger.glob = m_folderGlob->text().trimmed();
    return trigger;
}

void WatcherEditor::requestPreview()
{
    if (m_scheduleKind->currentIndex() == After) {
        m_preview->clear();
        m_preview->addItem(m_after->currentText().isEmpty()
                               ? tr("There is no other watcher to start after yet.")
                               : tr("Runs each time %1 %2.")
                                     .arg(m_after->currentText(), m_afterWhen->currentText()));
        emit previewUpdated();
        return;
    }
    if (m_scheduleKind->currentIndex() == Webhook) {
        m_preview->clear();
        scheduler::WatcherSpec hooked;
        scheduler::WebhookTrigger webhook;
        webhook.verify =
            scheduler::webhookVerificationFromName(m_webhookVerify->currentData().toString())
                .value_or(scheduler::WebhookVerification::Standard);
        hooked.trigger = webhook;
        m_preview->addItem(tr("Runs %1.").arg(client::format::startsWhen(hooked)));
        emit previewUpdated();
        return;
    }
    if (m_scheduleKind->currentIndex() == Folder) {
        m_preview->clear();
        scheduler::WatcherSpec watching;
        watching.trigger = folderTrigger();
        m_preview->addItem(m_folder->text().trimmed().isEmpty()
                               ? tr("Choose the folder to watch.")
                               : tr("Runs %1.").arg(client::format::startsWhen(watching)));
        emit previewUpdated();
        return;
    }
    m_session.send(client::api::previewSchedule({ scheduleForm(), {}, 5 }), this,
                   [this](const client::Answer<QList<client::FireTime>> &answer) {
                       m_preview->clear();
                       if (!answer.ok()) {
                           m_preview->addItem(answer.reply.errorMessage());
                       } else {
                           for (const client::FireTime &fire : *answer.value)
                               m_preview->addItem(
                                   client::format::localTime(client::Timestamp(fire.utc)));
                           if (answer.value->isEmpty())
                               m_preview->addItem(tr("no further runs"));
                       }
                       emit previewUpdated();
                   });
}

QStringList WatcherEditor::previewLines() const
{
    QStringList lines;
    for (int row = 0; row < m_preview->count(); ++row)
        lines.append(m_preview->item(row)->text());
    return lines;
}

QString WatcherEditor::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString WatcherEditor::testOutput() const
{
    return m_testResult->toPlainText();
}

void WatcherEditor::testRun()
{
    lua::Limits limits = scriptLimits();
    // A test waits at most five minutes, whatever the watcher's timeout.
    limits.timeoutMs = qMin<qint64>(300'000, limits.timeoutMs);
    QJsonObject event;
    const QString eventText = m_testEvent->text().trimmed();
    if (!eventText.isEmpty()) {
        const QJsonDocument parsed = QJsonDocument::fromJson(eventText.toUtf8());
        if (!parsed.isObject()) {
            m_testResult->setPlainText(tr("The test event must be a JSON object."));
            emit testRunFinished();
            return;
        }
        event = parsed.object();
    }
    m_testResult->setPlainText(tr("Running…"));
    m_session.send(
        // A test sends nothing: what it would notify is shown with the rest.
        client::api::runScript(m_script->toPlainText(), event, limits,
                               client::api::ScriptMode::Preview),
        this, [this](const client::Answer<client::ScriptRun> &answer) {
            if (!answer.ok()) {
                m_testResult->setPlainText(answer.reply.errorMessage());
                emit testRunFinished();
                return;
            }
            const client::ScriptRun &run = *answer.value;
            QStringList lines;
            lines << tr("Status: %1")
                         .arg(run.succeeded
                                  ? scheduler::runStatusName(scheduler::RunStatus::Succeeded)
                                  : scheduler::runStatusName(scheduler::RunStatus::Failed));
            if (run.error)
                lines << tr("Error: %1").arg(run.error->message);
            lines << tr("Result: %1")
                         .arg(client::format::prettyJson(jsonValueOrNull(run.resultJson)));
            lines << tr("Took %1, %2 instructions, peak memory %3 KiB")
                         .arg(client::format::duration(run.durationMs))
                         .arg(run.instructions.value_or(0))
                         .arg(run.peakMemory.value_or(0) / 1024);
            for (const client::DraftNotification &draft : run.notifications)
                lines << tr("Would notify: %1 — %2").arg(draft.title, draft.body);
            if (!run.logs.isEmpty())
                lines << tr("Logs:");
            for (const client::LogLine &line : run.logs)
                lines << QStringLiteral("  [%1] %2").arg(logLevelName(line.level), line.message);
            m_testResult->setPlainText(lines.join(u'\n'));
            emit testRunFinished();
        });
}

QJsonObject WatcherEditor::resultSchemaObject() const
{
    return QJsonDocument::fromJson(m_resultSchema->toPlainText().toUtf8()).object();
}

void WatcherEditor::save()
{
    // A schema that is not JSON would be saved as none: say so instead.
    if (isAgent() && !m_resultSchema->toPlainText().trimmed().isEmpty()) {
        QJsonParseError error {};
        const QJsonDocument schema =
            QJsonDocument::fromJson(m_resultSchema->toPlainText().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !schema.isObject()) {
            m_error->setText(tr("Result schema: not a JSON object (%1)")
                                 .arg(error.error != QJsonParseError::NoError
                                          ? error.errorString()
                                          : tr("another JSON value")));
            m_error->show();
            return;
        }
    }
    const bool creating = m_id.isEmpty();
    const client::WatcherChanges form = changes();
    m_session.send(creating ? client::api::createWatcher(form)
                            : client::api::updateWatcher(m_id, form),
                   this, [this](const client::Answer<client::Watcher> &answer) {
                       if (!answer.ok()) {
                           m_error->setText(answer.reply.errorMessage());
                           m_error->show();
                           return;
                       }
                       m_error->hide();
                       emit saved(*answer.value);
                       accept();
                   });
}

} // namespace hearth::ui
