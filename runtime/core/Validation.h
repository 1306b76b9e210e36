#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QString>
#include <initializer_list>
#include <optional>

// Checking fields of a JSON request, with errors that name the field.
namespace hearth {

struct FieldError
{
    QString field; // "schedule.cron", "limits.instructions"
    QString message;
};

// The first character a name or key must not hold: a control character, or
// a format character (U+200B, U+FEFF, …) — SQLite drops a leading U+FEFF
// when it stores text, so "\uFEFFabc" would silently become another
// spelling of "abc".
std::optional<QChar> firstInvisibleCharacter(const QString &text);
// Why a name a person typed (a watcher's or a worker's) is not acceptable
// for the above, or nothing.
std::optional<QString> invisibleCharacterProblem(const QString &name);

// `object[key]` as a whole number from minimum to maximum; `fallback` when
// absent. `field` is the name errors use.
Result<qint64, FieldError> wholeNumberField(const QJsonObject &object, const QString &key,
                                            const QString &field, qint64 minimum, qint64 maximum,
                                            qint64 fallback);

// Every member of `object` must be one of `known`; errors name the first
// that is not ("limits.cpu: is not a field"; `prefix` is "limits.").
Result<void, FieldError> onlyKnownFields(const QJsonObject &object, const QString &prefix,
                                         std::initializer_list<const char *> known);

} // namespace hearth
