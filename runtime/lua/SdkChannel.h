#pragma once

#include "core/Result.h"
#include "sandbox/HostProtocol.h"

namespace hearth::lua {

// How the engine reaches hearthd: the host implements it over its socket.
class SdkChannel
{
public:
    virtual ~SdkChannel() = default;
    // Asks hearthd to act; its answer, or the error message to raise.
    virtual Result<QCborValue> call(sandbox::SdkFunction function, const QCborArray &args) = 0;
    // One log line of the run (already within the run's caps).
    virtual void log(const LogLine &line) = 0;
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
    // For hearth_test (SdkTestFunctions.h): bytes written to hearthd as they
    // are, and the run's token.
    virtual void sendRaw(const QByteArray &bytes) = 0;
    virtual quint64 run() const = 0;
#endif
};

} // namespace hearth::lua
