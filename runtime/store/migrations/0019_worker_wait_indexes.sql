-- The runs that wait for a device worker (an agent watcher's runs, and
-- escalations) are looked for on every turn of the scheduler, for the
-- earliest claim deadline and for those past it. Read through runs(status),
-- that was every pending run, joined to its watcher: during a burst of Lua
-- runs, a third of the scheduler's work (issue 18). These two small indexes
-- hold only the rows those queries want.
CREATE INDEX watchers_agents ON watchers (id) WHERE kind = 'agent';
CREATE INDEX runs_pending_tasks ON runs (not_before) WHERE status = 'pending' AND task IS NOT NULL;
