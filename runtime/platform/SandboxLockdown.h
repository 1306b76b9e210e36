#pragma once

#include <QString>
#include <QStringList>

// What a sandbox host does to itself before it reads its first script, so
// that a script that escaped the Lua VM still cannot reach anything. Part of
// the platform layer: SandboxLockdown.cpp holds the platform #ifdefs.
namespace hearth::platform {

// Loads what later calls would open files for (the local time zone), so that
// nothing needs the file system once the host is locked down.
void prepareSandboxHost();
// Caps the address space at what the host uses now plus `extraBytes`, so an
// allocation in C that the Lua quota cannot see fails instead of taking the
// machine (not under AddressSanitizer, which reserves terabytes).
void limitAddressSpace(qint64 extraBytes);
// Linux: no new privileges, then a seccomp filter under which opening files,
// sockets, connecting, executing programs, starting processes (threads stay
// allowed), ptrace and signalling other processes fail with EPERM.
// Elsewhere nothing (see docs/architecture.md). An error message, or empty.
QString lockDownSandboxHost();
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
// Test builds only: tries each forbidden operation and says how it ended
// ("EPERM", or "allowed").
QList<QPair<QString, QString>> probeSandboxRestrictions();
#endif

} // namespace hearth::platform
