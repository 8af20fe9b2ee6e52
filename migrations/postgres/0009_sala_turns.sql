-- PostgreSQL twin of ../0009_sala_turns.sql.
CREATE TABLE sala_turns (
  sala_id              TEXT PRIMARY KEY REFERENCES salas (id) ON DELETE CASCADE,
  activity_id          TEXT NOT NULL REFERENCES breakouts (activity_id) ON DELETE CASCADE,
  floor_participant_id TEXT REFERENCES participants (id) ON DELETE SET NULL,
  floor_since          BIGINT,
  timer_deadline       BIGINT,
  timer_seconds        INTEGER,
  turns_given          INTEGER NOT NULL DEFAULT 0 CHECK (turns_given >= 0),
  call_at              BIGINT,
  call_role            TEXT CHECK (call_role IN ('moderator', 'secretary'))
);
CREATE INDEX sala_turns_activity ON sala_turns (activity_id);

CREATE TABLE sala_hands (
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  PRIMARY KEY (sala_id, participant_id)
);
