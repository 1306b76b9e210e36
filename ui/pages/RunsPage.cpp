#include "RunsPage.h"

#include "Session.h"
#include "Tables.h"
#include "client/Format.h"
#include "models/JsonTableModel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
const QStringList Statuses { QStringLiteral("pending"),   QStringLiteral("running"),
                             QStringLiteral("succeeded"), QStringLiteral("failed"),
                             QStringLiteral("dead"),      QStringLiteral("cancelled"),
                             QStringLiteral("skipped") };
} // namespace

RunsPage::RunsPage(QWidget *parent)
    : Page(parent)
    , m_model(new JsonTableModel(QStringLiteral("id"), this))
    , m_view(new QTableView(this))
{
    using Row = const QJsonObject &;
    const auto text = &JsonTableModel::displayText;
    m_model->setColumns({
        { tr("Run"), text([](Row row) { return JsonTableModel::keyOf(row); }), {} },
        { tr("Watcher"),
          text([this](Row row) {
              const QString id = JsonTableModel::keyOf(row, QStringLiteral("watcher_id"));
              return m_watcherNames.value(id, id);
          }),
          {} },
        { tr("Status"),
          text([](Row row) { return row.value(QStringLiteral("status")).toString(); }),
          {} },
        { tr("Trigger"),
          text([](Row row) { return row.value(QStringLiteral("trigger")).toString(); }),
          {} },
        { tr("Attempt"),
          text([](Row row) {
              return QString::number(row.value(QStringLiteral("attempt")).toInt());
          }),
          {} },
        { tr("Scheduled for"),
          text([](Row row) {
              return client::format::localTime(
                  client::Timestamp(row.value(QStringLiteral("scheduled_for")).toString()));
          }),
          {} },
        { tr("Duration"),
          text([](Row row) {
              return client::format::duration(
                  client::wholeNumber(row.value(QStringLiteral("duration_ms"))));
          }),
          {} },
    });
    setUpTable(m_view, m_model, tr("Runs"));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPage::showDetail);

    m_watcherFilter = new QComboBox(this);
    m_watcherFilter->setAccessibleName(tr("Watcher filter"));
    m_watcherFilter->addItem(tr("All watchers"), QString());
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_statusFilter->addItem(tr("Any status"), QString());
    for (const QString &status : Statuses)
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
    m_model->setRows({});
    m_shownRun.clear();
    if (session) {
        loadWatcherNames();
        reload();
    }
    updateActions();
}

void RunsPage::loadWatcherNames()
{
    m_session->get(QStringLiteral("/api/v1/watchers"), this, [this](const client::ApiReply &reply) {
        if (!reply.isSuccess())
            return;
        const QString current = m_watcherFilter->currentData().toString();
        m_watcherNames.clear();
        while (m_watcherFilter->count() > 1)
            m_watcherFilter->removeItem(1);
        const QSignalBlocker blocker(m_watcherFilter);
        for (const QJsonObject &watcher : JsonTableModel::itemsOf(reply.body)) {
            const QString id = JsonTableModel::keyOf(watcher);
            m_watcherNames.insert(id, watcher.value(QStringLiteral("name")).toString());
            m_watcherFilter->addItem(watcher.value(QStringLiteral("name")).toString(), id);
        }
        m_watcherFilter->setCurrentIndex(qMax(0, m_watcherFilter->findData(current)));
        m_model->refresh();
    });
}

void RunsPage::reload()
{
    if (!m_session)
        return;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!m_watcherFilter->currentData().toString().isEmpty())
        query.addQueryItem(QStringLiteral("watcher"), m_watcherFilter->currentData().toString());
    if (!m_statusFilter->currentData().toString().isEmpty())
        query.addQueryItem(QStringLiteral("status"), m_statusFilter->currentData().toString());
    const JsonTableModel::ReloadTicket ticket = m_model->beginReload();
    m_session->get(QStringLiteral("/api/v1/runs?") + query.toString(QUrl::FullyEncoded), this,
                   [this, ticket](const client::ApiReply &reply) {
                       if (!reply.isSuccess()) {
                           m_model->abandonReload(ticket);
                           emit message(tr("Could not load runs: %1").arg(reply.errorMessage()));
                           return;
                       }
                       const QList<QJsonObject> rows = JsonTableModel::itemsOf(reply.body);
                       const QString selected = m_shownRun;
                       if (!m_model->finishReload(ticket, rows))
                           return; // a newer listing is on its way
                       const int row = m_model->indexOf(selected);
                       if (row >= 0)
                           m_view->selectRow(row);
                       emit loaded();
                   });
}

bool RunsPage::matchesFilter(const QJsonObject &run) const
{
    const QString watcher = m_watcherFilter->currentData().toString();
    const QString status = m_statusFilter->currentData().toString();
    return (watcher.isEmpty() ||
            JsonTableModel::keyOf(run, QStringLiteral("watcher_id")) == watcher) &&
        (status.isEmpty() || run.value(QStringLiteral("status")).toString() == status);
}

void RunsPage::onEvent(const QByteArray &type, const QJsonObject &data)
{
    if (type == "watcher") {
        loadWatcherNames();
        return;
    }
    if (type == "log") {
        if (JsonTableModel::keyOf(data, QStringLiteral("run_id")) == m_shownRun)
            m_logs->appendPlainText(
                QStringLiteral("[%1] %2").arg(data.value(QStringLiteral("level")).toString(),
                                              data.value(QStringLiteral("message")).toString()));
        return;
    }
    if (type != "run")
        return;
    const QJsonObject run = data.value(QStringLiteral("run")).toObject();
    const QString id = JsonTableModel::keyOf(run);
    if (matchesFilter(run))
        m_model->upsert(run, true);
    else
        m_model->remove(id);
    if (id == m_shownRun)
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
    // Not in the filtered list: clear the filters and add it.
    m_session->get(QStringLiteral("/api/v1/runs/") + runId, this,
                   [this, runId](const client::ApiReply &reply) {
                       if (!reply.isSuccess()) {
                           emit message(tr("Run %1: %2").arg(runId, reply.errorMessage()));
                           return;
                       }
                       QJsonObject run = QJsonDocument::fromJson(reply.body).object();
                       run.remove(QStringLiteral("output"));
                       m_model->upsert(run, true);
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
    m_session->get(
        QStringLiteral("/api/v1/runs/") + id, this, [this, id](const client::ApiReply &reply) {
            if (id != m_shownRun || !reply.isSuccess())
                return;
            const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
            const QJsonObject error = run.value(QStringLiteral("error")).toObject();
            QStringList lines {
                tr("Run %1 of %2: %3, attempt %4 (%5)")
                    .arg(id,
                         m_watcherNames.value(
                             JsonTableModel::keyOf(run, QStringLiteral("watcher_id"))),
                         run.value(QStringLiteral("status")).toString())
                    .arg(run.value(QStringLiteral("attempt")).toInt())
                    .arg(run.value(QStringLiteral("trigger")).toString()),
                tr("Scheduled %1 · started %2 · finished %3 · took %4")
                    .arg(client::format::localTime(client::Timestamp(
                             run.value(QStringLiteral("scheduled_for")).toString())),
                         client::format::localTime(
                             client::Timestamp(run.value(QStringLiteral("started_at")).toString())),
                         client::format::localTime(client::Timestamp(
                             run.value(QStringLiteral("finished_at")).toString())),
                         client::format::duration(
                             client::wholeNumber(run.value(QStringLiteral("duration_ms"))))),
            };
            if (!error.isEmpty())
                lines << tr("Error %1: %2")
                             .arg(error.value(QStringLiteral("code")).toString(),
                                  error.value(QStringLiteral("message")).toString());
            m_detail->setText(lines.join(u'\n'));
            QString result = client::format::prettyJson(run.value(QStringLiteral("result")));
            if (run.contains(QStringLiteral("output")) &&
                !run.value(QStringLiteral("output")).toString().isEmpty())
                result += u'\n' + tr("Agent output:") + u'\n' +
                    run.value(QStringLiteral("output")).toString();
            m_result->setPlainText(result);
            m_session->get(
                QStringLiteral("/api/v1/runs/") + id + QStringLiteral("/logs"), this,
                [this, id](const client::ApiReply &logs) {
                    if (id != m_shownRun || !logs.isSuccess())
                        return;
                    QStringList text;
                    for (const QJsonObject &line : JsonTableModel::itemsOf(logs.body)) {
                        text << QStringLiteral("%1 [%2] %3")
                                    .arg(client::format::localTime(client::Timestamp(
                                             line.value(QStringLiteral("ts")).toString())),
                                         line.value(QStringLiteral("level")).toString(),
                                         line.value(QStringLiteral("message")).toString());
                    }
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
    const QString id = selectedId();
    const QString status =
        m_model->rowAt(m_model->indexOf(id)).value(QStringLiteral("status")).toString();
    m_cancel->setEnabled(
        m_session && (status == QStringLiteral("pending") || status == QStringLiteral("running")));
    m_retry->setEnabled(m_session &&
                        (status == QStringLiteral("dead") || status == QStringLiteral("failed")));
}

void RunsPage::cancelSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->request("POST", QStringLiteral("/api/v1/runs/") + id + QStringLiteral("/cancel"), {},
                       this, [this, id](const client::ApiReply &reply) {
                           if (!reply.isSuccess()) {
                               emit message(
                                   tr("Could not cancel run %1: %2").arg(id, reply.errorMessage()));
                               return;
                           }
                           m_model->upsert(QJsonDocument::fromJson(reply.body).object());
                           emit message(tr("Run %1 cancelled.").arg(id));
                       });
}

void RunsPage::retrySelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->request(
        "POST", QStringLiteral("/api/v1/runs/") + id + QStringLiteral("/retry"), {}, this,
        [this, id](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                emit message(tr("Could not retry run %1: %2").arg(id, reply.errorMessage()));
                return;
            }
            const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
            m_model->upsert(run, true);
            emit message(tr("Run %1 retried as run %2.").arg(id, JsonTableModel::keyOf(run)));
        });
}

} // namespace hearth::ui
