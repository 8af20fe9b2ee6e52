-- PostgreSQL twin of ../0007_workspace.sql. SQLite compares emails with COLLATE NOCASE;
-- here a unique index on lower(email) does, and the PostgreSQL repository looks emails up
-- by lower(email).
CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'facilitator')),
  created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_email_nocase ON accounts (lower(email));

CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX auth_sessions_account ON auth_sessions (account_id);

CREATE TABLE facilitator_links (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);

CREATE TABLE series (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  owner_account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  created_at       BIGINT NOT NULL
);

ALTER TABLE sessions ADD COLUMN owner_account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN series_id TEXT REFERENCES series (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN agencies TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN names_in_reports INTEGER NOT NULL DEFAULT 0 CHECK (names_in_reports IN (0, 1));
ALTER TABLE sessions ADD COLUMN participant_data_removed_at BIGINT;
ALTER TABLE sessions ADD COLUMN archive TEXT;
CREATE INDEX sessions_owner ON sessions (owner_account_id, created_at);
CREATE INDEX sessions_series ON sessions (series_id, created_at);

CREATE TABLE session_events (
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  at          BIGINT NOT NULL,
  activity_id TEXT,
  event       TEXT NOT NULL
);
CREATE INDEX session_events_session ON session_events (session_id, at);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE INDEX participants_session_number ON participants (session_id, number);
