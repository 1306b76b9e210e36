#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>
#include <utility>

namespace hearth::ui {

// The signals of a RecordList, which as a template cannot declare its own:
// table models and the tray follow a list through them.
class RecordListBase : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual int count() const = 0;
    virtual QString keyAt(int row) const = 0;
    virtual int indexOf(const QString &key) const = 0;

signals:
    void aboutToReset();
    void reset();
    void aboutToInsert(int row);
    void inserted(int row);
    void changed(int row);
    void aboutToRemove(int row);
    void removed(int row);
    // After any of the above: for those who only need to know that.
    void contentsChanged();
};

// Typed records from the API (watchers, runs, notifications, …), one per
// key, in the order the API listed them: replaced from a listing, patched
// from events and answers. Pages show lists through RecordTableModel; the
// session's lists are shared by the pages and the tray.
template<typename T> class RecordList : public RecordListBase
{
public:
    explicit RecordList(std::function<QString(const T &)> keyOf, QObject *parent = nullptr)
        : RecordListBase(parent)
        , m_keyOf(std::move(keyOf))
    {
    }

    // A listing requested now may be answered after events that are newer
    // than it: between beginReload() and finishReload(), changes are applied
    // and remembered, then applied again over the listing so that it cannot
    // undo them. A newer beginReload() or setRecords() supersedes a pending
    // listing: finishReload() then ignores it and returns false (two filter
    // changes' answers may cross). abandonReload() when no listing comes.
    using ReloadTicket = quint64;
    ReloadTicket beginReload()
    {
        m_reloading = true;
        m_changesDuringReload.clear();
        return ++m_reloadTicket;
    }
    bool finishReload(ReloadTicket ticket, const QList<T> &records)
    {
        if (ticket != m_reloadTicket || !m_reloading)
            return false;
        replace(records);
        const QList<Change> changes = std::exchange(m_changesDuringReload, {});
        m_reloading = false;
        for (const Change &change : changes) {
            if (change.record)
                upsert(*change.record, change.prepend);
            else
                remove(change.key);
        }
        return true;
    }
    void abandonReload(ReloadTicket ticket)
    {
        if (ticket != m_reloadTicket)
            return;
        m_reloading = false;
        m_changesDuringReload.clear();
    }
    // Replaces every record now (and supersedes any pending listing).
    void setRecords(const QList<T> &records)
    {
        ++m_reloadTicket;
        m_reloading = false;
        m_changesDuringReload.clear();
        replace(records);
    }

    // Replaces the record with the same key, or adds it (first or last).
    void upsert(const T &record, bool prepend = false)
    {
        if (m_reloading)
            m_changesDuringReload.append({ record, {}, prepend });
        const int existing = indexOf(m_keyOf(record));
        if (existing >= 0) {
            m_records[existing] = record;
            emit changed(existing);
            emit contentsChanged();
            return;
        }
        const int at = prepend ? 0 : int(m_records.size());
        emit aboutToInsert(at);
        m_records.insert(at, record);
        if (prepend)
            m_rowsByKey.reset(); // every row moved down
        else if (m_rowsByKey)
            m_rowsByKey->insert(m_keyOf(record), at);
        emit inserted(at);
        emit contentsChanged();
    }
    // Changes the record with this key in place (if there is one).
    void update(const QString &key, const std::function<void(T &)> &change)
    {
        const int row = indexOf(key);
        if (row < 0)
            return;
        T record = m_records[row];
        change(record);
        upsert(record);
    }
    void remove(const QString &key)
    {
        if (m_reloading)
            m_changesDuringReload.append({ std::nullopt, key, false });
        const int row = indexOf(key);
        if (row < 0)
            return;
        emit aboutToRemove(row);
        m_records.removeAt(row);
        m_rowsByKey.reset();
        emit removed(row);
        emit contentsChanged();
    }

    int count() const override { return int(m_records.size()); }
    QString keyAt(int row) const override
    {
        return row >= 0 && row < m_records.size() ? m_keyOf(m_records[row]) : QString();
    }
    int indexOf(const QString &key) const override
    {
        // Looked up for every event and table cell: by a hash of the rows,
        // built again only after rows moved (a prepend, a removal, a reset).
        if (!m_rowsByKey) {
            m_rowsByKey.emplace();
            m_rowsByKey->reserve(m_records.size());
            for (int row = 0; row < m_records.size(); ++row) {
                const QString key = m_keyOf(m_records[row]);
                if (!m_rowsByKey->contains(key)) // the first of a key wins
                    m_rowsByKey->insert(key, row);
            }
        }
        return m_rowsByKey->value(key, -1);
    }
    const T &at(int row) const { return m_records.at(row); }
    // The record with this key, or null.
    const T *find(const QString &key) const
    {
        const int row = indexOf(key);
        return row < 0 ? nullptr : &m_records[row];
    }
    const QList<T> &records() const { return m_records; }

private:
    struct Change
    {
        std::optional<T> record; // none: a removal of `key`
        QString key;
        bool prepend = false;
    };

    void replace(const QList<T> &records)
    {
        emit aboutToReset();
        m_records = records;
        m_rowsByKey.reset();
        emit reset();
        emit contentsChanged();
    }

    std::function<QString(const T &)> m_keyOf;
    bool m_reloading = false;
    ReloadTicket m_reloadTicket = 0;
    QList<Change> m_changesDuringReload;
    QList<T> m_records;
    // Key → row; none while it must be built again.
    mutable std::optional<QHash<QString, int>> m_rowsByKey;
};

} // namespace hearth::ui
