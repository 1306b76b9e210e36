#pragma once

#include "core/Result.h"
#include "model/Levels.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

namespace hearth {

class Database;

struct Notification
{
    qint64 id = 0;
    QString watcherId;
    QString runId;
    NotificationLevel level = NotificationLevel::Info;
    QString title;
    QString body;
    QString createdAt;
    QString readAt; // empty while unread
};

// The notifications table.
class NotificationRepository
{
public:
    static constexpr qsizetype MaxTitleChars = 200;
    static constexpr qsizetype MaxBodyChars = 4000;

    explicit NotificationRepository(Database &database);

    Result<Notification> create(const QString &watcherId, const QString &runId,
                                NotificationLevel level, const QString &title,
                                const QString &body) const;
    // The same inside a transaction the caller holds (the scheduler notifies
    // in the transaction that finishes the run). Title and body are cut to
    // their maximum lengths.
    static Result<Notification> insert(QSqlDatabase &db, const QString &watcherId,
                                       const QString &runId, NotificationLevel level,
                                       const QString &title, const QString &body);
    // Newest first, ids below `beforeId` when given.
    Result<QList<Notification>> list(bool unreadOnly, std::optional<qint64> beforeId, int limit,
                                     bool *more) const;
    // Marks one read (keeping the first read time); nothing when unknown.
    Result<std::optional<Notification>> markRead(qint64 id) const;
    Result<qint64> markAllRead() const;

private:
    Database &m_database;
};

} // namespace hearth
