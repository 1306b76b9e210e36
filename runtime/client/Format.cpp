#include "Format.h"

#include "core/JsonText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace hearth::client::format {

namespace {
// Declares tr() with a context that lupdate sees too.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hearth::client::format)
};

QString every(qint64 seconds)
{
    if (seconds % 86400 == 0)
        return Text::tr("every %n day(s)", nullptr, int(seconds / 86400));
    if (seconds % 3600 == 0)
        return Text::tr("every %n hour(s)", nullptr, int(seconds / 3600));
    if (seconds % 60 == 0)
        return Text::tr("every %n minute(s)", nullptr, int(seconds / 60));
    return Text::tr("every %n second(s)", nullptr, int(seconds));
}
} // namespace

QString schedule(const scheduler::Schedule &schedule)
{
    switch (schedule.kind()) {
    case scheduler::Schedule::Kind::Interval:
        return every(schedule.everySeconds());
    case scheduler::Schedule::Kind::Once:
        return Text::tr("once at %1").arg(localTime(schedule.at()));
    case scheduler::Schedule::Kind::Cron:
        break;
    }
    const QString zone = schedule.timeZoneId();
    return zone.isEmpty() ? Text::tr("cron %1").arg(schedule.cronText())
                          : Text::tr("cron %1 (%2)").arg(schedule.cronText(), zone);
}

QString startsWhen(const scheduler::WatcherSpec &spec)
{
    // A stored watcher has exactly one of the two.
    if (!spec.trigger)
        return spec.schedule ? schedule(*spec.schedule) : QString();
    if (const scheduler::FolderTrigger *folder = spec.folder()) {
        const QString where = folder->recursive
            ? Text::tr("when files change in %1 or a folder under it").arg(folder->path)
            : Text::tr("when files change in %1").arg(folder->path);
        return folder->glob.isEmpty() ? where : Text::tr("%1 (only %2)").arg(where, folder->glob);
    }
    if (const scheduler::WebhookTrigger *webhook = spec.webhook()) {
        switch (webhook->verify) {
        case scheduler::WebhookVerification::Standard:
            return Text::tr("when a webhook arrives (signed: Standard Webhooks)");
        case scheduler::WebhookVerification::GitHub:
            return Text::tr("when a webhook arrives (signed: GitHub)");
        case scheduler::WebhookVerification::None:
            return Text::tr("when a webhook arrives (unsigned)");
        }
    }
    const QString after = spec.chain()->after;
    switch (spec.chain()->when) {
    case scheduler::ChainCondition::Succeeded:
        return Text::tr("after %1 succeeds").arg(after);
    case scheduler::ChainCondition::Changed:
        return Text::tr("after %1 finds a change").arg(after);
    case scheduler::ChainCondition::Failed:
        return Text::tr("after %1 fails").arg(after);
    case scheduler::ChainCondition::Notified:
        return Text::tr("after %1 notifies").arg(after);
    }
    return {};
}

QString localTime(const QDateTime &instant)
{
    if (!instant.isValid())
        return QStringLiteral("—");
    return instant.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString localTime(const Timestamp &instant)
{
    return localTime(instant.dateTime());
}

QString duration(std::optional<qint64> milliseconds)
{
    if (!milliseconds)
        return QStringLiteral("—");
    if (*milliseconds < 1000)
        return Text::tr("%1 ms").arg(*milliseconds);
    return Text::tr("%1 s").arg(QLocale().toString(double(*milliseconds) / 1000.0, 'f', 1));
}

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return QString::fromUtf8(compactJsonText(value));
}

} // namespace hearth::client::format
