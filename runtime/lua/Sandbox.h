#pragma once

#include "model/ScriptTypes.h"

#include <QByteArray>
#include <QString>

// The Lua engine of a sandbox host: one Lua 5.4 script in a fresh,
// locked-down state (SECURITY.md's sandbox rules), with an instruction
// budget, a memory quota and a deadline. hearthd never links this; it runs
// scripts through sandbox::SandboxPool, in host processes.
namespace hearth::lua {

class SdkChannel;

class Sandbox
{
public:
    static constexpr qsizetype MaxResultBytes = RunCaps::MaxResultBytes;
    static constexpr int MaxLogLines = RunCaps::MaxLogLines;
    static constexpr qsizetype MaxLogBytes = RunCaps::MaxLogBytes;
    static constexpr qsizetype MaxStringBytes = RunCaps::MaxStringBytes;

    // Compiles without running: the error message (with line) or empty.
    static QString checkSyntax(const QByteArray &source);

    // Runs a script; one at a time per process (a sandbox host runs its
    // runs one after another). The SDK modules that act outside the script (kv,
    // secrets, notify, http) and its log lines go through `channel`; without
    // one they raise a clear error when called, and the log lines are
    // returned in the result.
    static ExecutionResult run(const QByteArray &source, const ScriptContext &context,
                               const Limits &limits, SdkChannel *channel = nullptr);
};

} // namespace hearth::lua
