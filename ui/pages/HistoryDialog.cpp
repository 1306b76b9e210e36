#include "HistoryDialog.h"

#include "Session.h"
#include "client/Format.h"
#include "widgets/DiffView.h"
#include "widgets/ValueChart.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
// The runs the chart reads (the newest); the API's largest page.
const QString ChartedRuns = QStringLiteral("1000");
} // namespace

HistoryDialog::HistoryDialog(Session &session, const QString &watcherId, const QString &watcherName,
                             QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_watcherId(watcherId)
    , m_tabs(new QTabWidget(this))
    , m_list(new QListWidget(this))
    , m_mode(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_diff(new DiffView(this))
    , m_chart(new ValueChart(this))
{
    setWindowTitle(tr("History of %1").arg(watcherName));
    m_list->setAccessibleName(tr("Snapshots"));
    m_mode->addItem(tr("Inline"), int(DiffView::Mode::Inline));
    m_mode->addItem(tr("Side by side"), int(DiffView::Mode::SideBySide));
    m_mode->setAccessibleName(tr("Show changes"));
    m_status->setWordWrap(true);

    auto *changes = new QWidget(m_tabs);
    auto *changesLayout = new QVBoxLayout(changes);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_mode);
    changesLayout->addLayout(top);
    auto *split = new QSplitter(changes);
    split->addWidget(m_list);
    split->addWidget(m_diff);
    split->setStretchFactor(1, 1);
    changesLayout->addWidget(split, 1);
    m_tabs->addTab(changes, tr("&Changes"));
    m_tabs->addTab(m_chart, tr("&Value"));
    m_tabs->setTabEnabled(1, false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &HistoryDialog::showSelected);
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this]() { m_diff->setMode(DiffView::Mode(m_mode->currentData().toInt())); });
    m_status->setText(tr("Loading…"));
    resize(900, 600);
    loadSnapshots();
    loadValues();
}

QString HistoryDialog::statusText() const
{
    return m_status->text();
}

bool HistoryDialog::isEmpty() const
{
    return m_partsLeft == 0 && m_snapshots.isEmpty() && m_chart->pointCount() == 0;
}

void HistoryDialog::loadSnapshots()
{
    m_session.send(
        client::api::snapshots(m_watcherId, {}), this,
        [this](const client::Answer<client::Page<client::Snapshot>> &answer) {
            if (!answer.ok()) {
                m_status->setText(
                    tr("Could not load the snapshots: %1").arg(answer.reply.errorMessage()));
                finishedPart();
                return;
            }
            m_snapshots = answer.value->items;
            for (const client::Snapshot &snapshot : std::as_const(m_snapshots)) {
                new QListWidgetItem(tr("%1 (%2)").arg(client::format::localTime(snapshot.createdAt),
                                                      QLocale().formattedDataSize(snapshot.size)),
                                    m_list);
            }
            if (m_snapshots.isEmpty())
                m_status->setText(tr("No snapshots yet: a watcher keeps one each time it runs "
                                     "with snapshot.save or a snapshot in its result."));
            finishedPart();
        });
}

void HistoryDialog::loadValues()
{
    client::RunQuery query;
    query.watcherId = m_watcherId;
    query.status = scheduler::runStatusName(scheduler::RunStatus::Succeeded);
    query.limit = ChartedRuns;
    m_session.send(client::api::runs(query), this,
                   [this](const client::Answer<client::Page<client::Run>> &answer) {
                       if (answer.ok()) {
                           const QList<ValuePoint> points = valuePoints(answer.value->items);
                           m_chart->setPoints(points);
                           m_tabs->setTabEnabled(1, !points.isEmpty());
                       }
                       finishedPart();
                   });
}

// Both lists are in: the wanted snapshot is shown, or the chart when there
// are values and no snapshots.
void HistoryDialog::finishedPart()
{
    if (--m_partsLeft > 0)
        return;
    if (m_snapshots.isEmpty() && m_tabs->isTabEnabled(1))
        m_tabs->setCurrentIndex(1);
    if (!m_snapshots.isEmpty()) {
        int row = 0;
        for (int i = 0; i < m_snapshots.size(); ++i) {
            if (!m_wantedRun.isEmpty() && m_snapshots.at(i).runId == m_wantedRun)
                row = i;
        }
        if (m_list->currentRow() == row)
            showSelected();
        else
            m_list->setCurrentRow(row);
    }
    emit loaded();
}

void HistoryDialog::showRun(const QString &runId)
{
    m_wantedRun = runId;
    if (m_partsLeft > 0)
        return;
    for (int i = 0; i < m_snapshots.size(); ++i) {
        if (m_snapshots.at(i).runId == runId)
            m_list->setCurrentRow(i);
    }
}

void HistoryDialog::selectSnapshot(int row)
{
    m_list->setCurrentRow(row);
}

void HistoryDialog::showSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_snapshots.size())
        return;
    const int request = ++m_request;
    const client::Snapshot &shown = m_snapshots.at(row);
    // The oldest is shown whole: there is nothing before it to compare.
    if (row == m_snapshots.size() - 1) {
        m_session.send(client::api::snapshot(m_watcherId, shown.id), this,
                       [this, request](const client::Answer<client::Snapshot> &answer) {
                           if (request != m_request)
                               return;
                           if (!answer.ok()) {
                               m_status->setText(answer.reply.errorMessage());
                               return;
                           }
                           m_status->setText(tr("The first snapshot kept."));
                           m_diff->setText(answer.value->text);
                           emit diffShown();
                       });
        return;
    }
    const client::Snapshot &before = m_snapshots.at(row + 1);
    m_session.send(
        client::api::snapshotDiff(m_watcherId, before.id, shown.id, QStringLiteral("lines")), this,
        [this, request](const client::Answer<client::SnapshotDiff> &answer) {
            if (request != m_request)
                return;
            if (!answer.ok()) {
                m_status->setText(answer.reply.errorMessage());
                return;
            }
            const client::SnapshotDiff &diff = *answer.value;
            if (!diff.changed) {
                m_status->setText(tr("Nothing changed since the snapshot before."));
            } else {
                m_status->setText(
                    tr("%1, %2 since %3.")
                        .arg(tr("%n line(s) added", nullptr, int(diff.added.size())),
                             tr("%n line(s) removed", nullptr, int(diff.removed.size())),
                             client::format::localTime(diff.from.createdAt)));
            }
            m_diff->setRows(diffRows(diff.unified));
            emit diffShown();
        });
}

} // namespace hearth::ui
