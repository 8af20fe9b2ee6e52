-- Turns to speak in each sala: who has the floor, the turn's countdown, how many turns were
-- given (the report counts them, never who spoke), a call to the facilitator waiting to be
-- acknowledged, and the hands raised in order. Kept here so a reconnect or a restart finds the
-- queue and the floor as they were.

CREATE TABLE sala_turns (
  sala_id              TEXT PRIMARY KEY REFERENCES salas (id) ON DELETE CASCADE,
  activity_id          TEXT NOT NULL REFERENCES breakouts (activity_id) ON DELETE CASCADE,
  -- Null when nobody has the floor (or the speaker's data was removed).
  floor_participant_id TEXT REFERENCES participants (id) ON DELETE SET NULL,
  floor_since          INTEGER,
  -- Server-clock epoch milliseconds, and the countdown's length.
  timer_deadline       INTEGER,
  timer_seconds        INTEGER,
  turns_given          INTEGER NOT NULL DEFAULT 0 CHECK (turns_given >= 0),
  call_at              INTEGER,
  call_role            TEXT CHECK (call_role IN ('moderator', 'secretary'))
);
CREATE INDEX sala_turns_activity ON sala_turns (activity_id);

-- Hands raised: `position` orders the queue (first raised first).
CREATE TABLE sala_hands (
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  PRIMARY KEY (sala_id, participant_id)
) WITHOUT ROWID;
