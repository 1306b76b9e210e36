// libFuzzer target: what a watcher's script is said to reach, read from any
// text an MCP client may save as a script (model/WatcherReach's tokenizer):
// it may not crash, hang or leak, and it reads each byte a bounded number of
// times.
#include "model/WatcherReach.h"

#include <QString>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hearth::scheduler::WatcherSpec spec;
    spec.name = QStringLiteral("fuzzed");
    spec.task = hearth::scheduler::LuaTask {
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)), {}
    };
    (void)hearth::scheduler::WatcherReach::of(spec).toJson();
    return 0;
}
