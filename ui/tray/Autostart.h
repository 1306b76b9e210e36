#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hearth::ui::autostart {

// "Start Hearth at login" behind one interface: an XDG autostart entry on
// Linux and other freedesktop systems, HKCU\…\Run on Windows, a LaunchAgent
// on macOS. The entry starts this very executable with the same data dir.
bool isEnabled();
bool setEnabled(bool enabled, QString *error);
// Where the login item lives (for messages and tests).
QString location();

// What each platform's login item holds for `command` (program, then its
// arguments). Built on every platform, so that each one is tested anywhere.
QByteArray xdgDesktopEntry(const QStringList &command);
QString windowsRunCommand(const QStringList &command);
QByteArray launchAgentPlist(const QStringList &command);

} // namespace hearth::ui::autostart
