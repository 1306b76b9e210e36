#include "WatchersPage.h"

#include "Session.h"
#include "Tables.h"
#include "WatcherEditor.h"
#include "client/Format.h"

#include <QFont>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

WatchersPage::WatchersPage(QWidget *parent)
    : Page(parent)
    , m_view(new QTableView(this))
{
    using Row = const client::Watcher &;
    const auto text = &Model::displayText;
    m_model = new Model(
        {
            { tr("Name"), text([](Row watcher) { return watcher.spec.name; }), {} },
            { tr("Kind"),
              text([](Row watcher) { return scheduler::watcherKindName(watcher.spec.kind()); }),
              {} },
            { tr("Schedule"),
              text([](Row watcher) { return client::format::schedule(watcher.spec.schedule); }),
              {} },
            { tr("Next run"),
              text([](Row watcher) { return client::format::localTime(watcher.nextRunAt); }),
              {} },
            { tr("Last status"),
              text([this](Row watcher) {
                  const auto status = m_lastStatus.constFind(watcher.id);
                  return status == m_lastStatus.cend() ? QStringLiteral("—")
                                                       : scheduler::runStatusName(*status);
              }),
              {} },
            { tr("Enabled"),
              [](Row watcher, int role) -> QVariant {
                  if (role == Qt::CheckStateRole)
                      return watcher.spec.enabled ? Qt::Checked : Qt::Unchecked;
                  return {};
              },
              [this](Row watcher, bool checked) {
                  setEnabled(watcher.id, checked);
              } },
        },
        this);
    setUpTable(m_view, m_model, tr("Watchers"));
    connect(m_view, &QTableView::doubleClicked, this, &WatchersPage::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WatchersPage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WatchersPage::updateActions);

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
    m_model->setList(session ? &session->watchers() : nullptr);
    m_lastStatus.clear();
    if (session) {
        connect(session, &Session::runChanged, this, &WatchersPage::onRunChanged);
        connect(session, &Session::watchersLoadFailed, this, [this](const QString &why) {
            emit message(tr("Could not load watchers: %1").arg(why));
        });
        reload();
    }
    updateActions();
}

void WatchersPage::reload()
{
    if (!m_session)
        return;
    // The watchers are the session's; the page adds each one's newest run.
    m_session->send(client::api::runs({ {}, {}, QStringLiteral("500") }), this,
                    [this](const client::Answer<client::Page<client::Run>> &runs) {
                        if (runs.ok()) {
                            m_lastStatus.clear();
                            for (const client::Run &run : runs.value->items) {
                                if (!m_lastStatus.contains(run.watcherId)) // newest first
                                    m_lastStatus.insert(run.watcherId, run.status);
                            }
                            m_model->refresh();
                        }
                        emit loaded();
                    });
}

void WatchersPage::onRunChanged(const client::RunEvent &event)
{
    m_lastStatus.insert(event.run.watcherId, event.run.status);
    const int row = m_model->indexOf(event.run.watcherId);
    if (row >= 0)
        emit m_model->dataChanged(m_model->index(row, 0),
                                  m_model->index(row, m_model->columnCount() - 1));
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
        openEditor(std::nullopt);
}

void WatchersPage::editSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->send(
        client::api::watcher(id), this, [this](const client::Answer<client::Watcher> &answer) {
            if (!answer.ok()) {
                emit message(tr("Could not load the watcher: %1").arg(answer.reply.errorMessage()));
                return;
            }
            openEditor(answer.value);
        });
}

void WatchersPage::openEditor(const std::optional<client::Watcher> &watcher)
{
    auto *editor = new WatcherEditor(*m_session, watcher, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &WatcherEditor::saved, this, [this](const client::Watcher &saved) {
        m_session->showWatcher(saved);
        selectWatcher(saved.id);
        emit message(tr("Saved \"%1\".").arg(saved.spec.name));
    });
    editor->open();
    emit editorOpened(editor);
}

void WatchersPage::deleteSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    const client::Watcher *watcher = m_model->find(id);
    if (!watcher)
        return;
    const QString name = watcher->spec.name;
    const auto answer = QMessageBox::question(
        this, tr("Delete watcher"),
        tr("Delete \"%1\" with its runs and logs? This cannot be undone.").arg(name));
    if (answer != QMessageBox::Yes)
        return;
    m_session->send(
        client::api::deleteWatcher(id), this,
        [this, id, name](const client::Answer<client::Done> &answer) {
            if (!answer.ok()) {
                emit message(
                    tr("Could not delete \"%1\": %2").arg(name, answer.reply.errorMessage()));
                return;
            }
            m_session->watchers().remove(id);
            emit message(tr("Deleted \"%1\".").arg(name));
        });
}

void WatchersPage::runSelected()
{
    const QString id = selectedId();
    if (!m_session || id.isEmpty())
        return;
    m_session->send(
        client::api::runWatcher(id), this, [this](const client::Answer<client::Run> &answer) {
            if (!answer.ok()) {
                emit message(tr("Could not start a run: %1").arg(answer.reply.errorMessage()));
                return;
            }
            emit message(tr("Run %1 started.").arg(answer.value->id));
        });
}

void WatchersPage::setEnabled(const QString &id, bool enabled)
{
    if (!m_session)
        return;
    client::WatcherChanges changes;
    changes.enabled = enabled;
    m_session->send(
        client::api::updateWatcher(id, changes), this,
        [this](const client::Answer<client::Watcher> &answer) {
            if (!answer.ok()) {
                emit message(
                    tr("Could not change the watcher: %1").arg(answer.reply.errorMessage()));
                return;
            }
            m_session->showWatcher(*answer.value);
        });
}

} // namespace hearth::ui
