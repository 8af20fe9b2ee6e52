-- PostgreSQL twin of ../0001_initial.sql (the same tables, columns and indexes; see
-- docs/architecture.md, "Two databases"). Times are epoch milliseconds (bigint), flags 0/1
-- integers and JSON text, as in SQLite, so both repositories read rows the same way.

CREATE TABLE sessions (
  id                     TEXT PRIMARY KEY,
  code                   TEXT NOT NULL,
  title                  TEXT NOT NULL,
  template_id            TEXT,
  facilitator_token_hash TEXT NOT NULL,
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  current_activity_id    TEXT,
  results_visible        INTEGER NOT NULL DEFAULT 0 CHECK (results_visible IN (0, 1)),
  blank                  INTEGER NOT NULL DEFAULT 0 CHECK (blank IN (0, 1)),
  created_at             BIGINT NOT NULL,
  closed_at              BIGINT
);

CREATE UNIQUE INDEX sessions_open_code ON sessions (code) WHERE status = 'open';
CREATE INDEX sessions_code ON sessions (code, created_at);

CREATE TABLE activities (
  id         TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  spec       TEXT NOT NULL,
  answering  TEXT NOT NULL DEFAULT 'idle' CHECK (answering IN ('idle', 'open', 'closed')),
  UNIQUE (session_id, position)
);

CREATE TABLE participants (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  display_name TEXT,
  joined_at    BIGINT NOT NULL
);
CREATE INDEX participants_session ON participants (session_id);

CREATE TABLE answers (
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  value          TEXT NOT NULL,
  updated_at     BIGINT NOT NULL,
  PRIMARY KEY (activity_id, participant_id)
);

CREATE TABLE answer_submissions (
  participant_id   TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  client_answer_id TEXT NOT NULL,
  activity_id      TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  received_at      BIGINT NOT NULL,
  PRIMARY KEY (participant_id, client_answer_id)
);
