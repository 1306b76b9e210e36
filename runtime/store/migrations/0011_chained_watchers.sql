-- Chained watchers (issue 21): a watcher may start on another watcher's
-- runs. The link is by id (the spec names the upstream; renames rewrite
-- it), indexed for the end of every run, and an upstream cannot be deleted
-- while a watcher follows it.
ALTER TABLE watchers ADD COLUMN after_watcher_id INTEGER REFERENCES watchers (id);
CREATE INDEX watchers_by_upstream ON watchers (after_watcher_id)
    WHERE after_watcher_id IS NOT NULL;
-- "when": "notified" asks whether the upstream run raised a notification.
CREATE INDEX notifications_by_run ON notifications (run_id) WHERE run_id <> '';

-- Runs gain the trigger kinds of issue 21 and, for a chained run, the run
-- whose end started it and its depth in the chain. A CHECK constraint
-- cannot be altered in place: the table is rebuilt (SQLite's procedure,
-- lang_altertable.html#otheralter; the Migrator turns foreign keys off
-- around it and checks them before committing), keeping ids and the
-- AUTOINCREMENT sequence, so no id is ever handed out twice.
CREATE TABLE runs_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    scheduled_for INTEGER NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry', 'catch_up', 'after',
                                             'folder', 'webhook')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'dead',
                                           'cancelled', 'skipped')),
    -- A pending run does not start before this (retry backoff, restart jitter).
    not_before INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    -- Who runs it ('hearthd' for in-process Lua) and until when it is theirs.
    claimed_by TEXT,
    lease_expires_at INTEGER,
    event TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(event)),
    result TEXT CHECK (result IS NULL OR json_valid(result)),
    error_code TEXT,
    error_message TEXT,
    duration_ms INTEGER,
    instructions INTEGER,
    peak_memory INTEGER,
    -- Agent runs: the device worker, what the agent printed, how it exited.
    worker_id INTEGER,
    output TEXT,
    exit_code INTEGER,
    -- A chained run: the upstream run whose end started it (gone once that
    -- run is pruned) and how many links lead to it (0: not chained).
    parent_run_id INTEGER REFERENCES runs_rebuilt (id) ON DELETE SET NULL,
    chain_depth INTEGER NOT NULL DEFAULT 0 CHECK (chain_depth >= 0),
    UNIQUE (watcher_id, scheduled_for, attempt)
);
INSERT INTO runs_rebuilt (id, watcher_id, scheduled_for, attempt, trigger, status, not_before,
                          created_at, started_at, finished_at, claimed_by, lease_expires_at,
                          event, result, error_code, error_message, duration_ms, instructions,
                          peak_memory, worker_id, output, exit_code)
    SELECT id, watcher_id, scheduled_for, attempt, trigger, status, not_before, created_at,
           started_at, finished_at, claimed_by, lease_expires_at, event, result, error_code,
           error_message, duration_ms, instructions, peak_memory, worker_id, output, exit_code
    FROM runs;
DELETE FROM sqlite_sequence WHERE name = 'runs_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'runs_rebuilt', seq FROM sqlite_sequence
    WHERE name = 'runs';
DROP TABLE runs;
ALTER TABLE runs_rebuilt RENAME TO runs;
CREATE INDEX runs_pending ON runs (not_before) WHERE status = 'pending';
CREATE INDEX runs_running ON runs (lease_expires_at) WHERE status = 'running';
CREATE INDEX runs_by_watcher ON runs (watcher_id, id);
CREATE INDEX runs_by_status ON runs (status, id);
CREATE INDEX runs_last_success ON runs (watcher_id, status, finished_at);
CREATE INDEX runs_active ON runs (watcher_id, id) WHERE status IN ('pending', 'running');
CREATE INDEX runs_pending_by_worker ON runs (worker_id, not_before) WHERE status = 'pending';
CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
