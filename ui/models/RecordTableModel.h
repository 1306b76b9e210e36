#pragma once

#include "RecordList.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <functional>

namespace hearth::ui {

// A table over a RecordList: one row per record, following the list's
// changes. What the columns show is in RecordTableModel<T>.
class KeyedTableModel : public QAbstractTableModel
{
public:
    explicit KeyedTableModel(QObject *parent = nullptr);

    // The list shown (nullptr: none, an empty table). A list that is
    // destroyed leaves the table empty.
    void setList(RecordListBase *list);
    bool hasList() const { return !m_list.isNull(); }

    QString keyAt(int row) const;
    int indexOf(const QString &key) const;
    // Re-renders every cell (e.g. when data the columns look up changed).
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QPointer<RecordListBase> m_list;

private:
    QList<QMetaObject::Connection> m_connections;
};

template<typename T> class RecordTableModel : public KeyedTableModel
{
public:
    struct Column
    {
        QString title;
        // The cell's value for a role (DisplayRole, FontRole, …); an invalid
        // QVariant when the column has nothing for that role.
        std::function<QVariant(const T &record, int role)> data;
        // Set for an editable check box column: called with the new state.
        std::function<void(const T &record, bool checked)> toggled;
    };

    explicit RecordTableModel(QList<Column> columns, QObject *parent = nullptr)
        : KeyedTableModel(parent)
        , m_columns(std::move(columns))
    {
    }

    // A cell that only has display text.
    static std::function<QVariant(const T &, int)>
    displayText(std::function<QString(const T &)> text)
    {
        return [text = std::move(text)](const T &record, int role) -> QVariant {
            return role == Qt::DisplayRole ? QVariant(text(record)) : QVariant();
        };
    }

    void setList(RecordList<T> *list) { KeyedTableModel::setList(list); }
    // The record at a row, or null.
    const T *recordAt(int row) const
    {
        const auto *list = static_cast<const RecordList<T> *>(m_list.data());
        return list && row >= 0 && row < list->count() ? &list->at(row) : nullptr;
    }
    const T *find(const QString &key) const { return recordAt(indexOf(key)); }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const T *record = recordAt(index.row());
        if (!index.isValid() || !record || index.column() >= m_columns.size())
            return {};
        return m_columns[index.column()].data(*record, role);
    }
    bool setData(const QModelIndex &index, const QVariant &value, int role) override
    {
        const T *record = recordAt(index.row());
        if (!index.isValid() || role != Qt::CheckStateRole || !record)
            return false;
        const Column &column = m_columns.value(index.column());
        if (!column.toggled)
            return false;
        // The list changes when the runtime confirms (an event or a reply).
        column.toggled(*record, value.toInt() == Qt::Checked);
        return true;
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
            return m_columns.value(section).title;
        return {};
    }
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        Qt::ItemFlags flags = QAbstractTableModel::flags(index);
        if (index.isValid() && m_columns.value(index.column()).toggled)
            flags |= Qt::ItemIsUserCheckable;
        return flags;
    }

private:
    QList<Column> m_columns;
};

} // namespace hearth::ui
