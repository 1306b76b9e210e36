#include "NotificationService.h"

#include "ServiceErrors.h"
#include "events/RunEvents.h"

namespace hearth::services {

NotificationService::NotificationService(const NotificationRepository &notifications,
                                         events::EventBus &events)
    : m_notifications(notifications)
    , m_events(events)
{
}

Result<void, Error> NotificationService::check(const QString &title, const QString &body)
{
    if (title.trimmed().isEmpty())
        return fail(
            Error::invalid(QStringLiteral("title"), QStringLiteral("must be a non-empty string")));
    if (title.size() > MaxTitleChars)
        return fail(
            Error::invalid(QStringLiteral("title"),
                           QStringLiteral("is longer than %1 characters").arg(MaxTitleChars)));
    if (body.size() > MaxBodyChars)
        return fail(Error::invalid(
            QStringLiteral("body"),
            QStringLiteral("must be a string of at most %1 characters").arg(MaxBodyChars)));
    return {};
}

Result<Notification, Error>
NotificationService::create(const QString &watcherId, const QString &runId, NotificationLevel level,
                            const QString &title, const QString &body) const
{
    if (auto checked = check(title, body); !checked)
        return fail(checked.error());
    auto created = m_notifications.create(watcherId, runId, level, title, body);
    if (!created)
        return fail(Error::internal(created.error()));
    publish(QStringLiteral("created"), &created.value());
    return created.value();
}

Result<QList<Notification>, Error> NotificationService::list(bool unreadOnly,
                                                             std::optional<qint64> beforeId,
                                                             int limit, bool *more) const
{
    return m_notifications.list(unreadOnly, beforeId, limit, more)
        .transform_error(&Error::internal);
}

Result<Notification, Error> NotificationService::markRead(qint64 id) const
{
    auto marked = existing(m_notifications.markRead(id), "notification", id);
    if (marked)
        publish(QStringLiteral("read"), &marked.value());
    return marked;
}

Result<qint64, Error> NotificationService::markAllRead() const
{
    auto marked = m_notifications.markAllRead();
    if (!marked)
        return fail(Error::internal(marked.error()));
    publish(QStringLiteral("read_all"), nullptr);
    return marked.value();
}

void NotificationService::publish(const QString &action, const Notification *notification) const
{
    events::publishNotification(m_events, action, notification);
}

} // namespace hearth::services
