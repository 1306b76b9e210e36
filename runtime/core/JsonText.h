#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace hearth {

// One JSON value stored as text (a run's result or event, a log line's
// data): the value, or null for empty or unreadable text. Qt 6.4's
// QJsonDocument only takes objects and arrays at the top level, so the text
// is read inside an array.
QJsonValue jsonValueOrNull(const QByteArray &text);
// The other way: any JSON value as compact text ("null" for null or
// undefined), scalars too.
QByteArray compactJsonText(const QJsonValue &value);

} // namespace hearth
