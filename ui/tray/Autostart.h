#pragma once

#include <QString>

namespace hearth::ui::autostart {

// "Start Hearth at login" behind one interface: an XDG autostart entry on
// Linux and other freedesktop systems, HKCU\…\Run on Windows, a LaunchAgent
// on macOS. The entry starts this very executable with the same data dir.
bool isEnabled();
bool setEnabled(bool enabled, QString *error);
// Where the login item lives (for messages and tests).
QString location();

} // namespace hearth::ui::autostart
