#include "WatchersPage.h"

#include "Session.h"
#include "Tables.h"
#include "WatcherEditor.h"
#include "client/Format.h"
#include "models/JsonTableModel.h"

#include <QFont>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
// A watcher's schedule in words; the API's own text if it cannot be read.
QString scheduleText(const QJsonValue &schedule)
{
    const auto parsed = scheduler::Schedule::fromJson(schedule);
    return parsed
        ? client::format::schedule(parsed.value())
        : QString::fromUtf8(QJsonDocument(schedule.toObject()).toJson(QJsonDocument::Compact));
}
} // namespace

WatchersPage::WatchersPage(QWidget *parent)
    : Page(parent)
    , m_model(new JsonTableModel(QStringLiteral("id"), this))
    , m_view(new QTableView(this))
{
    using Row = const QJsonObject &;
    const auto text = &JsonTableModel::displayText;
    m_model->setColumns({
        { tr("Name"),
          text([](Row row) { return row.value(QStringLiteral("name")).toString(); }),
          {} },
        { tr("Kind"),
          text([](Row row) { return row.value(QStringLiteral("kind")).toString(); }),
          {} },
        { tr("Schedule"),
          text([](Row row) { return scheduleText(row.value(QStringLiteral("schedule"))); }),
          {} },
        { tr("Next run"),
          text([](Row row) {
              return client::format::localTime(
                  client::Timestamp(row.value(QStringLiteral("next_run_at")).toString()));
          }),
          {} },
        { tr("Last status"),
          text([this](Row row) {
              return m_lastStatus.value(JsonTableModel::keyOf(row), QStringLiteral("—"));
          }),
          {} },
        { tr("Enabled"),
          [](Row row, int role) -> QVariant {
              if (role == Qt::CheckStateRole)
                  return row.value(QStringLiteral("enabled")).toBool() ? Qt::Checked
                                                                       : Qt::Unchecked;
              return {};
          },
          [this](Row row, bool checked) {
              setEnabled(JsonTableModel::keyOf(row), checked);
          } },
    });
    setUpTable(m_view, m_model, tr("Watchers"));
    connect(m_view, &QTableView::doubleClicked, this, &WatchersPage::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WatchersPage::updateActions);

    m_new = new QPushButton(tr("&New…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_run = new QPushButton(tr("&Run now"), this);
    connect(m_new, &QPushButton::clicked, this, &WatchersPage::newWatcher);
    connect(m_edit, &QPushButton::clicked, this, &WatchersPage::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &WatchersPage::deleteSelected);
    connect(m_run, &QPushButton::clicked, this, &WatchersPage::runSelected);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_new, m_edit, m_delete, m_run })
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view);
    updateActions();
}

void WatchersPage::setSession(Session *session)
{
    followSession(session);
    m_model->setRows({});
    m_lastStatus.clear();
    if (session) {
        reload();
    }
    updateActions();
}

void WatchersPage::reload()
{
    if (!m_session)
        return;
    const JsonTableModel::ReloadTicket ticket = m_model->beginReload();
    m_session->get(
        QStringLiteral("/api/v1/watchers"), this, [this, ticket](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                m_model->abandonReload(ticket);
                emit message(tr("Could not load watchers: %1").arg(reply.errorMessage()));
                return;
            }
            const QList<QJsonObject> rows = JsonTableModel::itemsOf(reply.body);
            const QString selected = selectedId();
            if (!m_model->finishReload(ticket, rows))
                return; // a newer listing is on its way
            selectWatcher(selected);
            // The newest run of each watcher, for "Last status".
            m_session->get(
                QStringLiteral("/api/v1/runs?limit=500"), this,
                [this](const client::ApiReply &runs) {
                    if (runs.isSuccess()) {
                        m_lastStatus.clear();
                        for (const QJsonObject &run : JsonTableModel::itemsOf(runs.body)) {
                            const QString watcher =
                                JsonTableModel::keyOf(run, QStringLiteral("watcher_id"));
                            if (!m_lastStatus.contains(watcher)) // newest first
                                m_lastStatus.insert(watcher,
                                                    run.value(QStringLiteral("status")).toString());
                        }
                        m_model->refresh();
                    }
                    emit loaded();
                });
        });
}

void WatchersPage::onEvent(const QByteArray &type, const QJsonObject &data)
{
    if (type == "watcher") {
        const QString action = data.value(QStringLiteral("action")).toString();
        const QJsonObject watcher = data.value(QStringLiteral("watcher")).toObject();
        if (action == QStringLiteral("deleted"))
            m_model->remove(JsonTableModel::keyOf(watcher));
        else
            m_model->upsert(watcher);
        updateActions();
    } else if (type == "run") {
        const QJsonObject run = data.value(QStringLiteral("run")).toObject();
        m_lastStatus.insert(JsonTableModel::keyOf(run, QStringLiteral("watcher_id")),
                            run.value(QStringLiteral("status")).toString());
        m_model->refresh();
        // A new run means the schedule moved on: fetch the watcher's new
        // next_run_at (once per run, not on every status change).
        if (data.value(QStringLiteral("action")).toString() != QStringLiteral("created"))
            return;
        const QString watcherId = JsonTableModel::keyOf(run, QStringLiteral("watcher_id"));
        m_session->get(QStringLiteral("/api/v1/watchers/") + watcherId, this,
                       [this](const client::ApiReply &reply) {
                           if (!reply.isSuccess())
                               return;
                           QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
                           watcher.remove(QStringLiteral("script"));
                           if (m_model->indexOf(JsonTableModel::keyOf(watcher)) >= 0)
                               m_model->upsert(watcher);
                       });
    }
}

QString WatchersPage::selectedId() const
{
    return selectedKey(*m_view, *m_model);
}

void WatchersPage::selectWatcher(const QString &id)
{
    const int row = m_model->indexOf(id);
    if (row >= 0)
        m_view->selectRow(row);
}

void WatchersPage::updateActions()
{
    const bool connected = m_session != nullptr;
    const bool selected = connected && !selectedId().isEmpty();
    m_new->setEnabled(connected);
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_run->setEnabled(selected);
}

void WatchersPage::newWatcher()
{
    if (m_session)
        openEditor({});
}

void WatchersPage::editSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->get(
        QStringLiteral("/api/v1/watchers/") + id, this, [this](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                emit message(tr("Could not load the watcher: %1").arg(reply.errorMessage()));
                return;
            }
            openEditor(QJsonDocument::fromJson(reply.body).object());
        });
}

void WatchersPage::openEditor(const QJsonObject &watcher)
{
    auto *editor = new WatcherEditor(*m_session, watcher, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &WatcherEditor::saved, this, [this](const QJsonObject &saved) {
        QJsonObject row = saved;
        row.remove(QStringLiteral("script"));
        m_model->upsert(row);
        selectWatcher(JsonTableModel::keyOf(saved));
        emit message(tr("Saved \"%1\".").arg(saved.value(QStringLiteral("name")).toString()));
    });
    editor->open();
    emit editorOpened(editor);
}

void WatchersPage::deleteSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    const QString name =
        m_model->rowAt(m_model->indexOf(id)).value(QStringLiteral("name")).toString();
    const auto answer = QMessageBox::question(
        this, tr("Delete watcher"),
        tr("Delete \"%1\" with its runs and logs? This cannot be undone.").arg(name));
    if (answer != QMessageBox::Yes)
        return;
    m_session->request(
        "DELETE", QStringLiteral("/api/v1/watchers/") + id, {}, this,
        [this, id, name](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                emit message(tr("Could not delete \"%1\": %2").arg(name, reply.errorMessage()));
                return;
            }
            m_model->remove(id);
            updateActions();
            emit message(tr("Deleted \"%1\".").arg(name));
        });
}

void WatchersPage::runSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->request("POST", QStringLiteral("/api/v1/watchers/") + id + QStringLiteral("/run"),
                       {}, this, [this](const client::ApiReply &reply) {
                           if (!reply.isSuccess()) {
                               emit message(
                                   tr("Could not start a run: %1").arg(reply.errorMessage()));
                               return;
                           }
                           const QJsonObject run = QJsonDocument::fromJson(reply.body).object();
                           emit message(tr("Run %1 started.").arg(JsonTableModel::keyOf(run)));
                       });
}

void WatchersPage::setEnabled(const QString &id, bool enabled)
{
    if (!m_session)
        return;
    m_session->request(
        "PATCH", QStringLiteral("/api/v1/watchers/") + id,
        { { QStringLiteral("enabled"), enabled } }, this, [this](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                emit message(tr("Could not change the watcher: %1").arg(reply.errorMessage()));
                return;
            }
            QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
            watcher.remove(QStringLiteral("script"));
            m_model->upsert(watcher);
        });
}

} // namespace hearth::ui
