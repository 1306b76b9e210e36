-- Approvals (issue 22): a watcher created or changed over MCP waits,
-- disabled, for a person to approve or reject it. `approved_spec` is the
-- version a rejection restores (NULL: the watcher is new, and a rejection
-- deletes it); `enable_on_approval` is whether approving enables it (what
-- the change asked for); `approval_requested_by` the MCP client that asked;
-- `approved_by` who approved or rejected last. A watcher awaiting approval
-- never runs: it is disabled and its queued runs are not claimed.
ALTER TABLE watchers ADD COLUMN approval TEXT NOT NULL DEFAULT 'approved'
    CHECK (approval IN ('approved', 'pending'));
ALTER TABLE watchers ADD COLUMN approved_spec TEXT
    CHECK (approved_spec IS NULL OR json_valid(approved_spec));
ALTER TABLE watchers ADD COLUMN enable_on_approval INTEGER NOT NULL DEFAULT 0
    CHECK (enable_on_approval IN (0, 1));
ALTER TABLE watchers ADD COLUMN approval_requested_by TEXT NOT NULL DEFAULT '';
ALTER TABLE watchers ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
