-- A watcher's pending and running runs (its concurrency policy is applied
-- on every fire): without this index SQLite read them on runs_by_watcher,
-- every run the watcher ever kept, so a burst slowed down with history
-- (issue 18: 673 instead of ~4,800 runs/s with 1,000,000 runs kept). It
-- holds only the active runs, so it stays small.
CREATE INDEX runs_active ON runs (watcher_id, id) WHERE status IN ('pending', 'running');
