-- The previous successful result of a watcher (ctx.last_result, on_change)
-- is read twice per run; without this index SQLite plans it on
-- runs(status) and scans every succeeded run of every watcher, so a burst
-- slowed down with history (issue 18: ~390x faster on a 19k-run copy).
CREATE INDEX runs_last_success ON runs (watcher_id, status, finished_at);
