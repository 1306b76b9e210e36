// The official MCP TypeScript SDK's client drives `hearth mcp` as an agent's
// client would (issue 22): it starts the server over stdio, initializes, lists
// and calls tools, reads resources. The SDK checks every answer on its own
// too: each result against the protocol's schemas, and each tool's structured
// result against the tool's outputSchema, so a tool answering other than it
// declares fails here.
//
// Environment: HEARTH_CLI (the hearth program), HEARTH_DATA_DIR (the running
// hearthd's data dir). Progress goes to stderr; the last stdout line is a JSON
// summary that tst_mcpsdk checks against the runtime.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { McpError, ErrorCode, LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";

const hearth = process.env.HEARTH_CLI;
const dataDir = process.env.HEARTH_DATA_DIR;
assert.ok(hearth && dataDir, "HEARTH_CLI and HEARTH_DATA_DIR must be set");
const clientName = "sdk-flow";

const step = (what) => process.stderr.write(`flow: ${what}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const transport = new StdioClientTransport({
    command: hearth,
    args: ["--data-dir", dataDir, "mcp"],
    // The test's whole environment (the SDK passes only a safe part by
    // default): sanitizer options reach the server in a sanitizer build.
    env: process.env,
    stderr: "pipe",
});
let serverLog = "";
transport.stderr?.on("data", (chunk) => (serverLog += chunk));
const client = new Client({ name: clientName, version: "1.0.0" });

// Every successful call's structured result; the SDK has already checked it
// against the tool's outputSchema (it throws when it does not match).
const called = new Set();
async function tool(name, args = {}) {
    const result = await client.callTool({ name, arguments: args });
    assert.notEqual(result.isError, true, `${name}: ${result.content?.[0]?.text}`);
    assert.equal(typeof result.structuredContent, "object", `${name}: no structuredContent`);
    // The text copy says the same.
    assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent, name);
    called.add(name);
    return result.structuredContent;
}
// A refusal the model can correct itself from: isError with a message.
async function toolError(name, args = {}) {
    const result = await client.callTool({ name, arguments: args });
    assert.equal(result.isError, true, `${name} succeeded: ${JSON.stringify(result)}`);
    assert.equal(result.content[0].type, "text");
    return result.content[0].text;
}
// Scaled as the C++ tests' waits are (slow builds set the factor).
const runTimeoutMs = 30000 * Number(process.env.HEARTH_TEST_TIMEOUT_FACTOR || 1);
async function runToEnd(runId) {
    for (let waited = 0; waited < runTimeoutMs; waited += 100) {
        const run = await tool("get_run", { run: runId });
        if (!["pending", "running"].includes(run.status))
            return run;
        await sleep(100);
    }
    assert.fail(`run ${runId} did not end`);
}
// A person approves what the agent made, with the CLI.
function approve(watcher) {
    execFileSync(hearth, ["--data-dir", dataDir, "approve", watcher], { stdio: ["ignore", "ignore", "inherit"] });
}
async function createApproved(watcher) {
    const created = await tool("create_watcher", { watcher });
    approve(created.id);
    return created;
}

step("initialize");
await client.connect(transport);
assert.equal(client.getServerVersion().name, "hearth");
assert.ok(client.getServerCapabilities().tools, "the tools capability");
assert.ok(client.getServerCapabilities().resources, "the resources capability");
assert.match(client.getInstructions() ?? "", /watcher/);
await client.ping();

step("list tools");
const { tools } = await client.listTools();
const names = tools.map((t) => t.name);
for (const expected of ["status", "list_watchers", "get_watcher", "list_runs", "get_run",
    "list_notifications", "preview_schedule", "list_templates", "kv_get", "kv_list", "kv_set",
    "kv_delete", "list_secret_names", "script_test", "create_watcher", "update_watcher",
    "run_watcher", "retry_run", "cancel_run", "list_snapshots", "diff_snapshots"])
    assert.ok(names.includes(expected), `tool ${expected}`);
for (const t of tools) {
    assert.equal(t.inputSchema.type, "object", t.name);
    assert.equal(t.inputSchema.additionalProperties, false, t.name);
    assert.equal(t.outputSchema?.type, "object", t.name);
    assert.equal(typeof t.annotations?.readOnlyHint, "boolean", t.name);
    assert.equal(typeof t.annotations?.destructiveHint, "boolean", t.name);
    if (t.annotations.destructiveHint)
        assert.ok(t.inputSchema.required?.includes("confirm"), `${t.name} asks for confirm`);
    // No tool takes or gives a secret's value.
    assert.ok(!t.name.includes("secret") || t.name === "list_secret_names", t.name);
}

step("create a watcher: checked, then stored disabled awaiting approval");
const draft = {
    name: "price of the lamp",
    script: "log.info('checking ' .. ctx.event.shop) return { price = 42.5, shop = ctx.event.shop }",
    schedule: { every_s: 3600 },
};
const tried = await tool("script_test", { source: draft.script, event: { shop: "draft" } });
assert.equal(tried.status, "succeeded");
assert.deepEqual(tried.result, { price: 42.5, shop: "draft" });
const checked = await tool("create_watcher", { watcher: draft, validate_only: true });
assert.equal(checked.valid, true);
assert.equal(checked.watcher.name, draft.name, "the watcher as it would be stored");
assert.equal((await tool("list_watchers")).items.length, 0, "validate_only stored nothing");
const created = await tool("create_watcher", { watcher: draft });
assert.equal(created.approval, "pending");
assert.equal(created.enabled, false);
assert.equal(created.created_by, `mcp:${clientName}`);
const waiting = await toolError("run_watcher", { watcher: draft.name });
assert.match(waiting, /^awaiting_approval/);
assert.match(waiting, /hearth approve/);

step("approve it with the CLI, run it, read the run");
approve(draft.name);
const approved = await tool("get_watcher", { watcher: created.id });
assert.equal(approved.approval, "approved");
assert.equal(approved.enabled, true);
const started = await tool("run_watcher", { watcher: draft.name, event: { shop: "lamps.example" } });
const run = await runToEnd(started.id);
assert.equal(run.status, "succeeded", JSON.stringify(run));
assert.deepEqual(run.result, { price: 42.5, shop: "lamps.example" });
assert.equal(run.actor, `mcp:${clientName}`);
assert.equal(run.log_tail[0].message, "checking lamps.example");
const runs = await tool("list_runs", { watcher: draft.name });
assert.deepEqual(runs.items.map((r) => r.id), [run.id]);
const logs = await client.readResource({ uri: `hearth://runs/${run.id}/logs` });
assert.match(logs.contents[0].text, /INFO checking lamps\.example/);
const script = await client.readResource({ uri: `hearth://watchers/${encodeURIComponent(draft.name)}/script` });
assert.equal(script.contents[0].text, draft.script);
const { resources } = await client.listResources();
const sdkDoc = await client.readResource({ uri: resources[0].uri });
assert.match(sdkDoc.contents[0].text, /agent\.escalate/);
assert.equal((await client.listResourceTemplates()).resourceTemplates.length, 2);

step("arguments that break a tool's inputSchema, and the runtime's own refusals");
for (const [name, args, message] of [
    ["get_run", {}, /^run: is required/],
    ["status", { verbose: true }, /^verbose: is not an argument/],
    ["list_runs", { limit: "ten" }, /^limit: must be an integer/],
    ["list_runs", { status: "exploded" }, /^status: must be one of/],
    ["get_watcher", { watcher: "nobody" }, /^watcher: no watcher named/],
    ["create_watcher", { watcher: { ...draft, name: "broken", script: "return (" } }, /^invalid_request: script/],
    ["create_watcher", { watcher: { ...draft, name: "broken", schedule: { cron: "61 * * * *" } } }, /schedule\.cron/],
    ["update_watcher", { watcher: draft.name, changes: { timeout_s: -1 } }, /timeout_s/],
])
    assert.match(await toolError(name, args), message, `${name} ${JSON.stringify(args)}`);
assert.equal((await tool("list_watchers")).items.length, 1, "nothing refused was stored");
assert.equal((await tool("get_watcher", { watcher: draft.name })).timeout_s, approved.timeout_s);
// What is not a tool or a resource is a protocol error.
await assert.rejects(client.callTool({ name: "rm_rf", arguments: {} }),
    (e) => e instanceof McpError && e.code === ErrorCode.InvalidParams);
await assert.rejects(client.readResource({ uri: "file:///etc/passwd" }),
    (e) => e instanceof McpError && e.code === ErrorCode.InvalidParams);

step("destructive tools need confirm: true");
await tool("kv_set", { key: "lamp/last", value: { price: 42.5 } });
assert.match(await toolError("kv_delete", { key: "lamp/last" }), /^confirm: is required/);
assert.match(await toolError("kv_delete", { key: "lamp/last", confirm: false }), /^confirm: must be true/);
assert.deepEqual((await tool("kv_get", { key: "lamp/last" })).value, { price: 42.5 });
assert.deepEqual((await tool("kv_list", { prefix: "lamp/" })).items.map((i) => i.key), ["lamp/last"]);
const slow = await createApproved({
    name: "slow", script: "local n = 0 while true do n = n + 1 end", schedule: { every_s: 3600 }, timeout_s: 60,
});
const slowRun = await tool("run_watcher", { watcher: slow.id });
assert.match(await toolError("cancel_run", { run: slowRun.id }), /^confirm: is required/);
assert.ok(["pending", "running"].includes((await tool("get_run", { run: slowRun.id })).status), "not cancelled");
await tool("cancel_run", { run: slowRun.id, confirm: true });
assert.equal((await runToEnd(slowRun.id)).status, "cancelled");
assert.equal((await tool("kv_delete", { key: "lamp/last", confirm: true })).done, true);
assert.match(await toolError("kv_get", { key: "lamp/last" }), /not_found|no key/);

step("the other tools, each answer checked against its outputSchema by the SDK");
const failing = await createApproved({ name: "failing", script: "error('the shop is down')", schedule: { every_s: 3600 }, max_attempts: 1 });
const failed = await runToEnd((await tool("run_watcher", { watcher: failing.id })).id);
// Its one attempt failed: it is dead, and only a person or an agent retries it.
assert.equal(failed.status, "dead");
const retried = await tool("retry_run", { run: failed.id });
assert.notEqual(retried.id, failed.id);
await runToEnd(retried.id);
const renamed = await tool("update_watcher", { watcher: failing.id, changes: { name: "failing, renamed" } });
assert.equal(renamed.updated_by, `mcp:${clientName}`);
assert.equal(renamed.approval, "pending", "a change waits for approval again");
const keeper = await createApproved({ name: "keeper", script: "snapshot.save(ctx.event.text) return true", schedule: { every_s: 3600 } });
for (const text of ["a\nb", "a\nc"])
    assert.equal((await runToEnd((await tool("run_watcher", { watcher: keeper.id, event: { text } })).id)).status, "succeeded");
assert.equal((await tool("list_snapshots", { watcher: "keeper" })).items.length, 2);
const diff = await tool("diff_snapshots", { watcher: "keeper" });
assert.deepEqual([diff.changed, diff.added, diff.removed], [true, ["c"], ["b"]]);
assert.equal((await tool("preview_schedule", { cron: "0 9 * * 1-5", tz: "Europe/Berlin", count: 3 })).fires.length, 3);
assert.ok((await tool("list_templates")).items.length > 0);
assert.ok(Array.isArray((await tool("list_secret_names")).items));
assert.ok(Array.isArray((await tool("list_notifications", { limit: 5 })).items));
assert.equal((await tool("status")).counts.enabled_watchers, 3);
const unused = names.filter((name) => !called.has(name));
assert.deepEqual(unused, [], "every tool answered once at least");

await client.close();
// The server logged the client by its name and the version it asked for:
// the SDK's newest, which hearth speaks (the SDK refuses any other answer).
assert.match(serverLog, new RegExp(`MCP client ${clientName} asks for protocol ${LATEST_PROTOCOL_VERSION}`));
process.stderr.write(serverLog);
step("done");
console.log(JSON.stringify({
    client: clientName,
    protocol: LATEST_PROTOCOL_VERSION,
    watcher: created.id,
    run: run.id,
    cancelled: slowRun.id,
    pending: failing.id,
    tools: [...called].sort(),
}));
