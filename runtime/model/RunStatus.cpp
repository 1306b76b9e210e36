#include "RunStatus.h"

#include <array>
#include <utility>

namespace hearth::scheduler {

namespace {

constexpr std::array<std::pair<RunStatus, const char16_t *>, 7> StatusNames { {
    { RunStatus::Pending, u"pending" },
    { RunStatus::Running, u"running" },
    { RunStatus::Succeeded, u"succeeded" },
    { RunStatus::Failed, u"failed" },
    { RunStatus::Dead, u"dead" },
    { RunStatus::Cancelled, u"cancelled" },
    { RunStatus::Skipped, u"skipped" },
} };

constexpr std::array<std::pair<RunTrigger, const char16_t *>, 4> TriggerNames { {
    { RunTrigger::Schedule, u"schedule" },
    { RunTrigger::Manual, u"manual" },
    { RunTrigger::Retry, u"retry" },
    { RunTrigger::CatchUp, u"catch_up" },
} };

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char16_t *>, N> &table, Enum value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char16_t *>, N> &table,
                            const QString &name)
{
    for (const auto &[entry, entryName] : table) {
        if (name == QStringView(entryName))
            return entry;
    }
    return std::nullopt;
}

} // namespace

QString runStatusName(RunStatus status)
{
    return nameOf(StatusNames, status);
}

std::optional<RunStatus> runStatusFromName(const QString &name)
{
    return valueOf(StatusNames, name);
}

QStringList runStatusNames()
{
    QStringList names;
    for (const auto &[status, name] : StatusNames)
        names.append(QString::fromUtf16(name));
    return names;
}

bool isActive(RunStatus status)
{
    return status == RunStatus::Pending || status == RunStatus::Running;
}

QString runTriggerName(RunTrigger trigger)
{
    return nameOf(TriggerNames, trigger);
}

std::optional<RunTrigger> runTriggerFromName(const QString &name)
{
    return valueOf(TriggerNames, name);
}

} // namespace hearth::scheduler
