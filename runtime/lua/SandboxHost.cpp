#include "SandboxHost.h"

#include "InstructionMeter.h"
#include "Sandbox.h"
#include "SdkChannel.h"
#include "platform/Platform.h"
#include "platform/SandboxLockdown.h"
#include "sandbox/HostProtocol.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace hearth::lua {

namespace {

using namespace sandbox;

// Exit codes hearthd reads in its log when a host ends on its own.
enum HostExit { ChannelClosed = 0, SetupFailed = 70, ProtocolBroken = 71 };

// Room above the largest quota for everything that is not the Lua heap:
// Qt, the C library's arenas, the thread stacks, a 10 MiB http answer.
constexpr qint64 AddressSpaceMargin = 256LL * 1024 * 1024;

[[noreturn]] void leave(HostExit code, const char *why = nullptr)
{
    if (why)
        std::fprintf(stderr, "hearth-sandbox: %s\n", why);
    // No atexit handlers (nor a leak check that would need ptrace): the
    // process holds nothing that needs saving.
    std::fflush(stderr);
    ::_exit(code);
}

// The host's end of the channel: blocking frames in both directions.
class HostConnection
{
public:
    explicit HostConnection(platform::NativeSocket socket)
        : m_socket(socket)
    {
    }

    void send(const QCborMap &message) { sendRaw(encodeFrame(message)); }
    void sendRaw(const QByteArray &bytes)
    {
        if (platform::sendAll(m_socket, bytes.constData(), bytes.size(), -1) != bytes.size())
            leave(ChannelClosed); // hearthd went away or gave up on this host
    }

    // The next message from hearthd; leaves when the channel closes.
    RuntimeMessage receive()
    {
        QByteArray payload;
        for (;;) {
            switch (m_reader.next(payload)) {
            case FrameReader::Status::Frame: {
                auto message = decodeRuntimeMessage(payload);
                if (!message)
                    leave(ProtocolBroken, qPrintable(message.error()));
                return std::move(message).value();
            }
            case FrameReader::Status::TooLarge:
                leave(ProtocolBroken, "frame too large");
            case FrameReader::Status::NeedMore:
                break;
            }
            char buffer[64 * 1024];
            const long long n = platform::receive(m_socket, buffer, sizeof(buffer));
            if (n <= 0)
                leave(ChannelClosed);
            m_reader.append(buffer, qsizetype(n));
        }
    }

private:
    const platform::NativeSocket m_socket;
    FrameReader m_reader { MaxRuntimeFrameBytes };
};

// One run's SDK channel: every call waits for hearthd's reply to it.
class RunChannel final : public SdkChannel
{
public:
    RunChannel(HostConnection &connection, quint64 run)
        : m_connection(connection)
        , m_run(run)
    {
    }

    Result<QCborValue> call(SdkFunction function, const QCborArray &args) override
    {
        const QByteArray frame =
            encodeFrame(encodeHostMessage(SdkCall { m_run, m_seq + 1, function, args }));
        // Strings can grow as large as the memory quota; hearthd would stop
        // a host that sent a frame beyond its cap, so the script hears it.
        if (frame.size() - FrameHeaderBytes > MaxHostFrameBytes) {
            return fail(QStringLiteral("%1: the arguments are larger than %2 bytes")
                            .arg(sdkFunctionName(function))
                            .arg(MaxHostFrameBytes));
        }
        const quint64 seq = ++m_seq;
        m_connection.sendRaw(frame);
        RuntimeMessage message = m_connection.receive();
        auto *reply = std::get_if<CallReply>(&message);
        if (!reply || reply->run != m_run || reply->seq != seq)
            leave(ProtocolBroken, "expected the reply to the last call");
        if (!reply->ok)
            return fail(reply->error);
        return reply->value;
    }

    void log(const LogLine &line) override
    {
        m_connection.send(encodeHostMessage(LogMessage { m_run, line }));
    }

#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
    void sendRaw(const QByteArray &bytes) override
    {
        m_connection.sendRaw(bytes);
    }
    quint64 run() const override
    {
        return m_run;
    }
#endif

private:
    HostConnection &m_connection;
    const quint64 m_run;
    quint64 m_seq = 0;
};

} // namespace

int runSandboxHost(const HostOptions &options)
{
    // Everything that would need a file or a thread happens before the
    // lockdown, and the meter's first measurement: no run waits for it.
    platform::prepareSandboxHost();
    InstructionMeter::prepare();
    platform::limitAddressSpace(options.maxMemoryBytes + AddressSpaceMargin);
    if (const QString error = platform::lockDownSandboxHost(); !error.isEmpty()) {
        std::fprintf(stderr, "hearth-sandbox: %s\n", qPrintable(error));
        return SetupFailed;
    }

    HostConnection connection(options.channel);
    for (;;) {
        RuntimeMessage message = connection.receive();
        if (auto *run = std::get_if<RunRequest>(&message)) {
            RunChannel channel(connection, run->run);
            RunDone done { run->run,
                           Sandbox::run(run->source, run->context, run->limits, &channel) };
            connection.send(encodeHostMessage(done));
            // While no run waits for this host (hearthd has its result).
            InstructionMeter::recalibrateIfOlderThan(InstructionMeter::CalibrationMaxAge);
        } else if (auto *check = std::get_if<CheckRequest>(&message)) {
            connection.send(
                encodeHostMessage(CheckDone { check->run, Sandbox::checkSyntax(check->source) }));
        } else {
            leave(ProtocolBroken, "a reply outside any call");
        }
    }
}

} // namespace hearth::lua
