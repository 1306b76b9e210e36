#include "SandboxLockdown.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#ifdef __linux__
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define HEARTH_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEARTH_ADDRESS_SANITIZER 1
#endif
#endif

namespace hearth::platform {

void prepareSandboxHost()
{
    // glibc reads the zone file once here; localtime_r (os.date) then
    // uses what it read.
    tzset();
    const std::time_t now = std::time(nullptr);
    std::tm local {};
#ifdef _WIN32
    localtime_s(&local, &now);
#else
    localtime_r(&now, &local);
#endif
}

#ifdef __linux__

#ifndef HEARTH_ADDRESS_SANITIZER
namespace {

long long mappedBytes()
{
    // /proc/self/statm: the first field is the size of every mapping, in pages.
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char text[128] = {};
    const ssize_t n = ::read(fd, text, sizeof(text) - 1);
    ::close(fd);
    if (n <= 0)
        return -1;
    return std::atoll(text) * ::sysconf(_SC_PAGESIZE);
}

} // namespace
#endif

void limitAddressSpace(qint64 extraBytes)
{
#ifdef HEARTH_ADDRESS_SANITIZER
    (void)extraBytes;
#else
    const long long used = mappedBytes();
    if (used <= 0)
        return;
    const rlimit limit { rlim_t(used + extraBytes), rlim_t(used + extraBytes) };
    ::setrlimit(RLIMIT_AS, &limit);
#endif
}

QString lockDownSandboxHost()
{
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter)
        return QStringLiteral("seccomp_init failed");
    const auto deny = [filter](int syscall) {
        return syscall < 0 || seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), syscall, 0) == 0;
    };
    bool ok = true;
    for (const int syscall : { SCMP_SYS(open),
                               SCMP_SYS(openat),
                               SCMP_SYS(openat2),
                               SCMP_SYS(creat),
                               SCMP_SYS(open_by_handle_at),
                               SCMP_SYS(socket),
                               SCMP_SYS(socketpair),
                               SCMP_SYS(connect),
                               SCMP_SYS(bind),
                               SCMP_SYS(listen),
                               SCMP_SYS(accept),
                               SCMP_SYS(accept4),
                               SCMP_SYS(execve),
                               SCMP_SYS(execveat),
                               SCMP_SYS(fork),
                               SCMP_SYS(vfork),
                               SCMP_SYS(ptrace),
                               SCMP_SYS(process_vm_readv),
                               SCMP_SYS(process_vm_writev),
                               SCMP_SYS(kill),
                               SCMP_SYS(tkill),
                               SCMP_SYS(mount),
                               SCMP_SYS(umount2),
                               SCMP_SYS(chroot),
                               SCMP_SYS(pivot_root),
                               SCMP_SYS(setns),
                               SCMP_SYS(unshare),
                               SCMP_SYS(bpf),
                               SCMP_SYS(perf_event_open),
                               SCMP_SYS(keyctl),
                               SCMP_SYS(add_key),
                               SCMP_SYS(request_key),
                               SCMP_SYS(io_uring_setup),
                               SCMP_SYS(userfaultfd),
                               SCMP_SYS(mknod),
                               SCMP_SYS(mknodat),
                               SCMP_SYS(link),
                               SCMP_SYS(linkat),
                               SCMP_SYS(symlink),
                               SCMP_SYS(symlinkat),
                               SCMP_SYS(unlink),
                               SCMP_SYS(unlinkat),
                               SCMP_SYS(rename),
                               SCMP_SYS(renameat),
                               SCMP_SYS(renameat2),
                               SCMP_SYS(mkdir),
                               SCMP_SYS(mkdirat),
                               SCMP_SYS(rmdir),
                               SCMP_SYS(truncate),
                               SCMP_SYS(chmod),
                               SCMP_SYS(fchmodat),
                               SCMP_SYS(chown),
                               SCMP_SYS(fchownat) })
        ok = ok && deny(syscall);
    // clone: threads only (CLONE_THREAD set); a new process is refused.
    // (Argument comparisons spelled out: libseccomp's SCMP_A0 macros are C
    // compound literals.)
    const scmp_arg_cmp noThreadFlag {
        .arg = 0, .op = SCMP_CMP_MASKED_EQ, .datum_a = CLONE_THREAD, .datum_b = 0
    };
    ok = ok &&
        seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1, noThreadFlag) == 0;
    // clone3 passes its flags in memory, out of a filter's sight: ENOSYS
    // makes glibc fall back to clone, which the rule above checks.
    ok = ok && seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) == 0;
    // Signals only to this process's own threads (the instruction meter's tick).
    const scmp_arg_cmp anotherProcess {
        .arg = 0, .op = SCMP_CMP_NE, .datum_a = scmp_datum_t(::getpid()), .datum_b = 0
    };
    ok = ok &&
        seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tgkill), 1, anotherProcess) == 0;
    // libseccomp sets no-new-privileges before loading (SCMP_FLTATR_CTL_NNP).
    ok = ok && seccomp_load(filter) == 0;
    seccomp_release(filter);
    return ok ? QString() : QStringLiteral("the seccomp filter could not be installed");
}

#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
QList<QPair<QString, QString>> probeSandboxRestrictions()
{
    const auto outcome = [](long result) {
        if (result >= 0)
            return QStringLiteral("allowed");
        return errno == EPERM ? QStringLiteral("EPERM")
                              : QString::fromLatin1(strerrorname_np(errno));
    };
    QList<QPair<QString, QString>> probes;
    const long opened = ::open("/etc/hostname", O_RDONLY | O_CLOEXEC);
    probes.append({ QStringLiteral("open"), outcome(opened) });
    if (opened >= 0)
        ::close(int(opened));
    const long socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    probes.append({ QStringLiteral("socket"), outcome(socket) });
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(9);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    probes.append({ QStringLiteral("connect"),
                    outcome(::connect(socket >= 0 ? int(socket) : 0,
                                      reinterpret_cast<sockaddr *>(&address), sizeof(address))) });
    if (socket >= 0)
        ::close(int(socket));
    char *const argv[] = { const_cast<char *>("/bin/true"), nullptr };
    probes.append({ QStringLiteral("execve"), outcome(::execve("/bin/true", argv, nullptr)) });
    // The raw system calls: glibc's fork() would run atfork handlers.
    const long forked = ::syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (forked == 0)
        ::_exit(0);
    if (forked > 0)
        ::waitpid(pid_t(forked), nullptr, 0);
    probes.append({ QStringLiteral("fork"), outcome(forked) });
    probes.append({ QStringLiteral("ptrace"),
                    outcome(::ptrace(PTRACE_ATTACH, ::getppid(), nullptr, nullptr)) });
    probes.append({ QStringLiteral("kill"), outcome(::kill(::getppid(), 0)) });
    return probes;
}
#endif

#else

void limitAddressSpace(qint64) { }

QString lockDownSandboxHost()
{
    // macOS and Windows: the process boundary and the limits hearthd
    // enforces from outside; no system call filter yet.
    return {};
}

#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
QList<QPair<QString, QString>> probeSandboxRestrictions()
{
    return {};
}
#endif

#endif

} // namespace hearth::platform
