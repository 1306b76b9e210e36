-- Webhook triggers (issue 21): the token of each webhook watcher's URL (also
-- in its spec; here to find the watcher a delivery is for), and the ids of
-- deliveries already taken, so that a replayed one is refused. An id is
-- recorded in the transaction that records the run it started.
ALTER TABLE watchers ADD COLUMN webhook_token TEXT;
CREATE UNIQUE INDEX watchers_by_webhook_token ON watchers (webhook_token)
    WHERE webhook_token IS NOT NULL;
CREATE TABLE webhook_deliveries (
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    delivery_id TEXT NOT NULL,
    received_at INTEGER NOT NULL, -- ms since the epoch
    PRIMARY KEY (watcher_id, delivery_id)
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (received_at);
