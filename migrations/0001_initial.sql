-- Sessions, their agenda, participants and answers.
-- Participants are anonymous: no names beyond an optional display name, no email, no IP.

CREATE TABLE sessions (
  id                     TEXT PRIMARY KEY,
  code                   TEXT NOT NULL,
  title                  TEXT NOT NULL,
  template_id            TEXT,
  -- SHA-256 of the facilitator secret; the secret itself is never stored.
  facilitator_token_hash TEXT NOT NULL,
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  current_activity_id    TEXT,
  results_visible        INTEGER NOT NULL DEFAULT 0 CHECK (results_visible IN (0, 1)),
  blank                  INTEGER NOT NULL DEFAULT 0 CHECK (blank IN (0, 1)),
  created_at             INTEGER NOT NULL,
  closed_at              INTEGER
);

-- A join code is unique among open sessions; closed sessions free theirs.
CREATE UNIQUE INDEX sessions_open_code ON sessions (code) WHERE status = 'open';
CREATE INDEX sessions_code ON sessions (code, created_at);

CREATE TABLE activities (
  id         TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  -- The activity as the shared ActivitySchema describes it (JSON).
  spec       TEXT NOT NULL,
  answering  TEXT NOT NULL DEFAULT 'idle' CHECK (answering IN ('idle', 'open', 'closed')),
  UNIQUE (session_id, position)
);

CREATE TABLE participants (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- SHA-256 of the participant's browser token.
  token_hash   TEXT NOT NULL UNIQUE,
  display_name TEXT,
  joined_at    INTEGER NOT NULL
);
CREATE INDEX participants_session ON participants (session_id);

-- One current answer per participant and activity.
CREATE TABLE answers (
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  value          TEXT NOT NULL,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (activity_id, participant_id)
) WITHOUT ROWID;

-- Every submission's client-generated id, kept unique per participant so a retried submission
-- never counts twice (and one participant's ids can never shadow another's).
CREATE TABLE answer_submissions (
  participant_id   TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  client_answer_id TEXT NOT NULL,
  activity_id      TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  received_at      INTEGER NOT NULL,
  PRIMARY KEY (participant_id, client_answer_id)
) WITHOUT ROWID;
