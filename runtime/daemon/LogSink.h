#pragma once

#include "DaemonOptions.h"

#include <QString>

namespace hearth {

// Where hearthd's own log goes: one line per event to stderr and to a
// size-rotated file in the data dir (hearthd.log, .1, .2, …), filtered by
// level. Installed as Qt's message handler, so qCInfo(…) and friends from any
// thread end up here. Callers never pass request bodies or secret values.
class LogSink
{
public:
    struct Settings
    {
        DiagnosticLevel minimumLevel = DiagnosticLevel::Info;
        QString filePath; // empty: stderr only
        qint64 maxFileBytes = 5 * 1024 * 1024;
        int keptFiles = 3; // rotated files kept besides the current one
    };

    static void install(const Settings &settings);
    // Back to stderr only (tests, and hearthd's last lines after the data dir
    // lock is released).
    static void uninstall();
};

} // namespace hearth
