-- Secret values, sealed by runtime/secrets/SecretBox (AES-256-GCM). The
-- sealed blob carries its own format byte, key version and nonce.
CREATE TABLE secrets (
    name TEXT NOT NULL PRIMARY KEY,
    sealed BLOB NOT NULL,
    key_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- The master key in use: its fingerprint (never the key), its version and
-- where it came from, so a different key is noticed instead of used.
CREATE TABLE secret_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
