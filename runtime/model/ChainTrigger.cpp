#include "ChainTrigger.h"

#include "core/EnumNames.h"

#include <array>

namespace hearth::scheduler {

namespace {

constexpr std::array<EnumName<ChainCondition>, 4> ConditionNames { {
    { ChainCondition::Succeeded, u"succeeded" },
    { ChainCondition::Changed, u"changed" },
    { ChainCondition::Failed, u"failed" },
    { ChainCondition::Notified, u"notified" },
} };

} // namespace

QString chainConditionName(ChainCondition condition)
{
    return nameOf(ConditionNames, condition);
}

std::optional<ChainCondition> chainConditionFromName(const QString &name)
{
    return valueOf(ConditionNames, name);
}

Result<ChainTrigger, FieldError> ChainTrigger::fromJson(const QJsonValue &json,
                                                        const QString &field)
{
    if (!json.isObject())
        return fail(FieldError { field,
                                 QStringLiteral("must be an object such as {\"after\": \"price "
                                                "check\", \"when\": \"changed\"}") });
    const QJsonObject object = json.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"after" && it.key() != u"when")
            return fail(FieldError { field + u'.' + it.key(), QStringLiteral("is not a field") });
    }
    ChainTrigger trigger;
    const QJsonValue after = object.value(QStringLiteral("after"));
    trigger.after = after.toString().trimmed();
    if (!after.isString() || trigger.after.isEmpty())
        return fail(
            FieldError { field + QStringLiteral(".after"),
                         QStringLiteral("must name the watcher whose runs start this one") });
    const QJsonValue when = object.value(QStringLiteral("when"));
    if (!when.isUndefined()) {
        const auto condition = chainConditionFromName(when.toString());
        if (!when.isString() || !condition)
            return fail(FieldError { field + QStringLiteral(".when"),
                                     QStringLiteral("must be one of ") +
                                         allNames(ConditionNames).join(u", ") });
        trigger.when = *condition;
    }
    return trigger;
}

QJsonObject ChainTrigger::toJson() const
{
    return { { QStringLiteral("after"), after },
             { QStringLiteral("when"), chainConditionName(when) } };
}

} // namespace hearth::scheduler
