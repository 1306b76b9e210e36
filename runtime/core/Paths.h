#pragma once

#include <QString>

namespace hearth {

// The data dir every Hearth program uses when none is given. It is derived
// from GenericDataLocation rather than AppDataLocation because the latter
// depends on each executable's own name, and hearthd, hearth and hearth-tray
// must agree on one folder.
QString defaultDataDir();

// File names inside a data dir that more than one program relies on.
namespace datadir {
inline constexpr char16_t DatabaseFile[] = u"hearth.db";
inline constexpr char16_t RuntimeFile[] = u"runtime.json";
inline constexpr char16_t LockFile[] = u"hearthd.lock";
inline constexpr char16_t LogDir[] = u"logs";
inline constexpr char16_t LogFile[] = u"hearthd.log";
} // namespace datadir

} // namespace hearth
