#include "Format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace hearth::ui::format {

namespace {
// Declares tr() with a context that lupdate sees too.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hearth::ui::format)
};
} // namespace

static QString every(qint64 seconds)
{
    if (seconds % 86400 == 0)
        return Text::tr("every %n day(s)", nullptr, int(seconds / 86400));
    if (seconds % 3600 == 0)
        return Text::tr("every %n hour(s)", nullptr, int(seconds / 3600));
    if (seconds % 60 == 0)
        return Text::tr("every %n minute(s)", nullptr, int(seconds / 60));
    return Text::tr("every %n second(s)", nullptr, int(seconds));
}

QString schedule(const QJsonObject &schedule)
{
    if (schedule.contains(QStringLiteral("every_s")))
        return every(schedule.value(QStringLiteral("every_s")).toInteger());
    if (schedule.contains(QStringLiteral("at")))
        return Text::tr("once at %1").arg(localTime(schedule.value(QStringLiteral("at"))));
    const QString cron = schedule.value(QStringLiteral("cron")).toString();
    const QString zone = schedule.value(QStringLiteral("tz")).toString();
    return zone.isEmpty() ? Text::tr("cron %1").arg(cron)
                          : Text::tr("cron %1 (%2)").arg(cron, zone);
}

QString localTime(const QJsonValue &rfc3339)
{
    const QDateTime when = QDateTime::fromString(rfc3339.toString(), Qt::ISODateWithMs);
    if (!when.isValid())
        return QStringLiteral("—");
    return when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString durationMs(const QJsonValue &milliseconds)
{
    if (milliseconds.isNull() || milliseconds.isUndefined())
        return QStringLiteral("—");
    const qint64 ms = milliseconds.toInteger();
    if (ms < 1000)
        return Text::tr("%1 ms").arg(ms);
    return Text::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("null");
    // A scalar: wrap it to let QJsonDocument do the quoting, then unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace hearth::ui::format
