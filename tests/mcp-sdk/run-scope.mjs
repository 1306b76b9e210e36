// The official MCP TypeScript SDK's client on a run's own server,
// `hearth mcp --run ID`, as an agent the worker started would use it: the
// token in HEARTH_RUN_TOKEN, only the watcher's KV, notify and log.
//
// Environment: HEARTH_CLI, HEARTH_DATA_DIR, HEARTH_RUN_ID, and the token in
// HEARTH_TEST_RUN_TOKEN (this script hands it to the server).
// `node run-scope.mjs` works in the run; `node run-scope.mjs ended` expects
// the server to refuse (the run has ended). The last stdout line is a JSON
// summary that tst_mcpsdk checks against the runtime.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";

const { HEARTH_CLI: hearth, HEARTH_DATA_DIR: dataDir, HEARTH_RUN_ID: runId, HEARTH_TEST_RUN_TOKEN: token } = process.env;
assert.ok(hearth && dataDir && runId && token, "HEARTH_CLI, HEARTH_DATA_DIR, HEARTH_RUN_ID and HEARTH_TEST_RUN_TOKEN must be set");
const step = (what) => process.stderr.write(`run-scope: ${what}\n`);

const transport = new StdioClientTransport({
    command: hearth,
    args: ["--data-dir", dataDir, "mcp", "--run", runId],
    // The token is given to the server as an agent's MCP configuration gives
    // it (the test's environment goes along: sanitizer options in a
    // sanitizer build).
    env: { ...process.env, HEARTH_RUN_TOKEN: token },
    stderr: "pipe",
});
let serverLog = "";
transport.stderr?.on("data", (chunk) => (serverLog += chunk));
const client = new Client({ name: "sdk-agent", version: "1.0.0" });

if (process.argv[2] === "ended") {
    step("the run has ended: the server refuses to start");
    await assert.rejects(client.connect(transport));
    assert.match(serverLog, /run_token_invalid|has ended|not running/, serverLog);
    process.stderr.write(serverLog);
    console.log(JSON.stringify({ refused: true }));
    process.exit(0);
}

async function tool(name, args = {}) {
    const result = await client.callTool({ name, arguments: args });
    assert.notEqual(result.isError, true, `${name}: ${result.content?.[0]?.text}`);
    assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent, name);
    return result.structuredContent;
}
async function toolError(name, args = {}) {
    const result = await client.callTool({ name, arguments: args });
    assert.equal(result.isError, true, `${name} succeeded: ${JSON.stringify(result)}`);
    return result.content[0].text;
}

step("initialize");
await client.connect(transport);
assert.equal(client.getServerVersion().name, "hearth");
assert.ok(client.getServerCapabilities().tools);
assert.equal(client.getServerCapabilities().resources, undefined, "no resources in a run's server");
assert.match(client.getInstructions() ?? "", new RegExp(`run ${runId}\\b`));

step("exactly the run's six tools");
const { tools } = await client.listTools();
assert.deepEqual(tools.map((t) => t.name).sort(), ["kv_delete", "kv_get", "kv_list", "kv_set", "log", "notify"]);
for (const t of tools) {
    assert.equal(t.inputSchema.additionalProperties, false, t.name);
    assert.equal(t.outputSchema?.type, "object", t.name);
}
await assert.rejects(client.callTool({ name: "create_watcher", arguments: { watcher: {} } }),
    (e) => e instanceof McpError && e.code === ErrorCode.InvalidParams);
await assert.rejects(client.listResources(),
    (e) => e instanceof McpError && e.code === ErrorCode.MethodNotFound);

step("the watcher's own KV");
assert.match(await toolError("kv_get", { key: "global-note" }), /not_found|no key/, "a global key is not the watcher's");
assert.equal((await tool("kv_set", { key: "seen", value: { n: 1 } })).written, "created");
assert.deepEqual((await tool("kv_get", { key: "seen" })).value, { n: 1 });
assert.match(await toolError("kv_delete", { key: "seen" }), /^confirm: is required/);
assert.equal((await tool("kv_delete", { key: "seen", confirm: true })).done, true);
await tool("kv_set", { key: "kept", value: [7, "lamps"] });
assert.deepEqual((await tool("kv_list")).items.map((i) => i.key), ["kept"]);

step("notify under the watcher's cooldown, log into the run");
await tool("notify", { title: "The lamp is cheaper", body: "42.50 EUR", level: "info" });
assert.match(await toolError("notify", { title: "Again" }), /notification_held_back/);
assert.match(await toolError("notify", { title: "" }), /title/);
await tool("log", { message: "compared 3 shops", level: "info" });
assert.match(await toolError("log", { message: "x", level: "loud" }), /^level: must be one of/);

await client.close();
process.stderr.write(serverLog);
step("done");
console.log(JSON.stringify({ run: runId, tools: tools.map((t) => t.name).sort() }));
