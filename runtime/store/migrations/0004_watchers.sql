-- Watchers and their runs (issue 5). Scheduler instants are integer
-- milliseconds since the Unix epoch (UTC), so that "due" and "expired" are
-- plain comparisons; the API renders them as RFC 3339.
CREATE TABLE watchers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('lua', 'agent')),
    -- The validated spec as the API shows it (scheduler/WatcherSpec).
    spec TEXT NOT NULL CHECK (json_valid(spec)),
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- NULL: nothing scheduled (disabled, or a one-shot that has fired).
    next_run_at INTEGER,
    last_fired_at INTEGER,
    -- Notification cooldown and rolling daily budget.
    last_notified_at INTEGER,
    notify_window_start INTEGER,
    notify_window_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX watchers_due ON watchers (next_run_at) WHERE enabled = 1;

-- One row per attempt. A retry is a new row for the same scheduled instant
-- with the next attempt number; the unique key makes a second fire of one
-- instant impossible.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    scheduled_for INTEGER NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry', 'catch_up')),
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
    UNIQUE (watcher_id, scheduled_for, attempt)
);
CREATE INDEX runs_pending ON runs (not_before) WHERE status = 'pending';
CREATE INDEX runs_running ON runs (lease_expires_at) WHERE status = 'running';
CREATE INDEX runs_by_watcher ON runs (watcher_id, id);
CREATE INDEX runs_by_status ON runs (status, id);

CREATE TABLE run_logs (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts TEXT NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL,
    data TEXT CHECK (data IS NULL OR json_valid(data)),
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE INDEX notifications_by_watcher ON notifications (watcher_id);
