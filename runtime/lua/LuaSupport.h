#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>

struct lua_State;

// Lua is linked as C++ (lua5.4-c++): a Lua error unwinds C++ frames and runs
// their destructors, so C functions may hold C++ values when one is raised.
// What stays delicate is the memory quota: a push of a value we built must
// not fail half-way for a quota the script did not spend. Two helpers:
namespace hearth::lua {

// Within its scope, allocations may exceed the run's memory quota, so that
// pushing a value built in C++ cannot raise a memory error while C++ objects
// are alive. Only ever for small, bounded pushes.
class QuotaExemption
{
public:
    explicit QuotaExemption(lua_State *L);
    ~QuotaExemption();
    QuotaExemption(const QuotaExemption &) = delete;
    QuotaExemption &operator=(const QuotaExemption &) = delete;

private:
    lua_State *m_state;
};

// Pushes `text` as a Lua string under a QuotaExemption (an error message,
// typically, about to be raised with lua_error).
void pushText(lua_State *L, const QString &text);

// Memory a C library allocated for the script (libxml2's trees, see
// XmlMemory.h): counted with the state's own allocations, against the same
// quota. chargeMemory is false, and the run has reached its memory limit,
// when `bytes` more would not fit.
bool chargeMemory(lua_State *L, size_t bytes);
void releaseMemory(lua_State *L, size_t bytes);

// The run's snapshot (snapshot.save): the last text given is kept, and
// stored if the run succeeds.
void keepSnapshot(lua_State *L, QByteArray text);

} // namespace hearth::lua
