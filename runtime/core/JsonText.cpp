#include "JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth {

QJsonValue jsonValueOrNull(const QByteArray &text)
{
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Null);
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']');
    return wrapped.isArray() ? wrapped.array().at(0) : QJsonValue(QJsonValue::Null);
}

QByteArray compactJsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return "null";
    // Inside an array, then unwrapped: QJsonDocument writes no bare scalar.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace hearth
