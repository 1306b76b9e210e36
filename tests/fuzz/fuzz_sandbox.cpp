// libFuzzer target: arbitrary bytes as a script. Every input must end in one
// of the documented outcomes without crashing, leaking or overrunning limits.
#include "lua/Sandbox.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray source(reinterpret_cast<const char *>(data), qsizetype(size));
    hearth::lua::Limits limits;
    limits.instructions = 1'000'000;
    limits.memoryBytes = 16 * 1024 * 1024;
    limits.timeoutMs = 2000;
    const auto result = hearth::lua::Sandbox::run(source, {}, limits);
    if (result.peakMemoryBytes > limits.memoryBytes + 64 * 1024 * 1024)
        std::abort(); // the quota (plus bounded exemptions) must hold
    return 0;
}
