-- What watchers observed (issue 20): a run's snapshot (snapshot.save, or
-- a `snapshot` field of its result) is stored when the run succeeds, in the
-- transaction that records it. Texts are content-addressed (SHA-256) and
-- compressed (zstd), so a text many snapshots share is stored once; a
-- snapshot equal to its watcher's latest is not stored again.
CREATE TABLE snapshot_texts (
    hash BLOB PRIMARY KEY,
    size INTEGER NOT NULL, -- bytes before compression
    compressed BLOB NOT NULL
);

CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watcher_id INTEGER NOT NULL REFERENCES watchers (id) ON DELETE CASCADE,
    -- The run that saved it (gone once its run is pruned).
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    text_hash BLOB NOT NULL REFERENCES snapshot_texts (hash),
    created_at INTEGER NOT NULL -- ms since the epoch
);
CREATE INDEX snapshots_by_watcher ON snapshots (watcher_id, id);
CREATE INDEX snapshots_by_text ON snapshots (text_hash);
