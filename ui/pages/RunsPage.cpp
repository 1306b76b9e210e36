#include "RunsPage.h"

#include "Session.h"
#include "Tables.h"
#include "client/Format.h"
#include "core/JsonText.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

RunsPage::RunsPage(QWidget *parent)
    : Page(parent)
    , m_runs([](const client::Run &run) { return run.id; })
    , m_view(new QTableView(this))
{
    using Row = const client::Run &;
    const auto text = &Model::displayText;
    m_model = new Model(
        {
            { tr("Run"), text([](Row run) { return run.id; }), {} },
            { tr("Watcher"), text([this](Row run) { return watcherName(run.watcherId); }), {} },
            { tr("Status"),
              text([](Row run) { return scheduler::runStatusName(run.status); }),
              {} },
            { tr("Trigger"),
              text([](Row run) { return scheduler::runTriggerName(run.trigger); }),
              {} },
            { tr("Attempt"), text([](Row run) { return QString::number(run.attempt); }), {} },
            { tr("Scheduled for"),
              text([](Row run) { return client::format::localTime(run.scheduledFor); }),
              {} },
            { tr("Duration"),
              text([](Row run) { return client::format::duration(run.durationMs); }),
              {} },
            { tr("Started by"), text([](Row run) { return actorText(run.actor); }), {} },
        },
        this);
    m_model->setList(&m_runs);
    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(100);
    connect(&m_filterTimer, &QTimer::timeout, this, &RunsPage::updateWatcherFilter);
    setUpTable(m_view, m_model, tr("Runs"));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPage::showDetail);

    m_watcherFilter = new QComboBox(this);
    m_watcherFilter->setAccessibleName(tr("Watcher filter"));
    m_watcherFilter->addItem(tr("All watchers"), QString());
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_statusFilter->addItem(tr("Any status"), QString());
    for (const QString &status : scheduler::runStatusNames())
        m_statusFilter->addItem(status, status);
    connect(m_watcherFilter, &QComboBox::currentIndexChanged, this, &RunsPage::reload);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &RunsPage::reload);
    m_cancel = new QPushButton(tr("&Cancel run"), this);
    m_retry = new QPushButton(tr("Re&try"), this);
    connect(m_cancel, &QPushButton::clicked, this, &RunsPage::cancelSelected);
    connect(m_retry, &QPushButton::clicked, this, &RunsPage::retrySelected);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_watcherFilter);
    bar->addWidget(m_statusFilter);
    bar->addStretch();
    bar->addWidget(m_cancel);
    bar->addWidget(m_retry);

    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = new QLabel(tr("Select a run."), detailPane);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *tabs = new QTabWidget(detailPane);
    m_result = new QPlainTextEdit(tabs);
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setAccessibleName(tr("Run result"));
    m_logs = new QPlainTextEdit(tabs);
    m_logs->setReadOnly(true);
    m_logs->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_logs->setAccessibleName(tr("Run logs"));
    tabs->addTab(m_result, tr("Result"));
    tabs->addTab(m_logs, tr("Logs"));
    detailLayout->addWidget(m_detail);
    detailLayout->addWidget(tabs);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detailPane);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter);
    updateActions();
}

void RunsPage::setSession(Session *session)
{
    followSession(session);
    m_runs.setRecords({});
    m_shownRun.clear();
    if (session) {
        // The watcher filter and names follow the session's watchers.
        // (A burst of changes, such as Pause all, updates it once.)
        connect(&session->watchers(), &RecordListBase::contentsChanged, &m_filterTimer,
                qOverload<>(&QTimer::start));
        connect(session, &Session::runChanged, this, &RunsPage::onRunChanged);
        connect(session, &Session::logLineAdded, this, [this](const client::LogEvent &event) {
            if (event.runId == m_shownRun)
                m_logs->appendPlainText(QStringLiteral("[%1] %2").arg(
                    logLevelName(event.line.level), event.line.message));
        });
        updateWatcherFilter();
        reload();
    }
    updateActions();
}

QString RunsPage::watcherName(const QString &watcherId) const
{
    const client::Watcher *watcher = m_session ? m_session->watchers().find(watcherId) : nullptr;
    return watcher ? watcher->spec.name : watcherId;
}

void RunsPage::updateWatcherFilter()
{
    m_filterTimer.stop();
    if (!m_session)
        return;
    const QString current = m_watcherFilter->currentData().toString();
    const QSignalBlocker blocker(m_watcherFilter);
    while (m_watcherFilter->count() > 1)
        m_watcherFilter->removeItem(1);
    for (const client::Watcher &watcher : m_session->watchers().records())
        m_watcherFilter->addItem(watcher.spec.name, watcher.id);
    m_watcherFilter->setCurrentIndex(qMax(0, m_watcherFilter->findData(current)));
    m_model->refresh();
}

void RunsPage::reload()
{
    if (!m_session)
        return;
    const client::RunQuery query { m_watcherFilter->currentData().toString(),
                                   m_statusFilter->currentData().toString(),
                                   QStringLiteral("500") };
    const auto ticket = m_runs.beginReload();
    m_session->send(client::api::runs(query), this,
                    [this, ticket](const client::Answer<client::Page<client::Run>> &answer) {
                        if (!answer.ok()) {
                            m_runs.abandonReload(ticket);
                            emit message(
                                tr("Could not load runs: %1").arg(answer.reply.errorMessage()));
                            return;
                        }
                        const QString selected = m_shownRun;
                        if (!m_runs.finishReload(ticket, answer.value->items))
                            return; // a newer listing is on its way
                        const int row = m_model->indexOf(selected);
                        if (row >= 0)
                            m_view->selectRow(row);
                        emit loaded();
                    });
}

bool RunsPage::matchesFilter(const client::Run &run) const
{
    const QString watcher = m_watcherFilter->currentData().toString();
    const QString status = m_statusFilter->currentData().toString();
    return (watcher.isEmpty() || run.watcherId == watcher) &&
        (status.isEmpty() || scheduler::runStatusName(run.status) == status);
}

void RunsPage::onRunChanged(const client::RunEvent &event)
{
    if (matchesFilter(event.run))
        m_runs.upsert(event.run, true);
    else
        m_runs.remove(event.run.id);
    if (event.run.id == m_shownRun)
        showDetail();
}

QString RunsPage::selectedId() const
{
    return selectedKey(*m_view, *m_model);
}

void RunsPage::setStatusFilter(const QString &status)
{
    m_statusFilter->setCurrentIndex(qMax(0, m_statusFilter->findData(status)));
}

void RunsPage::openRun(const QString &runId)
{
    if (!m_session)
        return;
    const int row = m_model->indexOf(runId);
    if (row >= 0) {
        m_view->selectRow(row);
        return;
    }
    // Not in the filtered list: add it.
    m_session->send(client::api::run(runId), this,
                    [this, runId](const client::Answer<client::Run> &answer) {
                        if (!answer.ok()) {
                            emit message(tr("Run %1: %2").arg(runId, answer.reply.errorMessage()));
                            return;
                        }
                        m_runs.upsert(*answer.value, true);
                        m_view->selectRow(m_model->indexOf(runId));
                    });
}

void RunsPage::showDetail()
{
    updateActions();
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    if (id != m_shownRun)
        m_logs->clear();
    m_shownRun = id;
    m_session->send(
        client::api::run(id), this, [this, id](const client::Answer<client::Run> &answer) {
            if (id != m_shownRun || !answer.ok())
                return;
            const client::Run &run = *answer.value;
            QStringList lines {
                tr("Run %1 of %2: %3, attempt %4 (%5)")
                    .arg(id, watcherName(run.watcherId), scheduler::runStatusName(run.status))
                    .arg(run.attempt)
                    .arg(scheduler::runTriggerName(run.trigger)),
                tr("Started by %1").arg(actorText(run.actor)),
                tr("Scheduled %1 · started %2 · finished %3 · took %4")
                    .arg(client::format::localTime(run.scheduledFor),
                         client::format::localTime(run.startedAt),
                         client::format::localTime(run.finishedAt),
                         client::format::duration(run.durationMs)),
            };
            if (run.escalation)
                lines << tr("Escalated by run %1 to the %2 agent: %3")
                             .arg(run.parentRunId.isEmpty() ? tr("(pruned)") : run.parentRunId,
                                  run.escalation->agentKind, run.escalation->prompt);
            else if (!run.parentRunId.isEmpty())
                lines << tr("Started by the end of run %1 (link %2 of a chain)")
                             .arg(run.parentRunId)
                             .arg(run.chainDepth);
            if (run.error)
                lines << tr("Error %1: %2").arg(run.error->code, run.error->message);
            m_detail->setText(lines.join(u'\n'));
            QString result = client::format::prettyJson(jsonValueOrNull(run.resultJson));
            if (!run.output.isEmpty())
                result += u'\n' + tr("Agent output:") + u'\n' + run.output;
            m_result->setPlainText(result);
            m_session->send(client::api::runLog(id, 0), this,
                            [this, id](const client::Answer<client::RunLog> &log) {
                                if (id != m_shownRun || !log.ok())
                                    return;
                                QStringList text;
                                for (const client::LogLine &line : log.value->lines)
                                    text << QStringLiteral("%1 [%2] %3")
                                                .arg(client::format::localTime(line.time),
                                                     logLevelName(line.level), line.message);
                                m_logs->setPlainText(text.join(u'\n'));
                                emit detailShown(id);
                            });
        });
}

QString RunsPage::detailText() const
{
    return m_detail->text() + u'\n' + m_result->toPlainText();
}

QString RunsPage::logText() const
{
    return m_logs->toPlainText();
}

void RunsPage::updateActions()
{
    const client::Run *run = m_model->find(selectedId());
    m_cancel->setEnabled(m_session && run && scheduler::isActive(run->status));
    m_retry->setEnabled(m_session && run && scheduler::isRetryable(run->status));
}

void RunsPage::cancelSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->send(
        client::api::cancelRun(id), this, [this, id](const client::Answer<client::Run> &answer) {
            if (!answer.ok()) {
                emit message(
                    tr("Could not cancel run %1: %2").arg(id, answer.reply.errorMessage()));
                return;
            }
            m_runs.upsert(*answer.value);
            emit message(tr("Run %1 cancelled.").arg(id));
        });
}

void RunsPage::retrySelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->send(
        client::api::retryRun(id), this, [this, id](const client::Answer<client::Run> &answer) {
            if (!answer.ok()) {
                emit message(tr("Could not retry run %1: %2").arg(id, answer.reply.errorMessage()));
                return;
            }
            m_runs.upsert(*answer.value, true);
            emit message(tr("Run %1 retried as run %2.").arg(id, answer.value->id));
        });
}

} // namespace hearth::ui
