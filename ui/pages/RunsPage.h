#pragma once

#include "Page.h"

#include <QHash>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace hearth::ui {

class JsonTableModel;

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

    JsonTableModel *model() const { return m_model; }
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

protected:
    void onEvent(const QByteArray &type, const QJsonObject &data) override;

private:
    bool matchesFilter(const QJsonObject &run) const;
    void showDetail();
    void loadWatcherNames();
    void updateActions();

    JsonTableModel *m_model;
    QTableView *m_view;
    QComboBox *m_watcherFilter;
    QComboBox *m_statusFilter;
    QLabel *m_detail;
    QPlainTextEdit *m_result;
    QPlainTextEdit *m_logs;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QHash<QString, QString> m_watcherNames;
    QString m_shownRun;
};

} // namespace hearth::ui
