// libFuzzer target: json.decode on arbitrary bytes, then json.encode of
// whatever decoded (the round trip must not crash, leak or misbehave).
#include "lua/Sandbox.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Embed the input as a Lua long string whose level does not occur in it.
    QByteArray level;
    while (input.contains(QByteArray("]" + level + "]")))
        level += '=';
    const QByteArray source = "local ok, v = pcall(json.decode, [" + level + "[" + input + "]" +
        level + "]) if ok then return json.encode(v) end return false";
    hearth::lua::Limits limits;
    limits.instructions = 1'000'000;
    limits.memoryBytes = 16 * 1024 * 1024;
    limits.timeoutMs = 2000;
    hearth::lua::Sandbox::run(source, {}, limits);
    return 0;
}
