#pragma once

#include "Page.h"
#include "client/ApiEvents.h"
#include "models/RecordTableModel.h"

#include <QHash>

class QPushButton;
class QTableView;

namespace hearth::ui {

class WatcherEditor;

// Every watcher with its schedule in words, next run and last status; an
// enabled toggle per row; New, Edit, Delete and Run now.
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
    // opens the editor when it is in; `editorOpened` follows.
    void newWatcher();
    void editSelected();
    void deleteSelected();
    void runSelected();
    // The runtime is asked; the table changes when it confirms.
    void setEnabled(const QString &id, bool enabled);

signals:
    void editorOpened(WatcherEditor *editor);
    void loaded();

private:
    void openEditor(const std::optional<client::Watcher> &watcher);
    void onRunChanged(const client::RunEvent &event);
    void updateActions();

    Model *m_model;
    QTableView *m_view;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_run;
    // Watcher id → its newest run's status.
    QHash<QString, scheduler::RunStatus> m_lastStatus;
};

} // namespace hearth::ui
