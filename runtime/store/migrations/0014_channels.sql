-- Channels (issue 21): where notifications go besides the desktop (email,
-- ntfy, a webhook), and one durable delivery per notification and channel.
-- spec is the channel as the API shows it (model/Channel), without its
-- name. Cooldown and the rolling daily budget count what was queued.
CREATE TABLE channels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'ntfy', 'webhook')),
    spec TEXT NOT NULL CHECK (json_valid(spec)),
    is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
    muted INTEGER NOT NULL CHECK (muted IN (0, 1)),
    cooldown_s INTEGER NOT NULL CHECK (cooldown_s >= 0),
    daily_budget INTEGER CHECK (daily_budget IS NULL OR daily_budget >= 1),
    last_queued_at INTEGER,
    budget_window_start INTEGER,
    budget_window_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A delivery is unique per idempotency key ('notification:N:channel:C', or
-- a test's own), so that one notification never goes twice to one
-- channel; the key is sent with it (webhook-id, Message-ID, ntfy's
-- X-Hearth-Delivery) for receivers to drop a retry that crossed a crash.
-- status: pending (next_attempt_at says when), sending (an attempt in
-- flight; found at start after a kill and tried again), batched (waiting
-- for its channel's digest, due at next_attempt_at), and the terminal
-- delivered, failed (refused for good), dead (retries used up), suppressed
-- (muted, cooldown or budget: never sent) and digested (sent as part of the
-- digest delivery digest_id).
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    notification_id INTEGER REFERENCES notifications (id) ON DELETE SET NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    message TEXT NOT NULL CHECK (json_valid(message)),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'batched', 'delivered',
                                           'failed', 'dead', 'suppressed', 'digested')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- attempts made before the last redrive: a redriven delivery gets the
    -- channel's retries afresh.
    redriven_after INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    last_error TEXT,
    remote_id TEXT,
    digest_id INTEGER REFERENCES deliveries (id) ON DELETE SET NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_batched ON deliveries (channel_id, next_attempt_at)
    WHERE status = 'batched';
CREATE INDEX deliveries_by_status ON deliveries (status, id);
CREATE INDEX deliveries_by_channel ON deliveries (channel_id, id);

-- One row per attempt: when, how it ended and what the server said.
CREATE TABLE delivery_attempts (
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    outcome TEXT NOT NULL CHECK (outcome IN ('sending', 'delivered', 'retry', 'failed',
                                             'interrupted')),
    response TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;
