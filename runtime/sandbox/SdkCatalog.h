#pragma once

// The Lua SDK's modules, one entry each: the one table that says what the
// SDK is. The sandbox host opens each module from it (a module's code is
// one function, openSdk_<global>, in its own file under lua/), the contract
// test checks that scripts see exactly these and that docs/lua-sdk.md
// documents every function, and the tray's editor highlights them.
//
//   X(global, functions, summary)
//     global     the name scripts use
//     functions  its fields that are functions, space-separated ("" when the
//                global is itself the function, or holds values)
//     summary    one line for people
//
// Adding a module: a line here and its file (see docs/architecture.md).
// No Lua here: hearthd and the tray read this table too.
//
// Modules are opened in this order: json first (ctx decodes with it).
#define HEARTH_SDK_MODULES(X)                                                                      \
    X(json, "encode decode", "JSON with full fidelity: integers, floats, json.null, arrays")       \
    X(ctx, "",                                                                                     \
      "The run: ctx.run, ctx.watcher, ctx.event, ctx.last, ctx.last_snapshot, ctx.sdk_version")    \
    X(log, "trace info warn error", "Log lines of the run, each with optional JSON data")          \
    X(print, "", "A log line at info level, its arguments joined by tabs")                         \
    X(kv, "get set delete list", "The watcher's key-value store; kv.global is shared by all")      \
    X(secrets, "get", "Values from the encrypted secret store, redacted from what the run leaves") \
    X(notify, "", "Raises a notification: notify{title=, body=, level=}")                          \
    X(email, "send", "Sends an email through the email channel: email.send{to=, subject=, text=}") \
    X(agent, "escalate",                                                                           \
      "Hands a finding to a local CLI agent: agent.escalate{profile=, prompt=, data=, schema=}")   \
    X(http, "request get post", "HTTP and HTTPS requests, made by hearthd for the script")         \
    X(html, "parse", "HTML pages parsed by libxml2, searched with CSS selectors or XPath")         \
    X(feed, "parse new_items", "RSS, Atom and JSON Feed items, and which of them are new")         \
    X(snapshot, "save", "Keeps what the run observed; the next run sees it as ctx.last_snapshot")  \
    X(diff, "lines words", "What was added and removed between two texts, and a unified diff")     \
    X(jq, "all", "jq filters over JSON (libjq): jq(value, filter) the first result, jq.all all")

namespace hearth::sdk {

struct Module
{
    const char *global;
    const char *functions;
    const char *summary;
};

#define HEARTH_SDK_CATALOG_ENTRY(global, functions, summary) Module { #global, functions, summary },
inline constexpr Module Modules[] = { HEARTH_SDK_MODULES(HEARTH_SDK_CATALOG_ENTRY) };
#undef HEARTH_SDK_CATALOG_ENTRY

inline constexpr const char *Version = "1.3";

} // namespace hearth::sdk
