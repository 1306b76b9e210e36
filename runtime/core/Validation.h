#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QString>

// Checking fields of a JSON request, with errors that name the field.
namespace hearth {

struct FieldError
{
    QString field; // "schedule.cron", "limits.instructions"
    QString message;
};

// `object[key]` as a whole number from minimum to maximum; `fallback` when
// absent. `field` is the name errors use.
Result<qint64, FieldError> wholeNumberField(const QJsonObject &object, const QString &key,
                                            const QString &field, qint64 minimum, qint64 maximum,
                                            qint64 fallback);

} // namespace hearth
