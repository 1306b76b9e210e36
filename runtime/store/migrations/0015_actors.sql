-- Actors (issue 22): who created a watcher and who last changed it, who
-- started a run, as model/Actor writes them ("tray", "cli", "mcp:<client>",
-- "api:<client>", "hearthd"). Rows from before are '' (not known).
ALTER TABLE watchers ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE watchers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN actor TEXT NOT NULL DEFAULT '';
