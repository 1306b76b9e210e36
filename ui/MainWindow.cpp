#include "MainWindow.h"

#include "Session.h"
#include "pages/HistoryDialog.h"
#include "pages/LogsPage.h"
#include "pages/NotificationsPage.h"
#include "pages/RunsPage.h"
#include "pages/SecretsPage.h"
#include "pages/SettingsPage.h"
#include "pages/WatchersPage.h"
#include "tray/StateIcon.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace hearth::ui {

MainWindow::MainWindow(const QString &dataDir, const QString &workerSettingsPath, QWidget *parent)
    : QMainWindow(parent)
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_banner(new QLabel(this))
    , m_connection(new QLabel(this))
{
    setWindowIcon(stateIcon(TrayState::Running));
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setMaximumWidth(170);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fff3cd; color: #5c4400; padding: 6px;"));
    m_banner->hide();

    m_watchers = new WatchersPage(this);
    m_runs = new RunsPage(this);
    m_logs = new LogsPage(this);
    m_secrets = new SecretsPage(this);
    m_notifications = new NotificationsPage(this);
    m_settings = new SettingsPage(dataDir, workerSettingsPath, this);
    addPage(m_watchers, tr("Watchers"));
    addPage(m_runs, tr("Runs"));
    addPage(m_logs, tr("Logs"));
    addPage(m_secrets, tr("Secrets"));
    addPage(m_notifications, tr("Notifications"));
    addPage(m_settings, tr("Settings"));
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        m_stack->setCurrentIndex(row);
        // The title names the page, as a window list or screen reader shows it.
        if (QListWidgetItem *item = m_nav->item(row))
            setWindowTitle(tr("%1 — Hearth").arg(item->text()));
    });
    m_nav->setCurrentRow(0);
    // The badge: how many changes made over MCP await the user.
    connect(m_watchers, &WatchersPage::awaitingApprovalChanged, this, [this](int count) {
        QListWidgetItem *item = m_nav->item(int(PageId::Watchers));
        const QString title = tr("Watchers");
        item->setText(count > 0 ? tr("%1 (%2)").arg(title).arg(count) : title);
        item->setData(Qt::AccessibleTextRole,
                      count > 0 ? tr("%1, %n awaiting approval", nullptr, count).arg(title)
                                : title);
    });
    connect(m_watchers, &WatchersPage::historyRequested, this,
            [this](const QString &watcherId, const QString &runId) {
                openHistory(watcherId, runId, false);
            });

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->addWidget(m_banner);
    auto *row = new QHBoxLayout;
    row->addWidget(m_nav);
    row->addWidget(m_stack, 1);
    outer->addLayout(row);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_connection);
    auto *closeWindow = new QAction(this);
    closeWindow->setShortcut(QKeySequence::Close);
    connect(closeWindow, &QAction::triggered, this, &QWidget::close);
    addAction(closeWindow);
    setSession(nullptr);
    resize(1000, 680);
}

void MainWindow::addPage(Page *page, const QString &title)
{
    m_pages.append(page);
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(title, m_nav);
    item->setData(Qt::AccessibleTextRole, title);
    // Ctrl+1…6 reach a page from anywhere in the window.
    const int index = int(m_pages.size()) - 1;
    auto *jump = new QAction(this);
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    connect(jump, &QAction::triggered, this, [this, index]() { showPage(PageId(index)); });
    addAction(jump);
    item->setToolTip(tr("%1 (%2)").arg(title, jump->shortcut().toString(QKeySequence::NativeText)));
    connect(page, &Page::openRunRequested, this, &MainWindow::openRun);
    connect(page, &Page::openFindingRequested, this,
            [this](const QString &watcherId, const QString &runId) {
                openHistory(watcherId, runId, true);
            });
    connect(page, &Page::message, this, &MainWindow::showMessage);
}

void MainWindow::setSession(Session *session)
{
    m_session = session;
    for (Page *page : std::as_const(m_pages))
        page->setSession(session);
    if (!session) {
        m_connection->setText(tr("Not connected"));
        return;
    }
    m_connection->setText(tr("Connected to %1").arg(session->runtime().baseUrl().toString()));
    connect(session, &Session::liveChanged, this, [this, session](bool live, const QString &why) {
        m_connection->setText(
            live ? tr("Connected to %1").arg(session->runtime().baseUrl().toString())
                 : tr("Reconnecting… (%1)").arg(why));
    });
    connect(session, &Session::resetNeeded, this, [this]() {
        for (Page *page : std::as_const(m_pages))
            page->reload();
    });
}

void MainWindow::showPage(PageId page)
{
    m_nav->setCurrentRow(int(page));
}

MainWindow::PageId MainWindow::currentPage() const
{
    return PageId(m_stack->currentIndex());
}

void MainWindow::openRun(const QString &runId)
{
    showPage(Runs);
    m_runs->openRun(runId);
    show();
    raise();
    activateWindow();
}

HistoryDialog *MainWindow::openHistory(const QString &watcherId, const QString &runId,
                                       bool orTheRun)
{
    if (!m_session)
        return nullptr;
    const client::Watcher *watcher = m_session->watchers().find(watcherId);
    auto *dialog =
        new HistoryDialog(*m_session, watcherId, watcher ? watcher->spec.name : watcherId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showRun(runId);
    // Shown once its lists are in: a watcher that kept nothing to show
    // opens its run instead, without a flash of an empty window.
    connect(dialog, &HistoryDialog::loaded, this, [this, dialog, runId, orTheRun]() {
        if (orTheRun && dialog->isEmpty() && !runId.isEmpty()) {
            dialog->close();
            openRun(runId);
            return;
        }
        show();
        raise();
        dialog->open();
    });
    emit historyOpened(dialog);
    return dialog;
}

void MainWindow::setBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QString MainWindow::connectionText() const
{
    return m_connection->text();
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 10000);
}

void MainWindow::addRuntimeActions(const QList<QAction *> &actions)
{
    QToolBar *toolbar = addToolBar(tr("Runtime"));
    toolbar->setObjectName(QStringLiteral("runtimeToolbar"));
    toolbar->setMovable(false);
    toolbar->addActions(actions);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    emit closing();
    QMainWindow::closeEvent(event);
}

} // namespace hearth::ui
