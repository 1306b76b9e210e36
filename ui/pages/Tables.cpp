#include "Tables.h"

#include "models/RecordTableModel.h"

#include <QHeaderView>
#include <QTableView>

namespace hearth::ui {

void setUpTable(QTableView *view, KeyedTableModel *model, const QString &accessibleName)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    // Rows are picked whole (arrow keys): Tab leaves the table instead of
    // walking its cells, so keyboard users are not trapped in it.
    view->setTabKeyNavigation(false);
    view->setAccessibleName(accessibleName);
}

QString selectedKey(const QTableView &view, const KeyedTableModel &model)
{
    const QModelIndexList rows = view.selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : model.keyAt(rows.first().row());
}

} // namespace hearth::ui
