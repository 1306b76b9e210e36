#pragma once

#include "client/ApiTypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QListWidget;
class QTabWidget;

namespace hearth::ui {

class DiffView;
class Session;
class ValueChart;

// A watcher's history: its snapshots, newest first, each shown against the
// one before it (inline or side by side; added green, removed red), and —
// when its runs returned numbers — a chart of the value over time.
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDialog(Session &session, const QString &watcherId, const QString &watcherName,
                  QWidget *parent = nullptr);

    // Shows the snapshot `runId` kept once the list is in (a notification's
    // run); the newest when it kept none.
    void showRun(const QString &runId);
    void selectSnapshot(int row);

    QListWidget *snapshotList() const { return m_list; }
    DiffView *diffView() const { return m_diff; }
    ValueChart *chart() const { return m_chart; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *modeBox() const { return m_mode; }
    QString statusText() const;
    // Loaded, with neither snapshots nor values.
    bool isEmpty() const;

signals:
    void loaded();
    void diffShown();

private:
    void loadSnapshots();
    void loadValues();
    void showSelected();
    void finishedPart();

    Session &m_session;
    QString m_watcherId;
    QList<client::Snapshot> m_snapshots;
    QString m_wantedRun;
    int m_partsLeft = 2;
    int m_request = 0; // the diff asked for last; older answers are dropped
    QTabWidget *m_tabs;
    QListWidget *m_list;
    QComboBox *m_mode;
    QLabel *m_status;
    DiffView *m_diff;
    ValueChart *m_chart;
};

} // namespace hearth::ui
