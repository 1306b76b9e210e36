#include "XmlMemory.h"

#include "LuaSupport.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <mutex>

namespace hearth::lua {

namespace {

// Each block starts with this header; the caller's pointer follows it, with
// malloc's alignment kept (16 bytes).
struct alignas(16) BlockHeader
{
    size_t size;
    // The run the block was charged to (0: none).
    uint64_t run;
};

// A sandbox host runs one script at a time, on one thread: the run being
// charged is process state.
lua_State *g_state = nullptr;
uint64_t g_run = 0;
uint64_t g_lastRun = 0;

BlockHeader *headerOf(void *pointer)
{
    return static_cast<BlockHeader *>(pointer) - 1;
}

void *payloadOf(BlockHeader *header)
{
    return header + 1;
}

bool charge(size_t bytes)
{
    return !g_state || chargeMemory(g_state, bytes);
}

void release(const BlockHeader &header)
{
    if (g_state && header.run == g_run)
        releaseMemory(g_state, header.size);
}

void *xmlAllocate(size_t size)
{
    if (size > SIZE_MAX - sizeof(BlockHeader) || !charge(size))
        return nullptr;
    auto *header = static_cast<BlockHeader *>(std::malloc(sizeof(BlockHeader) + size));
    if (!header) {
        if (g_state)
            releaseMemory(g_state, size);
        return nullptr;
    }
    *header = { size, g_state ? g_run : 0 };
    return payloadOf(header);
}

void xmlRelease(void *pointer)
{
    if (!pointer)
        return;
    BlockHeader *header = headerOf(pointer);
    release(*header);
    std::free(header);
}

void *xmlResize(void *pointer, size_t size)
{
    if (!pointer)
        return xmlAllocate(size);
    BlockHeader *header = headerOf(pointer);
    const BlockHeader old = *header;
    const bool counted = g_state && old.run == g_run;
    if (size > SIZE_MAX - sizeof(BlockHeader))
        return nullptr;
    if (counted && size > old.size && !charge(size - old.size))
        return nullptr;
    auto *resized = static_cast<BlockHeader *>(std::realloc(header, sizeof(BlockHeader) + size));
    if (!resized) {
        if (counted && size > old.size)
            releaseMemory(g_state, size - old.size);
        return nullptr;
    }
    if (counted && size < old.size)
        releaseMemory(g_state, old.size - size);
    resized->size = size;
    return payloadOf(resized);
}

char *xmlDuplicate(const char *text)
{
    const size_t length = std::strlen(text) + 1;
    auto *copy = static_cast<char *>(xmlAllocate(length));
    if (copy)
        std::memcpy(copy, text, length);
    return copy;
}

// Parse errors are the script's business (it gets an error or a partial
// tree), not lines for the host's stderr.
void ignoreError(void *, const char *, ...) { }

} // namespace

void installXmlAllocator()
{
    static std::once_flag once;
    std::call_once(once, []() {
        xmlMemSetup(xmlRelease, xmlAllocate, xmlResize, xmlDuplicate);
        xmlInitParser();
    });
}

XmlRunScope::XmlRunScope(lua_State *L)
{
    // libxml2's error handlers are per thread; setting them may allocate
    // its per-thread state, which is not the run's.
    xmlSetGenericErrorFunc(nullptr, ignoreError);
    g_state = L;
    g_run = ++g_lastRun;
}

XmlRunScope::~XmlRunScope()
{
    g_state = nullptr;
    g_run = 0;
}

} // namespace hearth::lua
