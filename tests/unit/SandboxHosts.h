#pragma once

#include "sandbox/SandboxPool.h"

#include <memory>

// A pool of real sandbox hosts (the hearth-sandbox next to the tests) with
// the given services: what hearthd runs scripts with.
inline std::unique_ptr<hearth::sandbox::SandboxPool>
makeSandboxPool(hearth::sandbox::SdkServices services = {}, int hosts = 2)
{
    return std::make_unique<hearth::sandbox::SandboxPool>(
        hearth::sandbox::SandboxPool::Config { QStringLiteral(HEARTH_BIN_DIR "/hearth-sandbox"),
                                               hosts, 512LL * 1024 * 1024 },
        services);
}
