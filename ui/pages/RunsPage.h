#pragma once

#include "Page.h"
#include "client/ApiEvents.h"
#include "models/RecordTableModel.h"

#include <QTimer>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace hearth::ui {

// Runs, newest first, filtered by watcher and status; the selected run's
// status, timing, attempts, result (formatted JSON), output and logs;
// Cancel and Retry.
class RunsPage : public Page
{
    Q_OBJECT
public:
    explicit RunsPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    using Model = RecordTableModel<client::Run>;
    Model *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString selectedId() const;
    // Selects a run (loading it when it is not in the list) and shows it.
    void openRun(const QString &runId);
    void setStatusFilter(const QString &status);
    void cancelSelected();
    void retrySelected();
    QString detailText() const;
    QString logText() const;

signals:
    void loaded();
    void detailShown(const QString &runId);

private:
    bool matchesFilter(const client::Run &run) const;
    void onRunChanged(const client::RunEvent &event);
    void showDetail();
    void updateWatcherFilter();
    QString watcherName(const QString &watcherId) const;
    void updateActions();

    RecordList<client::Run> m_runs;
    Model *m_model;
    QTableView *m_view;
    QComboBox *m_watcherFilter;
    QComboBox *m_statusFilter;
    QLabel *m_detail;
    QPlainTextEdit *m_result;
    QPlainTextEdit *m_logs;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QString m_shownRun;
    QTimer m_filterTimer;
};

} // namespace hearth::ui
