#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace hearth {

class Database;

struct Notification
{
    qint64 id = 0;
    QString watcherId;
    QString runId;
    QString level; // info, warning, error
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
                                const QString &level, const QString &title,
                                const QString &body) const;
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
