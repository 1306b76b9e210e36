#pragma once

#include <QByteArray>

namespace hearth {

// Whether SQLite's own JSON rule (json_valid: RFC 8259 — no raw control
// characters in strings, no ".5" or "1.") accepts the text. The API asks it
// of every body it parses, so that what it accepts is exactly what the store
// accepts. Any thread: each asks its own in-memory connection.
bool isStrictJson(const QByteArray &text);

} // namespace hearth
