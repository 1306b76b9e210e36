-- Run-scoped access (issue 22): when a device worker claims an agent run,
-- hearthd mints a run token for the run's own small MCP server (`hearth mcp
-- --run ID`) and keeps only its SHA-256 here. The token opens the run's
-- watcher's KV namespace, notify and the run's log while the run is
-- running, and nothing once it has ended.
ALTER TABLE runs ADD COLUMN scope_token BLOB;
CREATE UNIQUE INDEX runs_scope_token ON runs (scope_token) WHERE scope_token IS NOT NULL;
