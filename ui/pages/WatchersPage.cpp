#include "WatchersPage.h"

#include "ApprovalDialog.h"
#include "NewWatcherDialog.h"
#include "Session.h"
#include "Tables.h"
#include "WatcherEditor.h"
#include "client/Format.h"
#include "tray/Autostart.h"

#include <QCheckBox>
#include <QCommandLinkButton>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
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
              text([](Row watcher) { return client::format::startsWhen(watcher.spec); }),
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
            { tr("Changed by"),
              [](Row watcher, int role) -> QVariant {
                  if (role == Qt::DisplayRole)
                      return actorText(watcher.updatedBy);
                  if (role == Qt::ToolTipRole)
                      return tr("Created by %1, last changed by %2")
                          .arg(actorText(watcher.createdBy), actorText(watcher.updatedBy));
                  return {};
              },
              {} },
            { tr("Enabled"),
              [](Row watcher, int role) -> QVariant {
                  if (role == Qt::CheckStateRole)
                      return watcher.spec.enabled ? Qt::Checked : Qt::Unchecked;
                  if (watcher.awaitsApproval()) {
                      if (role == Qt::DisplayRole)
                          return tr("Awaiting approval");
                      if (role == Qt::ToolTipRole)
                          return tr("Changed by %1: review the change to approve or reject it")
                              .arg(actorText(watcher.approvalRequestedBy));
                  }
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
    m_history = new QPushButton(tr("&History…"), this);
    m_history->setToolTip(tr("What the watcher saw: its snapshots, what changed, its values"));
    m_review = new QPushButton(tr("Re&view…"), this);
    m_review->setToolTip(tr("See a change made over MCP, and approve or reject it"));
    connect(m_review, &QPushButton::clicked, this, &WatchersPage::reviewSelected);
    connect(m_new, &QPushButton::clicked, this, [this]() { newWatcher(); });
    connect(m_history, &QPushButton::clicked, this, &WatchersPage::historyOfSelected);
    connect(m_edit, &QPushButton::clicked, this, &WatchersPage::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &WatchersPage::deleteSelected);
    connect(m_run, &QPushButton::clicked, this, &WatchersPage::runSelected);
    m_table = new QWidget(this);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_new, m_edit, m_history, m_delete, m_run, m_review })
        buttons->addWidget(button);
    buttons->addStretch();
    m_approvalBar = new QWidget(this);
    m_approvalBar->setObjectName(QStringLiteral("approvalBar"));
    m_approvalBar->setStyleSheet(
        QStringLiteral("#approvalBar { background: #fff3cd; } QLabel { color: #5c4400; }"));
    m_approvalText = new QLabel(m_approvalBar);
    m_approvalText->setWordWrap(true);
    auto *reviewFirst = new QPushButton(tr("Review…"), m_approvalBar);
    connect(reviewFirst, &QPushButton::clicked, this, &WatchersPage::reviewSelected);
    auto *barLayout = new QHBoxLayout(m_approvalBar);
    barLayout->addWidget(m_approvalText, 1);
    barLayout->addWidget(reviewFirst);
    m_approvalBar->hide();
    auto *tableLayout = new QVBoxLayout(m_table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_approvalBar);
    tableLayout->addLayout(buttons);
    tableLayout->addWidget(m_view);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(buildWelcome());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WatchersPage::updateWelcome);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WatchersPage::updateWelcome);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WatchersPage::updateWelcome);
    m_countApprovals.setSingleShot(true);
    m_countApprovals.setInterval(100);
    connect(&m_countApprovals, &QTimer::timeout, this, &WatchersPage::updateApprovals);
    const auto countSoon = [this]() {
        if (!m_countApprovals.isActive())
            m_countApprovals.start();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, countSoon);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, countSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, countSoon);
    connect(m_model, &QAbstractItemModel::dataChanged, this, countSoon);
    updateActions();
}

void WatchersPage::updateApprovals()
{
    int awaiting = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        awaiting += m_model->recordAt(row)->awaitsApproval() ? 1 : 0;
    m_approvalText->setText(
        tr("%n watcher(s) created or changed over MCP await your approval: they do not run until "
           "you approve.",
           nullptr, awaiting));
    m_approvalBar->setVisible(awaiting > 0);
    updateActions();
    if (awaiting != m_awaitingApproval) {
        m_awaitingApproval = awaiting;
        emit awaitingApprovalChanged(awaiting);
    }
}

QWidget *WatchersPage::buildWelcome()
{
    m_welcome = new QWidget(this);
    m_welcome->setObjectName(QStringLiteral("welcome"));
    auto *title = new QLabel(tr("Welcome to Hearth"), m_welcome);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto *about = new QLabel(
        tr("Hearth watches things for you on this computer: a page, a feed, an API, a price.\n"
           "It checks them on a schedule and tells you what changed.\n"
           "Nothing leaves your machine, and every script runs in a sandbox."),
        m_welcome);
    about->setWordWrap(true);
    auto *start = new QLabel(tr("Start with one of these:"), m_welcome);
    m_welcomeTemplates = new QVBoxLayout;
    auto *writeScript = new QPushButton(tr("Write a Lua script…"), m_welcome);
    connect(writeScript, &QPushButton::clicked, this, &WatchersPage::writeScript);
    m_startAtLogin = new QCheckBox(tr("Start Hearth at &login"), m_welcome);
    m_startAtLogin->setChecked(autostart::isEnabled());
    connect(m_startAtLogin, &QCheckBox::toggled, this, [this](bool enabled) {
        QString error;
        if (!autostart::setEnabled(enabled, &error)) {
            emit message(tr("Could not change start at login: %1").arg(error));
            const QSignalBlocker blocker(m_startAtLogin);
            m_startAtLogin->setChecked(autostart::isEnabled());
        }
    });
    auto *layout = new QVBoxLayout(m_welcome);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addWidget(about);
    layout->addSpacing(12);
    layout->addWidget(start);
    layout->addLayout(m_welcomeTemplates);
    layout->addWidget(writeScript, 0, Qt::AlignLeft);
    layout->addSpacing(12);
    layout->addWidget(m_startAtLogin);
    layout->addStretch();
    return m_welcome;
}

void WatchersPage::loadTemplates()
{
    m_session->send(client::api::templates(), this,
                    [this](const client::Answer<QList<client::WatcherTemplateInfo>> &answer) {
                        while (QLayoutItem *item = m_welcomeTemplates->takeAt(0)) {
                            delete item->widget();
                            delete item;
                        }
                        if (!answer.ok())
                            return;
                        for (const client::WatcherTemplateInfo &info : *answer.value) {
                            // A title and a description that wraps: it fits a narrow window
                            // in any language.
                            auto *button =
                                new QCommandLinkButton(templateText(info.title),
                                                       templateText(info.description), m_welcome);
                            button->setObjectName(info.name);
                            connect(button, &QPushButton::clicked, this,
                                    [this, name = info.name]() { newWatcher(name); });
                            m_welcomeTemplates->addWidget(button);
                        }
                    });
}

// The welcome stands in for the table while the runtime has no watcher.
// Asked of the model: the session may be going away (its list resets the
// model as it is destroyed).
void WatchersPage::updateWelcome()
{
    const bool welcome = m_watchersLoaded && m_model->hasList() && m_model->rowCount() == 0;
    m_stack->setCurrentWidget(welcome ? m_welcome : m_table);
    if (welcome) {
        // As the login item is now (Settings may have changed it).
        const QSignalBlocker blocker(m_startAtLogin);
        m_startAtLogin->setChecked(autostart::isEnabled());
    }
}

bool WatchersPage::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

void WatchersPage::setSession(Session *session)
{
    followSession(session);
    m_watchersLoaded = session && session->hasLoadedWatchers();
    m_model->setList(session ? &session->watchers() : nullptr);
    m_lastStatus.clear();
    if (session) {
        connect(session, &Session::runChanged, this, &WatchersPage::onRunChanged);
        connect(session, &Session::watchersLoadFailed, this, [this](const QString &why) {
            emit message(tr("Could not load watchers: %1").arg(why));
        });
        // Not before the listing is in: a store with watchers never shows it.
        connect(session, &Session::watchersLoaded, this, [this]() {
            m_watchersLoaded = true;
            updateWelcome();
        });
        reload();
        loadTemplates();
    }
    updateWelcome();
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
    m_history->setEnabled(selected);
    const client::Watcher *watcher = selected ? m_model->find(selectedId()) : nullptr;
    m_review->setEnabled(watcher && watcher->awaitsApproval());
}

void WatchersPage::reviewSelected()
{
    if (!m_session)
        return;
    QString id = selectedId();
    const client::Watcher *watcher = id.isEmpty() ? nullptr : m_model->find(id);
    if (!watcher || !watcher->awaitsApproval()) {
        id.clear();
        for (int row = 0; row < m_model->rowCount() && id.isEmpty(); ++row) {
            if (m_model->recordAt(row)->awaitsApproval())
                id = m_model->recordAt(row)->id;
        }
    }
    if (id.isEmpty())
        return;
    selectWatcher(id);
    auto *dialog = new ApprovalDialog(*m_session, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApprovalDialog::decided, this, &Page::message);
    dialog->open();
    emit approvalOpened(dialog);
}

void WatchersPage::newWatcher(const QString &recipe)
{
    if (!m_session)
        return;
    auto *dialog = new NewWatcherDialog(*m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!recipe.isEmpty())
        dialog->chooseTemplate(recipe);
    connect(dialog, &NewWatcherDialog::saved, this, &WatchersPage::showSaved);
    connect(dialog, &NewWatcherDialog::writeScriptRequested, this, &WatchersPage::openEditor);
    dialog->open();
    emit newDialogOpened(dialog);
}

void WatchersPage::writeScript()
{
    if (m_session)
        openEditor(std::nullopt);
}

void WatchersPage::historyOfSelected()
{
    const QString id = selectedId();
    if (m_session && !id.isEmpty())
        emit historyRequested(id, {});
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
    connect(editor, &WatcherEditor::saved, this, &WatchersPage::showSaved);
    editor->open();
    emit editorOpened(editor);
}

void WatchersPage::showSaved(const client::Watcher &saved)
{
    m_session->showWatcher(saved);
    selectWatcher(saved.id);
    emit message(tr("Saved \"%1\".").arg(saved.spec.name));
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
