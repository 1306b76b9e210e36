#pragma once

#include "core/Result.h"
#include "core/Validation.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace hearth::scheduler {

// Which of the upstream watcher's runs start a chained watcher.
enum class ChainCondition {
    Succeeded, // every run that succeeded
    Changed, // a success whose result or snapshot differs from the previous one
    Failed, // a run that failed for good (its last attempt: dead)
    Notified, // a run that raised a notification (notify{} or the watcher's policy)
};
// The API's spelling ("succeeded", "changed", …) and back.
QString chainConditionName(ChainCondition condition);
std::optional<ChainCondition> chainConditionFromName(const QString &name);

// A watcher that starts on another watcher's runs instead of a schedule:
//   {"after": "price check", "when": "changed"}          when: succeeded by default
// The upstream is named; hearthd links it by id when the watcher is saved
// (refusing an unknown name and a cycle) and follows renames.
struct ChainTrigger
{
    // A chain's runs carry their depth (1 for a run started by a scheduled
    // or manual run's end, +1 per link); a run deeper than this is recorded
    // as skipped instead of run. Cycles are refused when a watcher is saved,
    // so this bounds long chains, not loops.
    static constexpr int MaxDepth = 8;

    QString after;
    ChainCondition when = ChainCondition::Succeeded;

    // `field` prefixes error fields ("trigger" → "trigger.after").
    static Result<ChainTrigger, FieldError>
    fromJson(const QJsonValue &json, const QString &field = QStringLiteral("trigger"));
    QJsonObject toJson() const;
};

} // namespace hearth::scheduler
