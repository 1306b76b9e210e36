#pragma once

#include "Page.h"

#include <QHash>
#include <QJsonObject>

class QPushButton;
class QTableView;

namespace hearth::ui {

class JsonTableModel;
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

    JsonTableModel *model() const { return m_model; }
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

protected:
    void onEvent(const QByteArray &type, const QJsonObject &data) override;

private:
    void openEditor(const QJsonObject &watcher);
    void updateActions();

    JsonTableModel *m_model;
    QTableView *m_view;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_run;
    // Watcher id → its newest run's status.
    QHash<QString, QString> m_lastStatus;
};

} // namespace hearth::ui
