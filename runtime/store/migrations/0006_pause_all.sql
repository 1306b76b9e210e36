-- Pause all (issue 16): the watchers it disabled carry this mark, so that
-- Resume enables exactly those, whoever asks and after any restart. Setting
-- a watcher's `enabled` by hand clears it.
ALTER TABLE watchers ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1));
