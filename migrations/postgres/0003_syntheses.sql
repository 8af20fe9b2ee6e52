-- PostgreSQL twin of ../0003_syntheses.sql.
CREATE TABLE synthesis_states (
  activity_id         TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  session_id          TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  phase               TEXT NOT NULL CHECK (phase IN ('pending', 'writing', 'closed')),
  deadline            BIGINT,
  paused_remaining_ms BIGINT,
  focus_field_key     TEXT,
  spotlight_sala_id   TEXT
);
CREATE INDEX synthesis_states_session ON synthesis_states (session_id);

CREATE TABLE syntheses (
  activity_id  TEXT NOT NULL REFERENCES synthesis_states (activity_id) ON DELETE CASCADE,
  sala_id      TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  content      TEXT NOT NULL,
  submitted_at BIGINT,
  hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (activity_id, sala_id)
);

CREATE TABLE synthesis_versions (
  activity_id    TEXT NOT NULL,
  sala_id        TEXT NOT NULL,
  version        INTEGER NOT NULL,
  content        TEXT NOT NULL,
  client_save_id TEXT NOT NULL,
  author_id      TEXT REFERENCES participants (id) ON DELETE SET NULL,
  saved_at       BIGINT NOT NULL,
  PRIMARY KEY (activity_id, sala_id, version),
  UNIQUE (activity_id, sala_id, client_save_id),
  FOREIGN KEY (activity_id, sala_id) REFERENCES syntheses (activity_id, sala_id) ON DELETE CASCADE
);
