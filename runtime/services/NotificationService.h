#pragma once

#include "core/Error.h"
#include "store/NotificationRepository.h"

namespace hearth::events {
class EventBus;
}

namespace hearth::services {

// The notifications' use cases for the API and for scripts (`notify{}`):
// each write, then its `notification` event. The notifications a finished
// run sends are written in the run's own transaction (RunRepository) and
// published by the scheduler.
class NotificationService
{
public:
    static constexpr qsizetype MaxTitleChars = NotificationRepository::MaxTitleChars;
    static constexpr qsizetype MaxBodyChars = NotificationRepository::MaxBodyChars;

    NotificationService(const NotificationRepository &notifications, events::EventBus &events);

    // Title non-empty and at most MaxTitleChars, body at most MaxBodyChars;
    // errors name the field.
    static Result<void, Error> check(const QString &title, const QString &body);
    // Checks the texts first.
    Result<Notification, Error> create(const QString &watcherId, const QString &runId,
                                       NotificationLevel level, const QString &title,
                                       const QString &body) const;
    // Newest first, ids below `beforeId` when given.
    Result<QList<Notification>, Error> list(bool unreadOnly, std::optional<qint64> beforeId,
                                            int limit, bool *more) const;
    // Keeps the first read time; NotFound when unknown.
    Result<Notification, Error> markRead(qint64 id) const;
    // How many were unread.
    Result<qint64, Error> markAllRead() const;

private:
    void publish(const QString &action, const Notification *notification) const;

    const NotificationRepository &m_notifications;
    events::EventBus &m_events;
};

} // namespace hearth::services
