#pragma once

#include <QString>

class QTableView;

namespace hearth::ui {

class KeyedTableModel;

// The pages' tables: whole rows, one at a time, the last column stretched,
// no row numbers, and a name for screen readers.
void setUpTable(QTableView *view, KeyedTableModel *model, const QString &accessibleName);
// The key of the selected row, or empty.
QString selectedKey(const QTableView &view, const KeyedTableModel &model);

} // namespace hearth::ui
