#pragma once

struct lua_State;

namespace hearth::lua {

class SdkChannel;

#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
// Test builds only (never a release build): the global hearth_test, in
// sandbox hosts (where there is a channel), lets tests make a host misbehave:
//   hearth_test.crash("segv" | "abort")  the host dies of that signal
//   hearth_test.probe()        {open = "EPERM", socket = …}: each forbidden call
//   hearth_test.run()          this run's token
//   hearth_test.send{…}        a CBOR map frame built from the table
//   hearth_test.send_raw(s)    bytes to hearthd as they are
void openTestFunctions(lua_State *L, SdkChannel *channel);
#else
inline void openTestFunctions(lua_State *, SdkChannel *) { }
#endif

} // namespace hearth::lua
