#pragma once

#include "model/Levels.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

// The values a Lua run is made of, shared by hearthd (which never runs Lua)
// and the sandbox host (which does). No Lua here: hearthd links this, not Lua.
namespace hearth::lua {

struct Limits
{
    qint64 instructions = 50'000'000;
    // Parsed pages count toward it (html.parse): a 10 MiB page's tree takes
    // 80–180 MiB, depending on how densely it is marked up.
    qint64 memoryBytes = 256 * 1024 * 1024;
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
    SandboxCrashed, // the host process died or broke the protocol mid-run
};
inline constexpr int LastOutcome = int(Outcome::SandboxCrashed);
QString outcomeName(Outcome outcome); // "succeeded", "script_error", "instruction_limit", …

struct LogLine
{
    LogLevel level = LogLevel::Info;
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
    // The watcher's latest snapshot's text (ctx.last_snapshot); none: nil.
    std::optional<QByteArray> lastSnapshot;
    // A preview (a template tried before it is saved): notify{} is checked
    // and collected into the result instead of being sent.
    bool preview = false;
};

// A notification a preview would have sent.
struct DraftNotification
{
    NotificationLevel level = NotificationLevel::Info;
    QString title;
    QString body;
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
    // What the script kept (snapshot.save, or its result's `snapshot`
    // field): stored if the run succeeds.
    std::optional<QByteArray> snapshot;
    // Set where the run was executed (the sandbox pool), not by the script:
    // how long it waited for a host (none if no host began it: cancelled
    // while queued) and how long it held one, in µs.
    std::optional<qint64> queuedMicros;
    qint64 hostMicros = 0;
    // feed.new_items recorded items, pending until the run succeeds.
    bool markedFeedItems = false;
    // A preview's notify{} calls, in order.
    QList<DraftNotification> draftNotifications;
};

// Caps every run shares, wherever it executes.
struct RunCaps
{
    static constexpr qsizetype MaxResultBytes = 1024 * 1024;
    static constexpr int MaxLogLines = 1000;
    static constexpr qsizetype MaxLogBytes = 1024 * 1024;
    // Largest string a single C function may build (string.rep,
    // table.concat): beyond it the run ends with memory_limit.
    static constexpr qsizetype MaxStringBytes = 16 * 1024 * 1024;
    // Values shorter than this are not redacted from logs (they would
    // mangle unrelated text).
    static constexpr qsizetype MinRedactedBytes = 3;
    static constexpr int MaxNotificationsPerRun = 10;
    // email.send: a message's text and HTML together (the 25 MB),
    // and how many one run may send.
    static constexpr qsizetype MaxEmailBytes = 25'000'000;
    static constexpr int MaxEmailsPerRun = 10;
    // A snapshot's text (a page's readable text is far smaller).
    static constexpr qsizetype MaxSnapshotBytes = 1024 * 1024;
};

} // namespace hearth::lua
