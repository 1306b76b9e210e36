#include "RecordTableModel.h"

namespace hearth::ui {

KeyedTableModel::KeyedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KeyedTableModel::setList(RecordListBase *list)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_list = list;
    if (list) {
        m_connections = {
            connect(list, &RecordListBase::aboutToReset, this, [this]() { beginResetModel(); }),
            connect(list, &RecordListBase::reset, this, [this]() { endResetModel(); }),
            connect(list, &RecordListBase::aboutToInsert, this,
                    [this](int row) { beginInsertRows({}, row, row); }),
            connect(list, &RecordListBase::inserted, this, [this]() { endInsertRows(); }),
            connect(list, &RecordListBase::changed, this,
                    [this](int row) {
                        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
                    }),
            connect(list, &RecordListBase::aboutToRemove, this,
                    [this](int row) { beginRemoveRows({}, row, row); }),
            connect(list, &RecordListBase::removed, this, [this]() { endRemoveRows(); }),
            // The list's records are gone before QObject's destructor says
            // so: the table empties itself at once.
            connect(list, &QObject::destroyed, this,
                    [this]() {
                        beginResetModel();
                        m_list = nullptr;
                        m_connections.clear();
                        endResetModel();
                    }),
        };
    }
    endResetModel();
}

QString KeyedTableModel::keyAt(int row) const
{
    return m_list ? m_list->keyAt(row) : QString();
}

int KeyedTableModel::indexOf(const QString &key) const
{
    return m_list ? m_list->indexOf(key) : -1;
}

void KeyedTableModel::refresh()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int KeyedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_list ? 0 : m_list->count();
}

} // namespace hearth::ui
