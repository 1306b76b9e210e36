#!/usr/bin/env python3
"""A stand-in for an agent that uses its run's own MCP server, as claude
does with --mcp-config: it starts the server the configuration file
describes and speaks MCP to it over stdio (JSON-RPC 2.0, one message per
line). Used by the worker integration test.

    mcp-agent.py PROMPT [--mcp-config FILE] [--allowedTools LIST]

The prompt's first line is a JSON object:
    {"calls": [[tool, arguments], ...],   tools/call each, in order
     "keep_token": PATH}                  write the run token there
It prints one JSON object, the run's result: the server's name and
instructions, its tools, what each call answered, what a method the server
does not offer answered, the configuration file's mode, and the server's
tools that --allowedTools (claude's comma-separated mcp__<server>__<tool>
names) leaves out, which claude -p would refuse to call. Without
--mcp-config it prints {"mcp": false}.
"""
import json
import os
import stat
import subprocess
import sys


def main():
    prompt = sys.argv[1]
    rest = sys.argv[2:]
    if "--mcp-config" not in rest:
        print(json.dumps({"mcp": False}))
        return 0
    config_path = rest[rest.index("--mcp-config") + 1]
    allowed = None
    if "--allowedTools" in rest:
        allowed = rest[rest.index("--allowedTools") + 1].split(",")
    mode = oct(stat.S_IMODE(os.stat(config_path).st_mode))[2:]
    with open(config_path, encoding="utf-8") as config_file:
        server = json.load(config_file)["mcpServers"]["hearth"]
    asked = json.loads(prompt.splitlines()[0])
    if asked.get("keep_token"):
        with open(asked["keep_token"], "w", encoding="utf-8") as kept:
            kept.write(server["env"]["HEARTH_RUN_TOKEN"])

    env = dict(os.environ)
    env.update(server.get("env", {}))
    process = subprocess.Popen([server["command"]] + server["args"], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8")
    next_id = [0]

    def request(method, params=None):
        next_id[0] += 1
        message = {"jsonrpc": "2.0", "id": next_id[0], "method": method}
        if params is not None:
            message["params"] = params
        process.stdin.write(json.dumps(message) + "\n")
        process.stdin.flush()
        line = process.stdout.readline()
        if not line:
            raise SystemExit("the MCP server ended (exit code %s)" % process.wait())
        return json.loads(line)

    initialized = request("initialize", {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "mcp-agent", "version": "1"}})["result"]
    process.stdin.write(json.dumps(
        {"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    process.stdin.flush()
    tools = [tool["name"] for tool in request("tools/list")["result"]["tools"]]
    results = []
    for name, arguments in asked.get("calls", []):
        answer = request("tools/call", {"name": name, "arguments": arguments})
        if "error" in answer:
            results.append({"rpc_error": answer["error"]})
            continue
        result = answer["result"]
        results.append({"is_error": result["isError"],
                        "structured": result.get("structuredContent"),
                        "text": result["content"][0]["text"]})
    resources = request("resources/list")
    process.stdin.close()
    exit_code = process.wait()
    print(json.dumps({
        "server": initialized["serverInfo"]["name"],
        "capabilities": sorted(initialized["capabilities"]),
        "instructions": initialized.get("instructions", ""),
        "tools": tools,
        "results": results,
        "resources_list": resources.get("error", {}).get("code"),
        "config_mode": mode,
        "unallowed_tools": None if allowed is None else
        [tool for tool in tools if "mcp__hearth__" + tool not in allowed],
        "server_exit_code": exit_code,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
