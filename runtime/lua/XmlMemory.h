#pragma once

struct lua_State;

// libxml2's allocations in a sandbox host, counted against the run that
// made them: a page's tree is the script's memory as much as its strings
// are, so it counts toward the run's quota and peak, and a page too large
// for the quota ends the run with memory_limit instead of growing the host.
namespace hearth::lua {

// Routes libxml2's allocator through the counting one and initialises the
// parser; idempotent, and done before the first run of a process (libxml2
// must never see another allocator for blocks it frees).
void installXmlAllocator();

// While it lives, libxml2's allocations are charged to L's run; blocks
// freed after it ended (or made outside a run) are not counted.
class XmlRunScope
{
public:
    explicit XmlRunScope(lua_State *L);
    ~XmlRunScope();
    XmlRunScope(const XmlRunScope &) = delete;
    XmlRunScope &operator=(const XmlRunScope &) = delete;
};

} // namespace hearth::lua
