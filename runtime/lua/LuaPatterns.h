#pragma once

struct lua_State;

// string.find, string.match, string.gmatch and string.gsub with a matcher of
// our own that charges its work to the run's instruction budget and checks
// the deadline, so that no pattern — however pathological — can hold a
// thread beyond the run's limits. Lua's own matcher runs in C where the
// count hook cannot reach. Semantics follow the Lua 5.4 manual, §6.4.1; a
// differential test compares both on a table of cases.
namespace hearth::lua {

void installPatternFunctions(lua_State *L);

// Implemented by the sandbox: charges `steps` to the run's instruction
// budget and checks the deadline; true when a limit tripped.
bool chargeSteps(lua_State *L, long long steps);
// Pushes the tripped limit's message and raises it. Never returns.
[[noreturn]] void raiseTripped(lua_State *L);

} // namespace hearth::lua
