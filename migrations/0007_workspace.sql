-- Servicio Civil's workspace: facilitator accounts and their sign-in sessions, series of
-- sessions with the agencies taking part, a log of when things happened (for report timings),
-- workspace settings (the retention period), and what is kept of a session once its
-- participant data is removed.

CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  -- scrypt: "scrypt$N$r$p$salt$hash" (base64url); the password itself is never stored.
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'facilitator')),
  created_at    INTEGER NOT NULL
);

-- A signed-in browser: the cookie carries the token, the database only its SHA-256.
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX auth_sessions_account ON auth_sessions (account_id);

-- More facilitator secrets of a session, made for a signed-in owner or administrator who opens
-- it from the workspace (the first secret is only in its creator's link); SHA-256 only.
CREATE TABLE facilitator_links (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE series (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  owner_account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  created_at       INTEGER NOT NULL
);

-- Who created the session (null: created without accounts), its series, the agencies taking
-- part (a JSON array of names), and whether display names may appear in its reports.
ALTER TABLE sessions ADD COLUMN owner_account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN series_id TEXT REFERENCES series (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN agencies TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN names_in_reports INTEGER NOT NULL DEFAULT 0 CHECK (names_in_reports IN (0, 1));
-- Set when the retention period removed the participants and their answers; `archive` then
-- holds the aggregates computed just before (JSON), so reports still have their numbers.
ALTER TABLE sessions ADD COLUMN participant_data_removed_at INTEGER;
ALTER TABLE sessions ADD COLUMN archive TEXT;
CREATE INDEX sessions_owner ON sessions (owner_account_id, created_at);
CREATE INDEX sessions_series ON sessions (series_id, created_at);

-- When activities were shown, opened and closed, and breakout and synthesis phases began.
CREATE TABLE session_events (
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  activity_id TEXT,
  event       TEXT NOT NULL
);
CREATE INDEX session_events_session ON session_events (session_id, at);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Joins look up the next participant number by session.
CREATE INDEX participants_session_number ON participants (session_id, number);
