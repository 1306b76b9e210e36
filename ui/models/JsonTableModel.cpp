#include "JsonTableModel.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::ui {

JsonTableModel::JsonTableModel(QString keyMember, QObject *parent)
    : QAbstractTableModel(parent)
    , m_keyMember(std::move(keyMember))
{
}

void JsonTableModel::setColumns(QList<Column> columns)
{
    beginResetModel();
    m_columns = std::move(columns);
    endResetModel();
}

JsonTableModel::ReloadTicket JsonTableModel::beginReload()
{
    m_reloading = true;
    m_changesDuringReload.clear();
    return ++m_reloadTicket;
}

void JsonTableModel::abandonReload(ReloadTicket ticket)
{
    if (ticket != m_reloadTicket)
        return;
    m_reloading = false;
    m_changesDuringReload.clear();
}

bool JsonTableModel::finishReload(ReloadTicket ticket, const QList<QJsonObject> &rows)
{
    if (ticket != m_reloadTicket || !m_reloading)
        return false;
    replaceRows(rows);
    const QList<Change> changes = std::exchange(m_changesDuringReload, {});
    m_reloading = false;
    for (const Change &change : changes) {
        if (change.row.isEmpty())
            remove(change.key);
        else
            upsert(change.row, change.prepend);
    }
    return true;
}

void JsonTableModel::setRows(const QList<QJsonObject> &rows)
{
    ++m_reloadTicket;
    m_reloading = false;
    m_changesDuringReload.clear();
    replaceRows(rows);
}

void JsonTableModel::replaceRows(const QList<QJsonObject> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

QString JsonTableModel::keyOf(const QJsonObject &object, const QString &member)
{
    const QJsonValue value = object.value(member);
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

std::function<QVariant(const QJsonObject &, int)>
JsonTableModel::displayText(std::function<QString(const QJsonObject &)> text)
{
    return [text = std::move(text)](const QJsonObject &row, int role) -> QVariant {
        return role == Qt::DisplayRole ? QVariant(text(row)) : QVariant();
    };
}

QList<QJsonObject> JsonTableModel::itemsOf(const QByteArray &listBody)
{
    QList<QJsonObject> items;
    for (const QJsonValue &item :
         QJsonDocument::fromJson(listBody).object().value(QStringLiteral("items")).toArray())
        items.append(item.toObject());
    return items;
}

QString JsonTableModel::keyAt(int row) const
{
    return keyOf(m_rows.value(row), m_keyMember);
}

int JsonTableModel::indexOf(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (keyOf(m_rows[row], m_keyMember) == key)
            return row;
    }
    return -1;
}

void JsonTableModel::upsert(const QJsonObject &object, bool prepend)
{
    if (m_reloading)
        m_changesDuringReload.append({ object, {}, prepend });
    const int existing = indexOf(keyOf(object, m_keyMember));
    if (existing >= 0) {
        m_rows[existing] = object;
        emit dataChanged(index(existing, 0), index(existing, columnCount() - 1));
        return;
    }
    const int at = prepend ? 0 : int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.insert(at, object);
    endInsertRows();
}

void JsonTableModel::remove(const QString &key)
{
    if (m_reloading)
        m_changesDuringReload.append({ {}, key, false });
    const int row = indexOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void JsonTableModel::refresh()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    return m_columns[index.column()].data(m_rows[index.row()], role);
}

bool JsonTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.row() >= m_rows.size())
        return false;
    const Column &column = m_columns.value(index.column());
    if (!column.toggled)
        return false;
    // The model changes when the runtime confirms (an event or a reply).
    column.toggled(m_rows[index.row()], value.toInt() == Qt::Checked);
    return true;
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return m_columns.value(section).title;
    return {};
}

Qt::ItemFlags JsonTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && m_columns.value(index.column()).toggled)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

} // namespace hearth::ui
