#include "WatcherEditor.h"

#include "Session.h"
#include "client/Format.h"
#include "models/JsonTableModel.h"
#include "widgets/CodeEditor.h"
#include "widgets/LuaHighlighter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
enum ScheduleKind { Every, Cron, Once };
constexpr int UnitSeconds[] = { 1, 60, 3600, 86400 };

QComboBox *choices(const QList<std::pair<QString, QString>> &items, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const auto &[value, label] : items)
        box->addItem(label, value);
    return box;
}

void select(QComboBox *box, const QString &value)
{
    const int index = box->findData(value);
    if (index >= 0)
        box->setCurrentIndex(index);
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

WatcherEditor::WatcherEditor(Session &session, const QJsonObject &watcher, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_id(watcher.value(QStringLiteral("id")).toString())
    , m_original(watcher)
{
    setWindowTitle(m_id.isEmpty() ? tr("New watcher") : tr("Edit watcher"));
    buildForm();
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(300);
    connect(&m_previewTimer, &QTimer::timeout, this, &WatcherEditor::requestPreview);
    if (!watcher.isEmpty())
        load(watcher);
    kindChanged();
    loadWorkers();
    requestPreview();
}

void WatcherEditor::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    auto *general = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_kind = choices({ { QStringLiteral("lua"), tr("Lua script") },
                       { QStringLiteral("agent"), tr("Agent prompt") } },
                     this);
    m_kind->setAccessibleName(tr("Kind"));
    m_enabled = new QCheckBox(tr("&Enabled"), this);
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
    m_scheduleKind->addItems({ tr("Interval"), tr("Cron"), tr("Once") });
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
    m_scheduleFields->addWidget(everyRow);
    m_scheduleFields->addWidget(cronRow);
    m_scheduleFields->addWidget(m_at);
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
    agentForm->addRow(tr("&Folder:"), m_workdir);
    m_body->addWidget(luaPage);
    m_body->addWidget(agentPage);
    layout->addWidget(m_body, 1);

    // Limits and policies.
    auto *policyBox = new QGroupBox(tr("Limits and policies"), this);
    auto *policies = new QFormLayout(policyBox);
    m_timeout = spin(1, 86400, 30, tr(" s"), policyBox);
    m_instructions = spin(1, 1000, 50, tr(" million"), policyBox);
    m_memory = spin(1, 512, 64, tr(" MiB"), policyBox);
    m_maxAttempts = spin(1, 20, 3, {}, policyBox);
    m_backoffBase = spin(0, 86400, 30, tr(" s"), policyBox);
    m_backoffMax = spin(0, 86400 * 7, 3600, tr(" s"), policyBox);
    m_concurrency = choices({ { QStringLiteral("forbid"), tr("skip the new run") },
                              { QStringLiteral("queue"), tr("queue it") },
                              { QStringLiteral("replace"), tr("cancel the running one") } },
                            policyBox);
    m_catchUp = choices({ { QStringLiteral("once"), tr("run once") },
                          { QStringLiteral("all"), tr("run each (latest 10)") },
                          { QStringLiteral("skip"), tr("skip them") } },
                        policyBox);
    m_notify = choices({ { QStringLiteral("on_failure"), tr("when a run fails for good") },
                         { QStringLiteral("always"), tr("after every run") },
                         { QStringLiteral("on_change"), tr("when the result changes") },
                         { QStringLiteral("never"), tr("never") } },
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
    layout->addWidget(policyBox);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &WatcherEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

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
    resize(760, 820);
}

void WatcherEditor::kindChanged()
{
    const bool agent = m_kind->currentData().toString() == QStringLiteral("agent");
    m_body->setCurrentIndex(agent ? 1 : 0);
    m_instructions->setEnabled(!agent);
    m_memory->setEnabled(!agent);
    if (m_id.isEmpty())
        m_timeout->setValue(agent ? 600 : 30);
}

void WatcherEditor::load(const QJsonObject &watcher)
{
    m_name->setText(watcher.value(QStringLiteral("name")).toString());
    select(m_kind, watcher.value(QStringLiteral("kind")).toString(QStringLiteral("lua")));
    m_enabled->setChecked(watcher.value(QStringLiteral("enabled")).toBool(true));
    const QJsonObject schedule = watcher.value(QStringLiteral("schedule")).toObject();
    if (schedule.contains(QStringLiteral("every_s"))) {
        const qint64 seconds = schedule.value(QStringLiteral("every_s")).toInteger();
        int unit = 3;
        while (unit > 0 && seconds % UnitSeconds[unit] != 0)
            --unit;
        m_everyUnit->setCurrentIndex(unit);
        m_every->setValue(int(seconds / UnitSeconds[unit]));
        m_scheduleKind->setCurrentIndex(Every);
    } else if (schedule.contains(QStringLiteral("cron"))) {
        m_cron->setText(schedule.value(QStringLiteral("cron")).toString());
        m_timeZone->setCurrentText(schedule.value(QStringLiteral("tz")).toString());
        m_scheduleKind->setCurrentIndex(Cron);
    } else {
        m_at->setDateTime(QDateTime::fromString(schedule.value(QStringLiteral("at")).toString(),
                                                Qt::ISODateWithMs)
                              .toLocalTime());
        m_scheduleKind->setCurrentIndex(Once);
    }
    m_script->setPlainText(watcher.value(QStringLiteral("script")).toString());
    m_prompt->setPlainText(watcher.value(QStringLiteral("prompt")).toString());
    if (watcher.contains(QStringLiteral("agent_kind")))
        m_agentKind->setCurrentText(watcher.value(QStringLiteral("agent_kind")).toString());
    m_workdir->setText(watcher.value(QStringLiteral("workdir")).toString());
    m_timeout->setValue(watcher.value(QStringLiteral("timeout_s")).toInt(m_timeout->value()));
    const QJsonObject limits = watcher.value(QStringLiteral("limits")).toObject();
    if (limits.contains(QStringLiteral("instructions")))
        m_instructions->setValue(int(
            qMax<qint64>(1, limits.value(QStringLiteral("instructions")).toInteger() / 1000000)));
    if (limits.contains(QStringLiteral("memory_bytes")))
        m_memory->setValue(
            int(qMax<qint64>(1, limits.value(QStringLiteral("memory_bytes")).toInteger() >> 20)));
    m_maxAttempts->setValue(watcher.value(QStringLiteral("max_attempts")).toInt(3));
    const QJsonObject backoff = watcher.value(QStringLiteral("backoff")).toObject();
    m_backoffBase->setValue(backoff.value(QStringLiteral("base_s")).toInt(30));
    m_backoffMax->setValue(backoff.value(QStringLiteral("max_s")).toInt(3600));
    select(m_concurrency, watcher.value(QStringLiteral("concurrency")).toString());
    select(m_catchUp, watcher.value(QStringLiteral("catch_up")).toString());
    select(m_notify,
           watcher.value(QStringLiteral("notify"))
               .toObject()
               .value(QStringLiteral("policy"))
               .toString());
}

void WatcherEditor::loadWorkers()
{
    const QString pinned = m_original.value(QStringLiteral("device_worker_id")).toString();
    m_session.get(QStringLiteral("/api/v1/workers"), this,
                  [this, pinned](const client::ApiReply &reply) {
                      if (!reply.isSuccess())
                          return;
                      for (const QJsonObject &worker : JsonTableModel::itemsOf(reply.body)) {
                          m_worker->addItem(worker.value(QStringLiteral("name")).toString(),
                                            worker.value(QStringLiteral("id")).toString());
                      }
                      select(m_worker, pinned);
                  });
}

QJsonObject WatcherEditor::scheduleJson() const
{
    switch (m_scheduleKind->currentIndex()) {
    case Every:
        return { { QStringLiteral("every_s"),
                   qint64(m_every->value()) * UnitSeconds[m_everyUnit->currentIndex()] } };
    case Cron: {
        QJsonObject cron { { QStringLiteral("cron"), m_cron->text().trimmed() } };
        if (!m_timeZone->currentText().trimmed().isEmpty())
            cron.insert(QStringLiteral("tz"), m_timeZone->currentText().trimmed());
        return cron;
    }
    default:
        return { { QStringLiteral("at"), m_at->dateTime().toUTC().toString(Qt::ISODateWithMs) } };
    }
}

QJsonObject WatcherEditor::toJson() const
{
    const bool agent = m_kind->currentData().toString() == QStringLiteral("agent");
    QJsonObject json {
        { QStringLiteral("name"), m_name->text().trimmed() },
        { QStringLiteral("kind"), m_kind->currentData().toString() },
        { QStringLiteral("enabled"), m_enabled->isChecked() },
        { QStringLiteral("schedule"), scheduleJson() },
        { QStringLiteral("timeout_s"), m_timeout->value() },
        { QStringLiteral("max_attempts"), m_maxAttempts->value() },
        { QStringLiteral("backoff"),
          QJsonObject { { QStringLiteral("base_s"), m_backoffBase->value() },
                        { QStringLiteral("max_s"), m_backoffMax->value() } } },
        { QStringLiteral("concurrency"), m_concurrency->currentData().toString() },
        { QStringLiteral("catch_up"), m_catchUp->currentData().toString() },
    };
    QJsonObject notify = m_original.value(QStringLiteral("notify")).toObject();
    notify.insert(QStringLiteral("policy"), m_notify->currentData().toString());
    json.insert(QStringLiteral("notify"), notify);
    if (!agent) {
        json.insert(QStringLiteral("script"), m_script->toPlainText());
        json.insert(
            QStringLiteral("limits"),
            QJsonObject {
                { QStringLiteral("instructions"), qint64(m_instructions->value()) * 1000000 },
                { QStringLiteral("memory_bytes"), qint64(m_memory->value()) << 20 } });
        return json;
    }
    json.insert(QStringLiteral("prompt"), m_prompt->toPlainText());
    json.insert(QStringLiteral("agent_kind"), m_agentKind->currentText().trimmed());
    if (!m_worker->currentData().toString().isEmpty())
        json.insert(QStringLiteral("device_worker_id"), m_worker->currentData().toString());
    if (!m_workdir->text().trimmed().isEmpty())
        json.insert(QStringLiteral("workdir"), m_workdir->text().trimmed());
    // Secrets passed to the agent are kept as they were (the CLI edits them).
    if (m_original.contains(QStringLiteral("env_secrets")))
        json.insert(QStringLiteral("env_secrets"), m_original.value(QStringLiteral("env_secrets")));
    return json;
}

void WatcherEditor::requestPreview()
{
    const QJsonObject body { { QStringLiteral("schedule"), scheduleJson() },
                             { QStringLiteral("count"), 5 } };
    m_session.request("POST", QStringLiteral("/api/v1/schedules/preview"), body, this,
                      [this](const client::ApiReply &reply) {
                          m_preview->clear();
                          if (!reply.isSuccess()) {
                              m_preview->addItem(reply.errorMessage());
                          } else {
                              const QJsonArray fires = QJsonDocument::fromJson(reply.body)
                                                           .object()
                                                           .value(QStringLiteral("fires"))
                                                           .toArray();
                              for (const QJsonValue &fire : fires)
                                  m_preview->addItem(client::format::localTime(client::Timestamp(
                                      fire.toObject().value(QStringLiteral("utc")).toString())));
                              if (fires.isEmpty())
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
    QJsonObject body {
        { QStringLiteral("source"), m_script->toPlainText() },
        { QStringLiteral("limits"),
          QJsonObject {
              { QStringLiteral("instructions"), qint64(m_instructions->value()) * 1000000 },
              { QStringLiteral("memory_bytes"), qint64(m_memory->value()) << 20 },
              { QStringLiteral("timeout_ms"), qMin(300, m_timeout->value()) * 1000 } } }
    };
    const QString eventText = m_testEvent->text().trimmed();
    if (!eventText.isEmpty()) {
        const QJsonDocument event = QJsonDocument::fromJson(eventText.toUtf8());
        if (!event.isObject()) {
            m_testResult->setPlainText(tr("The test event must be a JSON object."));
            emit testRunFinished();
            return;
        }
        body.insert(QStringLiteral("event"), event.object());
    }
    m_testResult->setPlainText(tr("Running…"));
    m_session.request(
        "POST", QStringLiteral("/api/v1/scripts/run"), body, this,
        [this](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                m_testResult->setPlainText(reply.errorMessage());
                emit testRunFinished();
                return;
            }
            const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
            QStringList lines;
            lines << tr("Status: %1").arg(run.value(QStringLiteral("status")).toString());
            const QJsonObject error = run.value(QStringLiteral("error")).toObject();
            if (!error.isEmpty())
                lines << tr("Error: %1").arg(error.value(QStringLiteral("message")).toString());
            lines << tr("Result: %1")
                         .arg(client::format::prettyJson(run.value(QStringLiteral("result"))));
            lines << tr("Took %1, %2 instructions, peak memory %3 KiB")
                         .arg(client::format::duration(
                             client::wholeNumber(run.value(QStringLiteral("duration_ms")))))
                         .arg(run.value(QStringLiteral("instructions")).toInteger())
                         .arg(run.value(QStringLiteral("peak_memory")).toInteger() / 1024);
            const QJsonArray logs = run.value(QStringLiteral("logs")).toArray();
            if (!logs.isEmpty())
                lines << tr("Logs:");
            for (const QJsonValue &log : logs) {
                const QJsonObject line = log.toObject();
                lines << QStringLiteral("  [%1] %2")
                             .arg(line.value(QStringLiteral("level")).toString(),
                                  line.value(QStringLiteral("message")).toString());
            }
            m_testResult->setPlainText(lines.join(u'\n'));
            emit testRunFinished();
        });
}

void WatcherEditor::save()
{
    const QJsonObject body = toJson();
    const bool creating = m_id.isEmpty();
    m_session.request(creating ? QByteArrayLiteral("POST") : QByteArrayLiteral("PATCH"),
                      creating ? QStringLiteral("/api/v1/watchers")
                               : QStringLiteral("/api/v1/watchers/") + m_id,
                      body, this, [this](const client::ApiReply &reply) {
                          if (!reply.isSuccess()) {
                              m_error->setText(reply.errorMessage());
                              m_error->show();
                              return;
                          }
                          m_error->hide();
                          emit saved(QJsonDocument::fromJson(reply.body).object());
                          accept();
                      });
}

} // namespace hearth::ui
