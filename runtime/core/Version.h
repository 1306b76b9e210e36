#pragma once

#include "HearthVersion.h"

namespace hearth {

inline constexpr char ProductName[] = "Hearth";
inline constexpr char ProductVersion[] = HEARTH_VERSION;
// The HTTP API's major version, as in /api/v1.
inline constexpr int ApiVersion = 1;

} // namespace hearth
