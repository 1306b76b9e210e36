#include "Platform.h"

#include <QFile>
#include <QProcess>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#endif

namespace hearth::platform {

#ifdef _WIN32

void disableCoreDumps()
{
    // Windows writes no core files by itself; keep crash dialogs (and the
    // Windows Error Reporting dump they offer) from appearing.
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
}

void keepNewFilesPrivate()
{
    // The user's profile directories carry the user-only ACL already; files
    // inherit it.
}

void shareAllocatorArenas() { }

void releaseFreeMemory() { }

std::optional<bool> fileLockHeld(const QString &)
{
    // QLockFile on Windows holds the file open without sharing; the caller
    // cannot probe it without taking it.
    return std::nullopt;
}

namespace {
std::function<void()> g_onShutdown;
BOOL WINAPI consoleHandler(DWORD type)
{
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT || type == CTRL_CLOSE_EVENT) {
        if (g_onShutdown)
            g_onShutdown();
        return TRUE;
    }
    return FALSE;
}
} // namespace

void installShutdownHandler(std::function<void()> onShutdownRequest)
{
    g_onShutdown = std::move(onShutdownRequest);
    SetConsoleCtrlHandler(consoleHandler, TRUE);
}

static SOCKET toNative(NativeSocket s)
{
    return static_cast<SOCKET>(s);
}

int waitReadable(NativeSocket socket, int timeoutMs)
{
    WSAPOLLFD pfd { toNative(socket), POLLRDNORM, 0 };
    return WSAPoll(&pfd, 1, timeoutMs);
}

static int waitWritable(NativeSocket socket, int timeoutMs)
{
    WSAPOLLFD pfd { toNative(socket), POLLWRNORM, 0 };
    return WSAPoll(&pfd, 1, timeoutMs);
}

long long receive(NativeSocket socket, char *buffer, long long size)
{
    return recv(toNative(socket), buffer, int(size), 0);
}

static long long sendOnce(NativeSocket socket, const char *data, long long size)
{
    return send(toNative(socket), data, int(size), 0);
}

void configureListeningSocket(NativeSocket socket)
{
    BOOL yes = TRUE;
    setsockopt(toNative(socket), SOL_SOCKET, SO_EXCLUSIVEADDRUSE,
               reinterpret_cast<const char *>(&yes), sizeof(yes));
}

void closeSocket(NativeSocket socket)
{
    closesocket(toNative(socket));
}

bool installThreadInterrupt(void (*)())
{
    // No signals to deliver to a thread; the sandbox counts every
    // instruction instead.
    return false;
}

std::uintptr_t currentThread()
{
    return GetCurrentThreadId();
}

void interruptThread(std::uintptr_t) { }

long long threadCpuTimeNs()
{
    FILETIME creation, exit, kernel, user;
    if (!GetThreadTimes(GetCurrentThread(), &creation, &exit, &kernel, &user))
        return 0;
    const auto ticks = [](const FILETIME &time) {
        return (static_cast<long long>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
    };
    return (ticks(kernel) + ticks(user)) * 100;
}
#else

void keepNewFilesPrivate()
{
    ::umask(077);
}

void shareAllocatorArenas()
{
#ifdef __GLIBC__
    // hearthd's 32 HTTP workers each had an arena holding the memory of the
    // largest answer it built: after 112 large listings 74 MiB, with two
    // arenas 59 MiB, and the API served as many requests (bench_hearthd).
    ::mallopt(M_ARENA_MAX, 2);
#endif
}

void releaseFreeMemory()
{
#ifdef __GLIBC__
    // glibc keeps freed memory in each thread's arena (and raises its mmap
    // threshold after a large free), so a few large answers would hold tens
    // of megabytes for good.
    ::malloc_trim(0);
#endif
}

std::optional<bool> fileLockHeld(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // also releases the probe's lock if it was taken
    return held;
}

void disableCoreDumps()
{
    // RLIMIT_CORE alone, not prctl(PR_SET_DUMPABLE, 0): the latter also makes
    // /proc/<pid> unreadable to the user's own tools (and our RSS tests).
    struct rlimit none
    {
        0, 0
    };
    setrlimit(RLIMIT_CORE, &none);
}

void installShutdownHandler(std::function<void()> onShutdownRequest)
{
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    // Blocked here, before other threads exist, so every later thread inherits
    // the mask and only the waiter below ever sees these signals.
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set, onShutdownRequest = std::move(onShutdownRequest)]() {
        for (;;) {
            int signalNumber = 0;
            if (sigwait(&set, &signalNumber) == 0) {
                onShutdownRequest();
            }
        }
    }).detach();
}

static int toNative(NativeSocket s)
{
    return static_cast<int>(s);
}

int waitReadable(NativeSocket socket, int timeoutMs)
{
    pollfd pfd { toNative(socket), POLLIN, 0 };
    int rc;
    do {
        rc = poll(&pfd, 1, timeoutMs);
    } while (rc < 0 && errno == EINTR);
    return rc;
}

static int waitWritable(NativeSocket socket, int timeoutMs)
{
    pollfd pfd { toNative(socket), POLLOUT, 0 };
    int rc;
    do {
        rc = poll(&pfd, 1, timeoutMs);
    } while (rc < 0 && errno == EINTR);
    return rc;
}

long long receive(NativeSocket socket, char *buffer, long long size)
{
    ssize_t n;
    do {
        n = recv(toNative(socket), buffer, size_t(size), 0);
    } while (n < 0 && errno == EINTR);
    return n;
}

static long long sendOnce(NativeSocket socket, const char *data, long long size)
{
#ifdef MSG_NOSIGNAL
    constexpr int flags = MSG_NOSIGNAL;
#else
    constexpr int flags = 0; // macOS: SIGPIPE is ignored process-wide instead.
#endif
    ssize_t n;
    do {
        n = send(toNative(socket), data, size_t(size), flags);
    } while (n < 0 && errno == EINTR);
    return n;
}

void configureListeningSocket(NativeSocket socket)
{
    int yes = 1;
    setsockopt(toNative(socket), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

void closeSocket(NativeSocket socket)
{
    close(toNative(socket));
}

namespace {
void (*g_onInterrupt)() = nullptr;

void interruptHandler(int)
{
    const int savedErrno = errno;
    g_onInterrupt();
    errno = savedErrno;
}
} // namespace

bool installThreadInterrupt(void (*onInterrupt)())
{
    // SIGURG: ignored by default, so one that arrives from elsewhere (or
    // after a run ended) is harmless, and unused by Qt. SA_RESTART keeps
    // most interrupted system calls going; the rest retry on EINTR.
    g_onInterrupt = onInterrupt;
    struct sigaction action
    {
    };
    action.sa_handler = interruptHandler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGURG, &action, nullptr) == 0;
}

std::uintptr_t currentThread()
{
    // pthread_t is an integer on Linux and a pointer on macOS.
    static_assert(sizeof(pthread_t) <= sizeof(std::uintptr_t));
    const pthread_t self = pthread_self();
    std::uintptr_t id = 0;
    std::memcpy(&id, &self, sizeof(self));
    return id;
}

void interruptThread(std::uintptr_t thread)
{
    pthread_t target {};
    std::memcpy(&target, &thread, sizeof(target));
    pthread_kill(target, SIGURG);
}

long long threadCpuTimeNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<long long>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}
#endif

long long sendAll(NativeSocket socket, const char *data, long long size, int timeoutMs)
{
    long long sent = 0;
    while (sent < size) {
        if (waitWritable(socket, timeoutMs) <= 0) {
            return -1;
        }
        const long long n = sendOnce(socket, data + sent, size - sent);
        if (n <= 0) {
            return -1;
        }
        sent += n;
    }
    return sent;
}

#ifdef _WIN32

void runInOwnProcessGroup(QProcess &)
{
    // Job objects would be the equivalent; until then the child is stopped
    // alone (QProcess::terminate/kill).
}

bool signalProcessGroup(long long, StopSignal)
{
    return false;
}

void runAsSupervisedChild(QProcess &, bool) { }

bool spawnWithChannel(const std::string &, const std::vector<std::string> &,
                      const std::vector<std::string> &, ChildProcess &, std::string &error)
{
    error = "sandbox hosts are not supported on Windows yet";
    return false;
}

std::string signalName(int signal)
{
    return "signal " + std::to_string(signal);
}

ChildExit reapChild(long long)
{
    return {};
}

int waitReadableEither(NativeSocket, NativeSocket, int)
{
    return -1;
}

bool makeSocketPair(NativeSocket &, NativeSocket &)
{
    return false;
}

#else

namespace {
// Runs in the child between fork and exec: async-signal-safe calls only.
// Its own process group (so the child and what it spawns can be signalled
// together, apart from the parent); SIGINT/SIGTERM unblocked, because signal
// masks survive exec and a parent that routes them to one thread
// (installShutdownHandler) has them blocked; and on Linux `deathSignal`
// (0: none) when the parent dies.
void leadOwnGroupWithSignalsUnblocked(int deathSignal)
{
    ::setpgid(0, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
#ifdef __linux__
    if (deathSignal != 0)
        ::prctl(PR_SET_PDEATHSIG, deathSignal);
#else
    (void)deathSignal;
#endif
}
} // namespace

void runInOwnProcessGroup(QProcess &process)
{
    process.setChildProcessModifier([]() { leadOwnGroupWithSignalsUnblocked(SIGKILL); });
}

bool signalProcessGroup(long long leaderPid, StopSignal signal)
{
    if (leaderPid <= 0)
        return false;
    return ::kill(-static_cast<pid_t>(leaderPid), signal == StopSignal::Kill ? SIGKILL : SIGTERM) ==
        0;
}

void runAsSupervisedChild(QProcess &process, bool stopWithParent)
{
    process.setChildProcessModifier(
        [stopWithParent]() { leadOwnGroupWithSignalsUnblocked(stopWithParent ? SIGTERM : 0); });
}

namespace {
// In the child between fork and exec (async-signal-safe calls only): every
// descriptor from `lowest` up is closed, so nothing of ours (the database,
// listening sockets, the log) reaches the program.
void closeDescriptorsFrom(int lowest)
{
#if defined(__linux__) && defined(SYS_close_range)
    if (::syscall(SYS_close_range, unsigned(lowest), ~0U, 0) == 0)
        return;
#endif
    rlimit limit {};
    long highest = 65536;
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        highest = std::min<long>(long(limit.rlim_cur), highest);
    for (long fd = lowest; fd < highest; ++fd)
        ::close(int(fd));
}
} // namespace

bool spawnWithChannel(const std::string &program, const std::vector<std::string> &arguments,
                      const std::vector<std::string> &environment, ChildProcess &child,
                      std::string &error)
{
    // Said here, not as a child that exits 127 at once.
    if (::access(program.c_str(), X_OK) != 0) {
        error = std::strerror(errno);
        return false;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        error = std::string("socketpair: ") + std::strerror(errno);
        return false;
    }
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    // Built before fork: the child of a threaded process may not allocate.
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(program.c_str()));
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (const std::string &entry : environment)
        envp.push_back(const_cast<char *>(entry.c_str()));
    envp.push_back(nullptr);
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef __linux__
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127); // we died before the death signal was armed
#else
        (void)parent;
#endif
        const rlimit noCore { 0, 0 };
        ::setrlimit(RLIMIT_CORE, &noCore);
        if (devNull >= 0)
            ::dup2(devNull, STDIN_FILENO);
        if (pair[1] == SandboxChannelFd)
            ::fcntl(pair[1], F_SETFD, 0);
        else
            ::dup2(pair[1], SandboxChannelFd);
        closeDescriptorsFrom(SandboxChannelFd + 1);
        ::execve(program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    const int forkErrno = errno;
    ::close(pair[1]);
    if (devNull >= 0)
        ::close(devNull);
    if (pid < 0) {
        ::close(pair[0]);
        error = std::string("fork: ") + std::strerror(forkErrno);
        return false;
    }
    child.pid = pid;
    child.channel = pair[0];
    return true;
}

std::string signalName(int signal)
{
    const char *name = ::strsignal(signal);
    return name ? std::string(name) : "signal " + std::to_string(signal);
}

ChildExit reapChild(long long pid)
{
    int status = 0;
    pid_t reaped;
    do {
        reaped = ::waitpid(pid_t(pid), &status, 0);
    } while (reaped < 0 && errno == EINTR);
    ChildExit exit;
    if (reaped < 0) {
        exit.exited = true;
        exit.exitCode = -1;
    } else if (WIFSIGNALED(status)) {
        exit.signal = WTERMSIG(status);
    } else {
        exit.exited = true;
        exit.exitCode = WEXITSTATUS(status);
    }
    return exit;
}

int waitReadableEither(NativeSocket first, NativeSocket second, int timeoutMs)
{
    pollfd fds[2] = { { toNative(first), POLLIN, 0 }, { toNative(second), POLLIN, 0 } };
    int ready;
    do {
        ready = ::poll(fds, 2, timeoutMs);
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0)
        return ready;
    return (fds[0].revents ? 1 : 0) | (fds[1].revents ? 2 : 0);
}

bool makeSocketPair(NativeSocket &first, NativeSocket &second)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return false;
    first = pair[0];
    second = pair[1];
    return true;
}

#endif

} // namespace hearth::platform
