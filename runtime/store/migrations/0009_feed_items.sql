-- The feed items each watcher has seen (the SDK's feed.new_items, issue
-- 20), by a digest of the item's id (SHA-256). An item a run reports as new is kept
-- with that run's id until the run succeeds: the transaction that records
-- the success clears run_id, and only then is the item seen. A run that
-- fails leaves its items new for its retry and the next runs.
CREATE TABLE feed_items_seen (
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    item_key BLOB NOT NULL,
    run_id INTEGER,
    -- When a run last found the item in its feed (ms since the epoch): the
    -- oldest beyond FeedItemRepository::MaxItemsPerWatcher are forgotten.
    last_seen_at INTEGER NOT NULL,
    PRIMARY KEY (watcher_id, item_key)
) WITHOUT ROWID;
CREATE INDEX feed_items_by_age ON feed_items_seen (watcher_id, last_seen_at);
CREATE INDEX feed_items_pending ON feed_items_seen (run_id) WHERE run_id IS NOT NULL;
