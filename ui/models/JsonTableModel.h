#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <functional>

namespace hearth::ui {

// A table of API objects (watchers, runs, secrets, notifications), one row
// per object, identified by a key member ("id", or "name" for secrets).
// Columns are declared by the page that shows them; rows are replaced from a
// listing and patched from events.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column
    {
        QString title;
        // The cell's value for a role (DisplayRole, FontRole, …); an invalid
        // QVariant when the column has nothing for that role.
        std::function<QVariant(const QJsonObject &row, int role)> data;
        // Set for an editable check box column: called with the new state.
        std::function<void(const QJsonObject &row, bool checked)> toggled;
    };

    explicit JsonTableModel(QString keyMember, QObject *parent = nullptr);

    void setColumns(QList<Column> columns);
    // A listing requested now may be answered after events that are newer
    // than it: between beginReload() and finishReload(), changes from events
    // are applied and remembered, then applied again over the listing so
    // that it cannot undo them. A newer beginReload() or setRows() supersedes
    // a pending listing: finishReload() then ignores it and returns false (two
    // filter changes' answers may cross). abandonReload() when no listing
    // comes.
    using ReloadTicket = quint64;
    ReloadTicket beginReload();
    bool finishReload(ReloadTicket ticket, const QList<QJsonObject> &rows);
    void abandonReload(ReloadTicket ticket);
    // Replaces every row now (and supersedes any pending listing).
    void setRows(const QList<QJsonObject> &rows);
    // Replaces the row with the same key, or adds it (first or last).
    void upsert(const QJsonObject &row, bool prepend = false);
    void remove(const QString &key);
    // Re-renders every cell (e.g. when data the columns look up changed).
    void refresh();

    int indexOf(const QString &key) const;
    QJsonObject rowAt(int row) const { return m_rows.value(row); }
    QString keyAt(int row) const;
    const QList<QJsonObject> &rows() const { return m_rows; }

    // A cell that only has display text.
    static std::function<QVariant(const QJsonObject &, int)>
    displayText(std::function<QString(const QJsonObject &)> text);
    // The objects of an API listing ({"items": […], "next": …}).
    static QList<QJsonObject> itemsOf(const QByteArray &listBody);

    // The object's key as a string, whether the JSON holds it as a string or a number.
    static QString keyOf(const QJsonObject &object, const QString &member = QStringLiteral("id"));

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Change
    {
        QJsonObject row; // empty: a removal of `key`
        QString key;
        bool prepend = false;
    };

    void replaceRows(const QList<QJsonObject> &rows);

    QString m_keyMember;
    bool m_reloading = false;
    ReloadTicket m_reloadTicket = 0;
    QList<Change> m_changesDuringReload;
    QList<Column> m_columns;
    QList<QJsonObject> m_rows;
};

} // namespace hearth::ui
