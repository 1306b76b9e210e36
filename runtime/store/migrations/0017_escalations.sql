-- Escalations (issue 22): a Lua run hands a finding to a local CLI agent
-- (agent.escalate). The agent's run is a run of the same watcher, started
-- by the Lua run (parent_run_id), with trigger 'escalation' and its own
-- task: what the agent is asked ({agent_kind, prompt, timeout_s,
-- result_schema}, model/Escalation). A run with a task is never claimed by
-- hearthd's Lua executor, and neither it nor the watcher's own runs wait
-- for the other. The trigger's CHECK cannot be altered in place: the table
-- is rebuilt as in 0011, keeping ids and the AUTOINCREMENT sequence.
CREATE TABLE runs_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    scheduled_for INTEGER NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry', 'catch_up', 'after',
                                             'folder', 'webhook', 'escalation')),
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
    -- A chained run or an escalation: the run whose end (or whose script)
    -- started it (gone once that run is pruned), and for a chained run how
    -- many links lead to it (0: not chained).
    parent_run_id INTEGER REFERENCES runs_rebuilt (id) ON DELETE SET NULL,
    chain_depth INTEGER NOT NULL DEFAULT 0 CHECK (chain_depth >= 0),
    actor TEXT NOT NULL DEFAULT '',
    -- An escalation's task (NULL for every other run).
    task TEXT CHECK (task IS NULL OR json_valid(task)),
    UNIQUE (watcher_id, scheduled_for, attempt)
);
INSERT INTO runs_rebuilt (id, watcher_id, scheduled_for, attempt, trigger, status, not_before,
                          created_at, started_at, finished_at, claimed_by, lease_expires_at,
                          event, result, error_code, error_message, duration_ms, instructions,
                          peak_memory, worker_id, output, exit_code, parent_run_id, chain_depth,
                          actor)
    SELECT id, watcher_id, scheduled_for, attempt, trigger, status, not_before, created_at,
           started_at, finished_at, claimed_by, lease_expires_at, event, result, error_code,
           error_message, duration_ms, instructions, peak_memory, worker_id, output, exit_code,
           parent_run_id, chain_depth, actor
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

-- The escalation budgets (per watcher and for all) count the escalations
-- made in the last 24 hours. They are counted here, not from runs: history
-- retention may prune a run long before a day has passed. Rows older than a
-- day are deleted as new ones are added; a watcher's rows outlive it, so
-- deleting and recreating a watcher does not refill the global budget.
CREATE TABLE escalation_ledger (
    watcher_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX escalation_ledger_by_time ON escalation_ledger (created_at);
CREATE INDEX escalation_ledger_by_watcher ON escalation_ledger (watcher_id, created_at);
