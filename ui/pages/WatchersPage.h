#pragma once

#include "Page.h"
#include "client/ApiEvents.h"
#include "models/RecordTableModel.h"

#include <QHash>
#include <QTimer>

class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QVBoxLayout;

namespace hearth::ui {

class ApprovalDialog;
class NewWatcherDialog;
class WatcherEditor;

// Every watcher with its schedule in words, next run and last status; an
// enabled toggle per row; New (templates first), Edit, History, Delete and
// Run now. While there is no watcher, a welcome in its place: what Hearth
// does, the templates to start from, and the start-at-login choice.
// Watchers created or changed over MCP await approval: a bar says how many,
// their rows say so, and Review… opens the change with Approve and Reject.

class WatchersPage : public Page
{
    Q_OBJECT
public:
    explicit WatchersPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    using Model = RecordTableModel<client::Watcher>;
    // Over the session's watchers.
    Model *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The watcher of the selected row (empty when none).
    QString selectedId() const;
    void selectWatcher(const QString &id);

    // Actions (buttons, and tests). Edit fetches the full watcher first and
    // opens the editor when it is in; `editorOpened` follows. New opens the
    // template dialog (`newDialogOpened`), on `recipe` when given.
    void newWatcher(const QString &recipe = {});
    // A new watcher from an empty Lua script (the editor).
    void writeScript();
    void historyOfSelected();
    void editSelected();
    void deleteSelected();
    void runSelected();
    // The selected watcher's change awaiting approval (the first one's when
    // the selected one has none).
    void reviewSelected();
    int awaitingApproval() const { return m_awaitingApproval; }
    QLabel *approvalBar() const { return m_approvalText; }
    // The runtime is asked; the table changes when it confirms.
    void setEnabled(const QString &id, bool enabled);

    bool isShowingWelcome() const;
    QWidget *welcome() const { return m_welcome; }
    QCheckBox *startAtLogin() const { return m_startAtLogin; }

signals:
    void editorOpened(WatcherEditor *editor);
    void approvalOpened(ApprovalDialog *dialog);
    // How many watchers await approval changed (the window's badge).
    void awaitingApprovalChanged(int count);
    void newDialogOpened(NewWatcherDialog *dialog);
    // History… on a watcher (the main window opens it).
    void historyRequested(const QString &watcherId, const QString &runId);
    void loaded();

private:
    QWidget *buildWelcome();
    void loadTemplates();
    void updateWelcome();
    void openEditor(const std::optional<client::Watcher> &watcher);
    void showSaved(const client::Watcher &saved);
    void onRunChanged(const client::RunEvent &event);
    void updateActions();
    void updateApprovals();

    Model *m_model;
    QTableView *m_view;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_run;
    QPushButton *m_history;
    QPushButton *m_review;
    QWidget *m_approvalBar;
    QLabel *m_approvalText;
    int m_awaitingApproval = 0;
    // Counting them is a pass over every row: once per burst of changes
    // (each run event changes a row), not once per change.
    QTimer m_countApprovals;
    QStackedWidget *m_stack;
    QWidget *m_table;
    QWidget *m_welcome;
    QVBoxLayout *m_welcomeTemplates; // a button per template
    QCheckBox *m_startAtLogin;
    // The session's listing came in (a copy: the session may be going
    // away when the welcome is decided).
    bool m_watchersLoaded = false;
    // Watcher id → its newest run's status.
    QHash<QString, scheduler::RunStatus> m_lastStatus;
};

} // namespace hearth::ui
