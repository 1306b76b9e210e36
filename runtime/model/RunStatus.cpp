#include "RunStatus.h"

#include "core/EnumNames.h"

namespace hearth::scheduler {

namespace {

constexpr std::array<EnumName<RunStatus>, 7> StatusNames { {
    { RunStatus::Pending, u"pending" },
    { RunStatus::Running, u"running" },
    { RunStatus::Succeeded, u"succeeded" },
    { RunStatus::Failed, u"failed" },
    { RunStatus::Dead, u"dead" },
    { RunStatus::Cancelled, u"cancelled" },
    { RunStatus::Skipped, u"skipped" },
} };

constexpr std::array<EnumName<RunTrigger>, 8> TriggerNames { {
    { RunTrigger::Schedule, u"schedule" },
    { RunTrigger::Manual, u"manual" },
    { RunTrigger::Retry, u"retry" },
    { RunTrigger::CatchUp, u"catch_up" },
    { RunTrigger::After, u"after" },
    { RunTrigger::Folder, u"folder" },
    { RunTrigger::Webhook, u"webhook" },
    { RunTrigger::Escalation, u"escalation" },
} };

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
    return allNames(StatusNames);
}

bool isActive(RunStatus status)
{
    return status == RunStatus::Pending || status == RunStatus::Running;
}

bool isRetryable(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Dead;
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
