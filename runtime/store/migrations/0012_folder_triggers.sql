-- Folder triggers (issue 21): what hearthd last saw of each folder watcher's
-- folder, so that changes made while it was stopped are found when it
-- starts. `scope` says what the files were listed for (the folder,
-- recursive, the glob); a watcher whose trigger now says otherwise is
-- looked at afresh. The files change in the transaction that records the
-- run their changes started, so a change is delivered once.
CREATE TABLE folder_scopes (
    watcher_id INTEGER PRIMARY KEY REFERENCES watchers (id) ON DELETE CASCADE,
    scope TEXT NOT NULL
);
CREATE TABLE folder_files (
    watcher_id INTEGER NOT NULL REFERENCES folder_scopes (watcher_id) ON DELETE CASCADE,
    -- Relative to the folder, '/' separated.
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    PRIMARY KEY (watcher_id, path)
) WITHOUT ROWID;
