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

} // namespace hearth
