-- The key-value store that scripts and the API share. `namespace` is '' for
-- the global namespace; per-watcher namespaces arrive with the Lua SDK.
CREATE TABLE kv (
    namespace TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL CHECK (length(CAST(key AS BLOB)) BETWEEN 1 AND 256),
    value TEXT NOT NULL CHECK (json_valid(value)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
