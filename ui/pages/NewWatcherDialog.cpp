#include "NewWatcherDialog.h"

#include "Session.h"
#include "client/Format.h"
#include "core/JsonText.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {

// Every template's watcher is checked this often unless the user says
// otherwise (the runtime's own default for templates).
constexpr int DefaultEveryMinutes = 15;

// The param's name as a label ("notify_on" → "Notify on").
QString labelOf(const QString &name)
{
    static const QHash<QString, const char *> labels {
        { QStringLiteral("url"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Address") },
        { QStringLiteral("selector"), QT_TRANSLATE_NOOP("NewWatcherDialog", "CSS selector") },
        { QStringLiteral("xpath"), QT_TRANSLATE_NOOP("NewWatcherDialog", "XPath") },
        { QStringLiteral("notify_on"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Tell about") },
        { QStringLiteral("ignore_text"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "Ignore lines with") },
        { QStringLiteral("trigger_text"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "Only when added text has") },
        { QStringLiteral("jq"), QT_TRANSLATE_NOOP("NewWatcherDialog", "jq path") },
        { QStringLiteral("kind"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Read as") },
        { QStringLiteral("notify"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Tell when") },
        { QStringLiteral("threshold"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Threshold") },
        { QStringLiteral("percent"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Smallest move (%)") },
        { QStringLiteral("keyword"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Keyword") },
        { QStringLiteral("status"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Expected status") },
        { QStringLiteral("must_contain"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Must contain") },
        { QStringLiteral("max_latency_ms"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "Slowest answer (ms)") },
        { QStringLiteral("timeout_s"), QT_TRANSLATE_NOOP("NewWatcherDialog", "Timeout (s)") },
    };
    if (const char *label = labels.value(name))
        return QCoreApplication::translate("NewWatcherDialog", label);
    QString words = name;
    words.replace(u'_', u' ');
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return words;
}

} // namespace

QString templateText(const QString &runtimeText)
{
    const QByteArray source = runtimeText.toUtf8();
    return QCoreApplication::translate("WatcherTemplates", source.constData());
}

QString choiceLabel(const QString &value)
{
    static const QHash<QString, const char *> labels {
        { QStringLiteral("added"), QT_TRANSLATE_NOOP("NewWatcherDialog", "what was added") },
        { QStringLiteral("removed"), QT_TRANSLATE_NOOP("NewWatcherDialog", "what was removed") },
        { QStringLiteral("any"), QT_TRANSLATE_NOOP("NewWatcherDialog", "any change") },
        { QStringLiteral("number"), QT_TRANSLATE_NOOP("NewWatcherDialog", "a number") },
        { QStringLiteral("text"), QT_TRANSLATE_NOOP("NewWatcherDialog", "text") },
        { QStringLiteral("change"), QT_TRANSLATE_NOOP("NewWatcherDialog", "it changes") },
        { QStringLiteral("above"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "it is above the threshold") },
        { QStringLiteral("below"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "it is below the threshold") },
        { QStringLiteral("change_pct"),
          QT_TRANSLATE_NOOP("NewWatcherDialog", "it moves by a percentage") },
    };
    if (const char *label = labels.value(value))
        return QCoreApplication::translate("NewWatcherDialog", label);
    return value;
}

NewWatcherDialog::NewWatcherDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_templates(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_formHost(new QWidget(this))
    , m_form(new QFormLayout(m_formHost))
    , m_every(new QSpinBox(this))
    , m_preview(new QPushButton(tr("&Preview"), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_editScript(new QPushButton(tr("Edit as &Lua…"), this))
    , m_status(new QLabel(this))
    , m_found(new QPlainTextEdit(this))
    , m_messages(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("New watcher"));
    m_templates->setAccessibleName(tr("Templates"));
    m_templates->setMaximumWidth(220);
    m_description->setWordWrap(true);
    m_every->setRange(1, 7 * 24 * 60);
    m_every->setValue(DefaultEveryMinutes);
    m_every->setSuffix(tr(" min"));
    m_every->setAccessibleName(tr("Check every"));
    m_found->setReadOnly(true);
    m_found->setAccessibleName(tr("What it found"));
    m_found->setPlaceholderText(tr("Press Preview to see what it finds now."));
    m_messages->setReadOnly(true);
    m_messages->setAccessibleName(tr("What it would tell you"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_editScript->setEnabled(false);
    m_editScript->setToolTip(tr("Open the script this template makes in the Lua editor"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_description);
    rightLayout->addWidget(m_formHost);
    auto *everyForm = new QFormLayout;
    everyForm->addRow(tr("Check &every:"), m_every);
    rightLayout->addLayout(everyForm);
    auto *previewBox = new QGroupBox(tr("Preview"), right);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_status);
    previewLayout->addWidget(new QLabel(tr("What it found now:"), previewBox));
    previewLayout->addWidget(m_found, 2);
    previewLayout->addWidget(new QLabel(tr("What it would tell you:"), previewBox));
    previewLayout->addWidget(m_messages, 1);
    rightLayout->addWidget(previewBox, 1);
    rightLayout->addWidget(m_error);

    auto *splitter = new QSplitter(this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("What to watch:"), left));
    leftLayout->addWidget(m_templates, 1);
    auto *writeScript = new QPushButton(tr("&Write a Lua script…"), left);
    writeScript->setToolTip(tr("Start from an empty script instead of a template"));
    leftLayout->addWidget(writeScript);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_preview, QDialogButtonBox::ActionRole);
    buttons->addButton(m_editScript, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_templates, &QListWidget::currentRowChanged, this, &NewWatcherDialog::showTemplate);
    connect(m_preview, &QPushButton::clicked, this, &NewWatcherDialog::preview);
    connect(m_save, &QPushButton::clicked, this, &NewWatcherDialog::save);
    connect(m_editScript, &QPushButton::clicked, this, &NewWatcherDialog::openInEditor);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(writeScript, &QPushButton::clicked, this, [this]() {
        emit writeScriptRequested(std::nullopt);
        accept();
    });
    resize(860, 620);
    loadTemplates();
}

void NewWatcherDialog::loadTemplates()
{
    m_session.send(
        client::api::templates(), this,
        [this](const client::Answer<QList<client::WatcherTemplateInfo>> &answer) {
            if (!answer.ok()) {
                showError(tr("Could not load the templates: %1").arg(answer.reply.errorMessage()));
                return;
            }
            m_infos = *answer.value;
            for (const client::WatcherTemplateInfo &info : std::as_const(m_infos)) {
                auto *item = new QListWidgetItem(templateText(info.title), m_templates);
                item->setData(Qt::UserRole, info.name);
                item->setToolTip(templateText(info.description));
            }
            if (!m_infos.isEmpty())
                m_templates->setCurrentRow(0);
            if (!m_pendingChoice.isEmpty())
                chooseTemplate(m_pendingChoice);
            emit templatesLoaded();
        });
}

void NewWatcherDialog::chooseTemplate(const QString &name)
{
    for (int row = 0; row < m_templates->count(); ++row) {
        if (m_templates->item(row)->data(Qt::UserRole).toString() == name) {
            m_templates->setCurrentRow(row);
            m_pendingChoice.clear();
            return;
        }
    }
    m_pendingChoice = name;
}

QString NewWatcherDialog::chosenTemplate() const
{
    const client::WatcherTemplateInfo *info = current();
    return info ? info->name : QString();
}

const client::WatcherTemplateInfo *NewWatcherDialog::current() const
{
    const int row = m_templates->currentRow();
    return row >= 0 && row < m_infos.size() ? &m_infos.at(row) : nullptr;
}

void NewWatcherDialog::showTemplate(int row)
{
    // The URL typed so far stays when another template is picked.
    const QString url = m_fields.contains(QStringLiteral("url"))
        ? qobject_cast<QLineEdit *>(m_fields.value(QStringLiteral("url")))->text()
        : QString();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_lastPreview.reset();
    m_editScript->setEnabled(false);
    m_status->clear();
    m_found->clear();
    m_messages->clear();
    m_error->hide();
    if (row < 0 || row >= m_infos.size())
        return;
    const client::WatcherTemplateInfo &info = m_infos.at(row);
    m_description->setText(templateText(info.description));
    for (const client::TemplateParamInfo &param : info.params) {
        QWidget *input = nullptr;
        const QString hint = templateText(param.description);
        if (param.kind == client::TemplateParamInfo::Kind::Choice) {
            auto *box = new QComboBox(m_formHost);
            for (const QString &choice : param.choices)
                box->addItem(choiceLabel(choice), choice);
            const int chosen = box->findData(param.defaultValue.toString());
            box->setCurrentIndex(std::max(chosen, 0));
            input = box;
        } else {
            auto *line = new QLineEdit(m_formHost);
            line->setPlaceholderText(param.required ? hint : tr("%1 (optional)").arg(hint));
            if (param.kind == client::TemplateParamInfo::Kind::Number) {
                line->setValidator(new QDoubleValidator(line));
                if (param.defaultValue.isDouble())
                    line->setPlaceholderText(
                        tr("%1 (default %2)").arg(hint).arg(param.defaultValue.toDouble()));
            }
            if (param.kind == client::TemplateParamInfo::Kind::Url) {
                line->setPlaceholderText(QStringLiteral("https://"));
                line->setText(url);
            }
            input = line;
        }
        input->setObjectName(param.name);
        input->setAccessibleName(labelOf(param.name));
        input->setToolTip(hint);
        m_form->addRow(labelOf(param.name) +
                           (param.required ? QStringLiteral(":*") : QStringLiteral(":")),
                       input);
        m_fields.insert(param.name, input);
    }
    // A field one choice needs is enabled (and required) only with it.
    for (const client::TemplateParamInfo &param : info.params) {
        for (const auto &[controller, value] : param.requiredWhen) {
            if (auto *box = qobject_cast<QComboBox *>(m_fields.value(controller)))
                connect(box, &QComboBox::currentIndexChanged, this,
                        &NewWatcherDialog::updateDependentFields, Qt::UniqueConnection);
        }
    }
    updateDependentFields();
}

bool NewWatcherDialog::isNeeded(const client::TemplateParamInfo &param) const
{
    if (param.required)
        return true;
    for (const auto &[controller, value] : param.requiredWhen) {
        const auto *box = qobject_cast<const QComboBox *>(m_fields.value(controller));
        if (box && box->currentData().toString() == value)
            return true;
    }
    return false;
}

void NewWatcherDialog::updateDependentFields()
{
    const client::WatcherTemplateInfo *info = current();
    if (!info)
        return;
    for (const client::TemplateParamInfo &param : info->params) {
        if (param.requiredWhen.isEmpty())
            continue;
        QWidget *input = m_fields.value(param.name);
        const bool needed = isNeeded(param);
        input->setEnabled(needed);
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(input)))
            label->setText(labelOf(param.name) +
                           (needed ? QStringLiteral(":*") : QStringLiteral(":")));
    }
}

QStringList NewWatcherDialog::fieldNames() const
{
    QStringList names;
    for (int row = 0; row < m_form->rowCount(); ++row) {
        if (QLayoutItem *item = m_form->itemAt(row, QFormLayout::FieldRole))
            names.append(item->widget()->objectName());
    }
    return names;
}

void NewWatcherDialog::setField(const QString &param, const QString &text)
{
    QWidget *input = m_fields.value(param);
    if (auto *line = qobject_cast<QLineEdit *>(input))
        line->setText(text);
    else if (auto *box = qobject_cast<QComboBox *>(input))
        box->setCurrentIndex(std::max(box->findData(text), 0));
}

QJsonObject NewWatcherDialog::params(QString *error) const
{
    QJsonObject params;
    const client::WatcherTemplateInfo *info = current();
    if (!info)
        return params;
    for (const client::TemplateParamInfo &param : info->params) {
        QWidget *input = m_fields.value(param.name);
        // A field only another choice needs says nothing without it.
        if (!input->isEnabled())
            continue;
        if (auto *box = qobject_cast<QComboBox *>(input)) {
            params.insert(param.name, box->currentData().toString());
            continue;
        }
        const QString text = qobject_cast<QLineEdit *>(input)->text().trimmed();
        if (text.isEmpty()) {
            if (isNeeded(param) && error && error->isEmpty())
                *error = tr("%1: please fill this in").arg(labelOf(param.name));
            continue;
        }
        if (param.kind == client::TemplateParamInfo::Kind::Number) {
            bool ok = false;
            const double number = QLocale().toDouble(text, &ok);
            if (!ok) {
                if (error && error->isEmpty())
                    *error = tr("%1: not a number").arg(labelOf(param.name));
                continue;
            }
            params.insert(param.name, number);
        } else {
            params.insert(param.name, text);
        }
    }
    return params;
}

void NewWatcherDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void NewWatcherDialog::preview()
{
    const client::WatcherTemplateInfo *info = current();
    QString problem;
    const QJsonObject values = params(&problem);
    if (!info || !problem.isEmpty()) {
        showError(problem);
        emit previewFinished();
        return;
    }
    showError({});
    m_preview->setEnabled(false);
    m_status->setText(tr("Looking…"));
    m_session.send(client::api::previewTemplate(info->name, values), this,
                   [this](const client::Answer<client::TemplatePreview> &answer) {
                       m_preview->setEnabled(true);
                       if (!answer.ok()) {
                           m_status->clear();
                           showError(answer.reply.errorMessage());
                       } else {
                           showPreview(*answer.value);
                       }
                       emit previewFinished();
                   });
}

void NewWatcherDialog::showPreview(const client::TemplatePreview &preview)
{
    m_lastPreview = preview;
    m_editScript->setEnabled(true);
    const client::ScriptRun &run = preview.run;
    if (!run.succeeded) {
        m_status->setText(
            tr("It did not work: %1").arg(run.error ? run.error->message : QString()));
        m_found->clear();
        m_messages->clear();
        return;
    }
    m_status->setText(tr("It worked (%1).").arg(client::format::duration(run.durationMs)));
    // What it keeps is what it found (a page's text, a value); otherwise its
    // result (a feed's new items).
    m_found->setPlainText(preview.snapshot
                              ? *preview.snapshot
                              : client::format::prettyJson(jsonValueOrNull(run.resultJson)));
    QStringList messages;
    for (const client::DraftNotification &draft : run.notifications)
        messages << draft.title + u'\n' + draft.body;
    m_messages->setPlainText(messages.isEmpty()
                                 ? tr("Nothing now: it tells you when something changes.")
                                 : messages.join(QStringLiteral("\n\n")));
}

QString NewWatcherDialog::previewFound() const
{
    return m_found->toPlainText();
}

QString NewWatcherDialog::previewMessages() const
{
    return m_messages->toPlainText();
}

QString NewWatcherDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void NewWatcherDialog::save()
{
    const client::WatcherTemplateInfo *info = current();
    QString problem;
    const QJsonObject values = params(&problem);
    if (!info || !problem.isEmpty()) {
        showError(problem);
        return;
    }
    client::WatcherChanges changes;
    changes.document = { { QStringLiteral("template"), info->name },
                         { QStringLiteral("params"), values } };
    changes.schedule.everySeconds = qint64(m_every->value()) * 60;
    m_save->setEnabled(false);
    m_session.send(client::api::createWatcher(changes), this,
                   [this](const client::Answer<client::Watcher> &answer) {
                       m_save->setEnabled(true);
                       if (!answer.ok()) {
                           showError(answer.reply.errorMessage());
                           return;
                       }
                       emit saved(*answer.value);
                       accept();
                   });
}

void NewWatcherDialog::openInEditor()
{
    if (!m_lastPreview)
        return;
    QJsonObject fields = m_lastPreview->watcher;
    fields.insert(QStringLiteral("schedule"),
                  QJsonObject { { QStringLiteral("every_s"), qint64(m_every->value()) * 60 } });
    auto spec = scheduler::WatcherSpec::fromStored(fields);
    if (!spec) {
        showError(spec.error().field + QStringLiteral(": ") + spec.error().message);
        return;
    }
    client::Watcher draft;
    draft.spec = spec.value();
    emit writeScriptRequested(draft);
    accept();
}

} // namespace hearth::ui
