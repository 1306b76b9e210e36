#pragma once

#include <QString>

struct lua_State;

// Lua raises errors with longjmp, which skips C++ destructors. So a C function
// called from Lua must not hold a C++ object that owns memory while it calls
// anything in Lua that may raise. Two helpers make that practical:
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

// Pushes `text` as a Lua string under a QuotaExemption. Typical use, raising
// only once every C++ temporary is gone:
//     pushText(L, QStringLiteral("…").arg(…));
//     return lua_error(L);
void pushText(lua_State *L, const QString &text);

} // namespace hearth::lua
