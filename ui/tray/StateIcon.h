#pragma once

#include <QIcon>

namespace hearth::ui {

// What the tray icon says at a glance.
enum class TrayState { Stopped, Starting, Running, Attention, Error };

// The tray icon for a state, painted from vector paths at whatever size and
// device pixel ratio the tray asks for, so it is sharp at every scale.
// (Qt's SVG renderer is a separate module we do not depend on; the shapes
// here are the ones in resources/icons/hearth.svg.)
QIcon stateIcon(TrayState state);
QString trayStateName(TrayState state);

} // namespace hearth::ui
