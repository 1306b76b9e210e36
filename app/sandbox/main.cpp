// hearth-sandbox: the sandbox host hearthd starts for Lua runs. Not for
// people: it talks CBOR frames on file descriptor 3 (sandbox/HostProtocol.h).
#include "lua/SandboxHost.h"
#include "platform/Platform.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char *argv[])
{
    hearth::lua::HostOptions options;
    options.channel = hearth::platform::SandboxChannelFd;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--max-memory") == 0 && i + 1 < argc) {
            options.maxMemoryBytes = std::atoll(argv[++i]);
        } else {
            std::fprintf(stderr, "hearth-sandbox: started by hearthd only (unknown argument %s)\n",
                         argv[i]);
            return 2;
        }
    }
    return hearth::lua::runSandboxHost(options);
}
