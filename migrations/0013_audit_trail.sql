-- The audit trail: who did what, when, to whose data (server/domain/audit.ts). No foreign keys:
-- an entry outlives the account, session or series it names, and is removed only by age
-- (AUDIT_KEEP_DAYS). Never participant data: no answers, names, addresses or attempted emails.
CREATE TABLE audit_entries (
  id                      INTEGER PRIMARY KEY,
  at                      INTEGER NOT NULL,
  action                  TEXT NOT NULL,
  actor_kind              TEXT NOT NULL CHECK (actor_kind IN ('account', 'session-link', 'system', 'unknown')),
  actor_account_id        TEXT,
  -- The actor's email as it was then, so the entry still reads once the account is removed.
  actor_email             TEXT,
  target_kind             TEXT CHECK (target_kind IN ('session', 'series', 'account', 'settings')),
  target_id               TEXT,
  target_label            TEXT,
  target_owner_account_id TEXT,
  -- A small JSON object: a report's format, a retention period's days.
  detail                  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entries_at ON audit_entries (at);
CREATE INDEX audit_entries_actor ON audit_entries (actor_account_id, at);
CREATE INDEX audit_entries_action ON audit_entries (action, at);
