#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace hearth {
class KvRepository;
class NotificationRepository;
namespace secrets {
class SecretStore;
}
} // namespace hearth

// Running one Lua 5.4 script in a fresh, locked-down state (SECURITY.md's
// sandbox rules), with an instruction budget, a memory quota and a deadline.
namespace hearth::lua {

struct Limits
{
    qint64 instructions = 50'000'000;
    qint64 memoryBytes = 64 * 1024 * 1024;
    qint64 timeoutMs = 30'000;
};

// How a run ended. Every limit has its own code, distinct from a script's
// own error.
enum class Outcome {
    Succeeded,
    ScriptError, // a Lua error (message and traceback)
    InstructionLimit, // the instruction budget ran out
    MemoryLimit, // the memory quota was reached
    Timeout, // the wall-clock deadline passed
    OutputTooLarge, // the result did not fit MaxResultBytes as JSON
    Cancelled, // the caller asked the run to stop
};
QString outcomeName(Outcome outcome); // "succeeded", "script_error", "instruction_limit", …

struct LogLine
{
    QString level; // trace, info, warn, error
    QString message;
    QByteArray dataJson; // empty when no data was given
    QString time; // RFC 3339 UTC
};

// What the script sees as `ctx`.
struct ScriptContext
{
    QString runId;
    int attempt = 1;
    QString trigger = QStringLiteral("manual");
    QString scheduledFor;
    QString watcherId;
    QString watcherName;
    QByteArray eventJson = "{}";
    QByteArray lastResultJson; // empty: nil
};

// What the SDK modules act on. A module whose service is missing raises a
// clear error when called (the globals stay the same everywhere).
struct Services
{
    const KvRepository *kv = nullptr;
    secrets::SecretStore *secrets = nullptr;
    const NotificationRepository *notifications = nullptr;
};

struct ExecutionResult
{
    Outcome outcome = Outcome::Succeeded;
    QString errorMessage;
    QString traceback;
    QByteArray resultJson = "null";
    QList<LogLine> logs;
    qint64 durationMs = 0;
    qint64 instructions = 0;
    qint64 peakMemoryBytes = 0;
};

class Sandbox
{
public:
    static constexpr qsizetype MaxResultBytes = 1024 * 1024;
    static constexpr int MaxLogLines = 1000;
    static constexpr qsizetype MaxLogBytes = 1024 * 1024;
    // Largest string a single C function may build (string.rep,
    // table.concat): beyond it the run ends with memory_limit.
    static constexpr qsizetype MaxStringBytes = 16 * 1024 * 1024;

    // Compiles without running: the error message (with line) or empty.
    static QString checkSyntax(const QByteArray &source);

    // A run stops with Cancelled soon after *cancelRequested becomes true
    // (checked as often as the deadline).
    static ExecutionResult run(const QByteArray &source, const ScriptContext &context,
                               const Limits &limits, const Services &services = {},
                               const std::atomic<bool> *cancelRequested = nullptr);
    // Values shorter than this are not redacted from logs (they would
    // mangle unrelated text).
    static constexpr qsizetype MinRedactedBytes = 3;
    static constexpr int MaxNotificationsPerRun = 10;
};

} // namespace hearth::lua
