-- Device workers and agent runs (issue 6). A worker is a process on this
-- machine (`hearth worker`, or the tray) that runs local CLI agents; it
-- proves who it is with a bearer token whose SHA-256 is kept here.
CREATE TABLE device_workers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    agent_kinds TEXT NOT NULL CHECK (json_valid(agent_kinds)),
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER
);

-- The worker an agent run is pinned to, copied from its watcher when the
-- run is materialised (re-pinning a watcher affects later runs only). No
-- foreign key: a removed worker's runs keep saying whose they were.
ALTER TABLE runs ADD COLUMN worker_id INTEGER;
-- What the agent printed (capped by the worker) and how it exited.
ALTER TABLE runs ADD COLUMN output TEXT;
ALTER TABLE runs ADD COLUMN exit_code INTEGER;
CREATE INDEX runs_pending_by_worker ON runs (worker_id, not_before) WHERE status = 'pending';
