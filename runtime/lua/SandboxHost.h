#pragma once

#include <QtGlobal>

// The sandbox host's life: set up, lock itself down, then run what hearthd
// sends over its channel until the channel closes. app/sandbox/main.cpp is
// its thin main.
namespace hearth::lua {

struct HostOptions
{
    qint64 channel = 3; // platform::SandboxChannelFd
    // The largest memory quota a run may get (hearthd's ceiling); the
    // address space is capped a margin above it.
    qint64 maxMemoryBytes = 512LL * 1024 * 1024;
};

// Returns only when set-up fails (the exit code); otherwise the process
// exits when hearthd closes the channel.
int runSandboxHost(const HostOptions &options);

} // namespace hearth::lua
