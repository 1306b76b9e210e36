#include "Validation.h"

#include <QJsonValue>
#include <algorithm>

namespace hearth {

std::optional<QChar> firstInvisibleCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return c;
    }
    return std::nullopt;
}

std::optional<QString> invisibleCharacterProblem(const QString &name)
{
    const std::optional<QChar> c = firstInvisibleCharacter(name);
    if (!c)
        return std::nullopt;
    if (c->category() == QChar::Other_Control)
        return QStringLiteral("must not contain control characters");
    return QStringLiteral("must not contain format characters (found U+%1)")
        .arg(QString::number(c->unicode(), 16).toUpper().rightJustified(4, u'0'));
}

Result<qint64, FieldError> wholeNumberField(const QJsonObject &object, const QString &key,
                                            const QString &field, qint64 minimum, qint64 maximum,
                                            qint64 fallback)
{
    if (!object.contains(key))
        return fallback;
    const QJsonValue value = object.value(key);
    const qint64 number = value.toInteger(minimum - 1);
    if (!value.isDouble() || double(number) != value.toDouble())
        return fail(FieldError { field, QStringLiteral("must be a whole number") });
    if (number < minimum) {
        return fail(FieldError {
            field, QStringLiteral("%1 is below the minimum of %2").arg(number).arg(minimum) });
    }
    if (number > maximum) {
        return fail(FieldError {
            field, QStringLiteral("%1 is above the ceiling of %2").arg(number).arg(maximum) });
    }
    return number;
}

Result<void, FieldError> onlyKnownFields(const QJsonObject &object, const QString &prefix,
                                         std::initializer_list<const char *> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool isKnown = std::any_of(known.begin(), known.end(), [&it](const char *name) {
            return it.key() == QLatin1String(name);
        });
        if (!isKnown)
            return fail(FieldError { prefix + it.key(), QStringLiteral("is not a field") });
    }
    return {};
}

} // namespace hearth
