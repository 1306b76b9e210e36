#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace hearth::client {

// The exact text of a top-level member of a JSON object, as the server sent
// it: numbers keep every digit, which a QJsonDocument round trip would not
// (KV values and script results are stored and served verbatim). Empty when
// the member is absent or the text is not an object.
QByteArray rawJsonMember(const QByteArray &object, QByteArrayView name);

} // namespace hearth::client
