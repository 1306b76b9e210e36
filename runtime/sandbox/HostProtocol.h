#pragma once

#include "core/Result.h"
#include "model/ScriptTypes.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <variant>

// The messages between hearthd and a sandbox host, over one inherited
// socket. A frame is a 4-byte big-endian length and then that many bytes of
// one CBOR map whose "t" names the message. Every message names the run it
// belongs to (a token hearthd chose); hearthd decides everything else about
// the run from which host it gave the run to, and treats every byte a host
// sends as untrusted: decodeHostMessage() checks types, sizes and names, and
// a frame it refuses ends the host.
//
//   hearthd → host:  run, check, reply
//   host → hearthd:  call, log, done, checked
namespace hearth::sandbox {

inline constexpr qsizetype FrameHeaderBytes = 4;
// The largest frame a host may send: a request body for http (a string of
// at most MaxStringBytes) with room for the rest of the message.
inline constexpr qsizetype MaxHostFrameBytes =
    qMax(lua::RunCaps::MaxStringBytes, lua::RunCaps::MaxEmailBytes) + 64 * 1024;
// The largest frame hearthd sends: an http response (10 MiB) or a script.
inline constexpr qsizetype MaxRuntimeFrameBytes = 24 * 1024 * 1024;

// The longest error message or traceback a message carries (UTF-16 units);
// encoding cuts longer ones, marking the cut.
inline constexpr qsizetype MaxErrorChars = 64 * 1024;

QByteArray encodeFrame(const QCborMap &message);

// Splits a byte stream into frames.
class FrameReader
{
public:
    explicit FrameReader(qsizetype maxFrameBytes)
        : m_maxFrameBytes(maxFrameBytes)
    {
    }
    enum class Status { NeedMore, Frame, TooLarge };
    void append(const char *data, qsizetype size) { m_buffer.append(data, size); }
    // Takes the next complete frame's payload out of the buffer.
    Status next(QByteArray &payload);
    // Drops what was buffered (a new peer on the same reader).
    void clear() { m_buffer.clear(); }

private:
    qsizetype m_maxFrameBytes;
    QByteArray m_buffer;
};

// What a script may ask hearthd to do. One string per function on the wire.
enum class SdkFunction {
    KvGet,
    KvSet,
    KvDelete,
    KvList,
    KvGlobalGet,
    KvGlobalSet,
    KvGlobalDelete,
    KvGlobalList,
    SecretsGet,
    Notify,
    HttpRequest,
    FeedNewItems,
    EmailSend,
    AgentEscalate,
};
QString sdkFunctionName(SdkFunction function);
std::optional<SdkFunction> sdkFunctionFromName(QStringView name);

// --- hearthd → host -----------------------------------------------------------

struct RunRequest
{
    quint64 run = 0;
    QByteArray source;
    lua::ScriptContext context;
    lua::Limits limits;
};
struct CheckRequest
{
    quint64 run = 0;
    QByteArray source;
};
struct CallReply
{
    quint64 run = 0;
    quint64 seq = 0;
    bool ok = false;
    QCborValue value; // when ok
    QString error; // when not
};
using RuntimeMessage = std::variant<RunRequest, CheckRequest, CallReply>;
QCborMap encodeRuntimeMessage(const RuntimeMessage &message);
// The host's side: hearthd is trusted, but a broken frame still ends the
// host cleanly rather than running half a request.
Result<RuntimeMessage> decodeRuntimeMessage(const QByteArray &payload);

// --- host → hearthd -----------------------------------------------------------

struct SdkCall
{
    quint64 run = 0;
    quint64 seq = 0;
    SdkFunction function = SdkFunction::KvGet;
    QCborArray args;
};
struct LogMessage
{
    quint64 run = 0;
    lua::LogLine line; // time is empty: hearthd stamps it on arrival
};
struct RunDone
{
    quint64 run = 0;
    lua::ExecutionResult result; // logs arrived as LogMessages
};
struct CheckDone
{
    quint64 run = 0;
    QString error; // empty: it compiles
};
using HostMessage = std::variant<SdkCall, LogMessage, RunDone, CheckDone>;
QCborMap encodeHostMessage(const HostMessage &message);
// hearthd's side: refuses anything but a well-formed message with fields of
// the right types and sizes (the message says why).
Result<HostMessage> decodeHostMessage(const QByteArray &payload);
quint64 runOf(const HostMessage &message);

// Whether `json` is exactly one JSON value (what results, log data and KV
// values must be before hearthd stores or embeds them).
bool isJsonText(const QByteArray &json);

// Typed access to an SdkCall's arguments; each fails with a message naming
// the argument instead of guessing.
Result<QByteArray> byteArgument(const QCborArray &args, qsizetype index, qsizetype maxBytes);
Result<QString> textArgument(const QCborArray &args, qsizetype index, qsizetype maxBytes);

} // namespace hearth::sandbox
