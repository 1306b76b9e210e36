-- Notifications raised by scripts (notify{...}) and, later, by the
-- scheduler. watcher_id and run_id are empty for ad-hoc runs.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    watcher_id TEXT NOT NULL DEFAULT '',
    run_id TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_unread ON notifications (read_at, id);
