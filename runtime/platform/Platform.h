#pragma once

#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class QProcess;

// Everything that differs between Linux, macOS and Windows sits behind these
// few functions and DirectoryWatcher.h; Platform.cpp is the only file with
// platform #ifdefs (DirectoryWatcher has one implementation file per
// platform, chosen by runtime/CMakeLists.txt).
namespace hearth::platform {

// Stops the process from ever writing a core dump: hearthd will hold the
// master key in memory.
void disableCoreDumps();
// Files and directories the process creates from now on are the user's
// alone (umask 077): the database, its WAL, the lock file, the logs.
void keepNewFilesPrivate();
// Makes the allocator share two arenas among all threads (glibc makes up to
// eight per core, one per busy thread, each keeping what its thread once
// needed); a no-op elsewhere. Call it before starting threads.
void shareAllocatorArenas();
// Gives memory that was freed back to the OS where the allocator keeps it
// (glibc); a no-op elsewhere. Costs a few milliseconds: call it after rare,
// large work, not per request.
void releaseFreeMemory();
// Whether a living process holds an OS lock on the file (QLockFile's holder
// keeps one for as long as it runs, and the OS drops it when the process
// dies, whatever its lock file says). None: this platform cannot tell.
std::optional<bool> fileLockHeld(const QString &path);

// Must run before any thread starts. Blocks SIGINT/SIGTERM in every thread and
// calls onShutdownRequest from a dedicated thread when one arrives; a second
// one while shutting down is delivered again (the caller may choose to exit).
// Also ignores SIGPIPE so that a client hanging up cannot kill the process.
void installShutdownHandler(std::function<void()> onShutdownRequest);

// Socket helpers for the sandbox hosts' channels. `socket` is a native handle.
using NativeSocket = long long;
// Waits until the socket is readable (or has an error/EOF); returns >0 when
// ready, 0 on timeout, <0 on error.
int waitReadable(NativeSocket socket, int timeoutMs);
long long receive(NativeSocket socket, char *buffer, long long size);
long long sendAll(NativeSocket socket, const char *data, long long size, int timeoutMs);
void closeSocket(NativeSocket socket);
// Options for the API's listening socket, set before it is bound: address
// reuse for quick restarts (on Windows, exclusive use instead: its
// SO_REUSEADDR would let another program take the port), but never
// SO_REUSEPORT, which would let a second process bind the same port and
// receive a share of our connections.
void configureListeningSocket(NativeSocket socket);

// Interrupting a thread that runs a Lua script, so that it checks its limits
// (lua/InstructionMeter.h). `onInterrupt` then runs on the interrupted thread
// in signal context: it may only touch lock-free atomics and call
// lua_sethook. False where threads cannot be interrupted this way.
bool installThreadInterrupt(void (*onInterrupt)());
std::uintptr_t currentThread();
void interruptThread(std::uintptr_t thread);
// CPU time the calling thread has used, in nanoseconds.
long long threadCpuTimeNs();

// Child processes (a device worker's agents). Makes `process` start its
// child as the leader of a new process group, so that the child and every
// process it spawns can be stopped together, and (on Linux) so that the
// child is killed if the calling process dies.
void runInOwnProcessGroup(QProcess &process);
enum class StopSignal { Terminate, Kill };
// Signals every process in the group led by `leaderPid`. False where there
// are no process groups (the caller then stops the child alone) or the
// group is gone.
bool signalProcessGroup(long long leaderPid, StopSignal signal);
// A runtime the tray spawns: SIGINT/SIGTERM unblocked, its own process group
// (a Ctrl-C in the tray's terminal reaches the tray, which stops the runtime
// gracefully, not both at once) and, with `stopWithParent`, on Linux a
// SIGTERM when the tray dies without stopping it.
void runAsSupervisedChild(QProcess &process, bool stopWithParent);

// Sandbox hosts (sandbox/SandboxPool.h): a child that talks to us over one
// socket, which it finds as file descriptor SandboxChannelFd.
inline constexpr int SandboxChannelFd = 3;
struct ChildProcess
{
    long long pid = -1;
    NativeSocket channel = -1; // our end of the socket pair
};
// Starts `program` as the leader of its own process group (killed with us on
// Linux), with no core dumps, no blocked signals, stdin from /dev/null,
// stdout and stderr shared with us, the other end of a new socket pair as
// SandboxChannelFd, no other descriptor of ours, and exactly `environment`
// ("NAME=value" entries). False with `error` set where it cannot (or where
// this platform has no such child yet: Windows).
bool spawnWithChannel(const std::string &program, const std::vector<std::string> &arguments,
                      const std::vector<std::string> &environment, ChildProcess &child,
                      std::string &error);
struct ChildExit
{
    bool exited = false; // else killed by `signal`
    int exitCode = 0;
    int signal = 0;
};
// A signal's name for messages ("Segmentation fault"); "signal N" where unknown.
std::string signalName(int signal);
// Waits for the child to end and reaps it.
ChildExit reapChild(long long pid);
// Waits until `first` or `second` is readable (or at end of stream): bit 1
// for the first, bit 2 for the second; 0 on timeout, <0 on error.
int waitReadableEither(NativeSocket first, NativeSocket second, int timeoutMs);
// A connected pair of sockets that wake a waiting thread.
bool makeSocketPair(NativeSocket &first, NativeSocket &second);

} // namespace hearth::platform
