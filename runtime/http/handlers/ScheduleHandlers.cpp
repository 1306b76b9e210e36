#include "ScheduleHandlers.h"

#include "http/Router.h"
#include "model/Schedule.h"

#include <QJsonArray>

namespace hearth::http {

namespace {

constexpr int MaxPreviewCount = 50;

HandlerResult preview(const ApiRequest &request)
{
    auto body = request.jsonObject();
    if (!body)
        return fail(body.error());
    if (auto known = onlyFields(body.value(), { "schedule", "count", "from" }); !known)
        return fail(known.error());
    auto schedule = scheduler::Schedule::fromJson(body->value(QStringLiteral("schedule")));
    if (!schedule)
        return fail(ApiError::invalidRequest(schedule.error().field, schedule.error().message));

    int count = 5;
    if (body->contains(QStringLiteral("count"))) {
        const QJsonValue value = body->value(QStringLiteral("count"));
        count = value.toInt(-1);
        if (!value.isDouble() || double(count) != value.toDouble() || count < 1 ||
            count > MaxPreviewCount) {
            return fail(ApiError::invalidRequest(
                QStringLiteral("count"),
                QStringLiteral("must be a whole number from 1 to %1").arg(MaxPreviewCount)));
        }
    }
    QDateTime from = QDateTime::currentDateTimeUtc();
    if (body->contains(QStringLiteral("from"))) {
        const QJsonValue value = body->value(QStringLiteral("from"));
        from = value.isString() ? scheduler::parseRfc3339(value.toString()) : QDateTime();
        if (!from.isValid()) {
            return fail(ApiError::invalidRequest(
                QStringLiteral("from"),
                QStringLiteral("must be an RFC 3339 date-time with an offset")));
        }
    }

    const QTimeZone zone = schedule->timeZone();
    QJsonArray fires;
    QDateTime cursor = from;
    for (int i = 0; i < count; ++i) {
        const std::optional<QDateTime> next = schedule->nextAfter(cursor);
        if (!next)
            break;
        fires.append(QJsonObject {
            { QStringLiteral("utc"), scheduler::toRfc3339Utc(*next) },
            { QStringLiteral("local"), next->toTimeZone(zone).toString(Qt::ISODate) },
        });
        cursor = *next;
    }
    QJsonObject response { { QStringLiteral("schedule"), schedule->toJson() },
                           { QStringLiteral("from"), scheduler::toRfc3339Utc(from) },
                           { QStringLiteral("fires"), fires } };
    if (schedule->kind() == scheduler::Schedule::Kind::Cron)
        response.insert(QStringLiteral("tz"), QString::fromUtf8(zone.id()));
    return ApiResponse::json(response);
}

} // namespace

void registerScheduleRoutes(Router &router)
{
    router.add("POST", QStringLiteral("/api/v1/schedules/preview"), preview);
}

} // namespace hearth::http
