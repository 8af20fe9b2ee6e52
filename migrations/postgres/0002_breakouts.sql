-- PostgreSQL twin of ../0002_breakouts.sql. A PostgreSQL database starts empty at this
-- version, so the SQLite file's renumbering of existing participants has nothing to do here.
ALTER TABLE participants ADD COLUMN number INTEGER NOT NULL DEFAULT 0;

CREATE TABLE breakouts (
  activity_id         TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  session_id          TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  phase               TEXT NOT NULL CHECK (phase IN ('pending', 'intro', 'discussion', 'return', 'closed')),
  deadline            BIGINT,
  paused_remaining_ms BIGINT,
  message             TEXT,
  message_at          BIGINT
);
CREATE INDEX breakouts_session ON breakouts (session_id);

CREATE TABLE salas (
  id          TEXT PRIMARY KEY,
  activity_id TEXT NOT NULL REFERENCES breakouts (activity_id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  video_url   TEXT,
  UNIQUE (activity_id, position)
);

CREATE TABLE sala_members (
  activity_id    TEXT NOT NULL REFERENCES breakouts (activity_id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, participant_id)
);
CREATE INDEX sala_members_sala ON sala_members (sala_id);

CREATE TABLE sala_roles (
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  role           TEXT NOT NULL CHECK (role IN ('moderator', 'secretary')),
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  PRIMARY KEY (sala_id, role),
  UNIQUE (sala_id, participant_id)
);
