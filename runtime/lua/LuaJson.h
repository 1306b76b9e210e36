#pragma once

#include <QByteArray>
#include <QString>

struct lua_State;

// JSON <-> Lua values with full fidelity (SDK 1.0's json module):
//  - integers stay integers and floats stay floats (1.0 encodes as 1.0);
//  - JSON null is json.null (nil would drop a key), and a top-level nil
//    encodes as null;
//  - decoded arrays carry a marker metatable, so [] round-trips as [];
//    other empty tables encode as {};
//  - strings must be UTF-8; errors name the byte position.
namespace hearth::lua {

// The module itself is opened by openSdk_json (SdkModule.h).

// Marks the table at `index` as an array, so that it encodes as [] even empty.
void markAsArray(lua_State *L, int index);

// Encodes the value at `index`; on failure returns false and sets `error`.
bool encodeJson(lua_State *L, int index, QByteArray &out, QString &error, qsizetype maxBytes);
// Pushes the decoded value; on failure pushes nothing, returns false.
bool decodeJson(lua_State *L, const QByteArray &text, QString &error);

} // namespace hearth::lua
