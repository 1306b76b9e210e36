#pragma once

#include <QIcon>

namespace hearth::ui {

// What the tray icon says at a glance.
enum class TrayState { Stopped, Starting, Running, Attention, Error };

// The tray icon for a state, drawn from its SVG (resources/icons) at whatever
// size and device pixel ratio the tray asks for, so it is sharp at every scale.
QIcon stateIcon(TrayState state);
// The state's SVG in the compiled-in resources.
QString stateIconPath(TrayState state);
QString trayStateName(TrayState state);

} // namespace hearth::ui
