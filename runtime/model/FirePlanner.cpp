#include "FirePlanner.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace hearth::scheduler {

namespace {

// Enumerating a minutely cron over months of downtime would stall the
// scheduler; past this many fires the count becomes a lower bound.
constexpr int MaxEnumeratedFires = 10'000;

std::optional<qint64> nextAfterMs(const Schedule &schedule, qint64 ms)
{
    const auto next = schedule.nextAfter(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()));
    if (!next)
        return std::nullopt;
    return next->toMSecsSinceEpoch();
}

struct DueFires
{
    qint64 count = 0;
    bool countIsLowerBound = false;
    QList<qint64> latest; // the newest fires, oldest first, at most `keep`
    std::optional<qint64> next;
};

void keepLatest(QList<qint64> &latest, qint64 fire, int keep)
{
    latest.append(fire);
    if (latest.size() > keep)
        latest.removeFirst();
}

DueFires collectDue(const Schedule &schedule, qint64 firstDue, qint64 nowMs, int keep)
{
    DueFires due;
    if (firstDue > nowMs) {
        due.next = firstDue;
        return due;
    }
    if (schedule.kind() == Schedule::Kind::Interval) {
        // The grid from the first due fire holds: no enumeration needed.
        const qint64 every = schedule.everySeconds() * 1000;
        const qint64 last = (nowMs - firstDue) / every;
        due.count = last + 1;
        for (qint64 k = qMax<qint64>(0, last - keep + 1); k <= last; ++k)
            due.latest.append(firstDue + k * every);
        due.next = firstDue + (last + 1) * every;
        return due;
    }
    std::optional<qint64> fire = firstDue;
    while (fire && *fire <= nowMs) {
        if (due.count == MaxEnumeratedFires) {
            // Jump to the last day before now for the newest fires.
            due.countIsLowerBound = true;
            const std::optional<qint64> resumed = nextAfterMs(schedule, nowMs - 24 * 3600 * 1000);
            if (resumed && *resumed > *fire)
                fire = resumed;
            if (!fire || *fire > nowMs)
                break;
        }
        ++due.count;
        keepLatest(due.latest, *fire, keep);
        fire = nextAfterMs(schedule, *fire);
    }
    due.next = fire;
    return due;
}

QByteArray catchUpEvent(qint64 missed, bool lowerBound, qint64 firstMissed, qint64 lastMissed)
{
    QJsonObject event { { QStringLiteral("missed"), missed },
                        { QStringLiteral("last_missed"), rfc3339FromMs(lastMissed) } };
    if (!lowerBound)
        event.insert(QStringLiteral("first_missed"), rfc3339FromMs(firstMissed));
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

} // namespace

FirePlan planFires(const WatcherSpec &spec, qint64 firstDue, qint64 nowMs)
{
    FirePlan plan;
    if (!spec.schedule)
        return plan; // a chained watcher: nothing is scheduled
    // Enough to tell missed fires from timely ones and to keep the catch-up
    // window: at most MaxCatchUpRuns missed plus the timely ones.
    constexpr int Keep = 256;
    const DueFires due = collectDue(*spec.schedule, firstDue, nowMs, Keep);
    plan.nextRunAt = due.next;
    if (due.count == 0)
        return plan;
    plan.lastDue = due.latest.constLast();

    QList<qint64> timely;
    QList<qint64> missed;
    for (qint64 fire : due.latest)
        (nowMs - fire > LateGraceMs ? missed : timely).append(fire);
    plan.missed = due.count - timely.size();

    if (plan.missed > 0) {
        const qint64 firstMissed = due.count > due.latest.size() ? firstDue : missed.constFirst();
        const qint64 lastMissed = missed.constLast();
        const QByteArray event =
            catchUpEvent(plan.missed, due.countIsLowerBound, firstMissed, lastMissed);
        switch (spec.catchUp) {
        case CatchUp::Skip:
            break;
        case CatchUp::Once:
            plan.fires.append({ lastMissed, RunTrigger::CatchUp, event });
            break;
        case CatchUp::All:
            for (qsizetype i = qMax<qsizetype>(0, missed.size() - WatcherSpec::MaxCatchUpRuns);
                 i < missed.size(); ++i)
                plan.fires.append({ missed.at(i), RunTrigger::CatchUp, event });
            break;
        }
    }
    for (qint64 fire : timely)
        plan.fires.append({ fire, RunTrigger::Schedule, "{}" });
    return plan;
}

std::optional<qint64> firstFireAfter(const Schedule &schedule, qint64 nowMs)
{
    return nextAfterMs(schedule, nowMs);
}

} // namespace hearth::scheduler
