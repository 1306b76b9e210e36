#include "Levels.h"

#include "core/EnumNames.h"

namespace hearth {

namespace {
const std::array<EnumName<LogLevel>, 5> LogLevelNames { {
    { LogLevel::Trace, u"trace" },
    { LogLevel::Debug, u"debug" },
    { LogLevel::Info, u"info" },
    { LogLevel::Warn, u"warn" },
    { LogLevel::Error, u"error" },
} };
const std::array<EnumName<NotificationLevel>, 3> NotificationLevelNames { {
    { NotificationLevel::Info, u"info" },
    { NotificationLevel::Warning, u"warning" },
    { NotificationLevel::Error, u"error" },
} };
} // namespace

QString logLevelName(LogLevel level)
{
    return nameOf(LogLevelNames, level);
}

std::optional<LogLevel> logLevelFromName(const QString &name)
{
    return valueOf(LogLevelNames, name);
}

QString notificationLevelName(NotificationLevel level)
{
    return nameOf(NotificationLevelNames, level);
}

std::optional<NotificationLevel> notificationLevelFromName(const QString &name)
{
    return valueOf(NotificationLevelNames, name);
}

} // namespace hearth
