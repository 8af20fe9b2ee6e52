-- Breakout salas: their phase and clock, the salas, who is in which, and who holds each role.

-- Join order within the session, so a facilitator can tell anonymous people apart ("Participante 12").
ALTER TABLE participants ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE participants SET number = (
  SELECT COUNT(*) FROM participants AS earlier
  WHERE earlier.session_id = participants.session_id
    AND (earlier.joined_at < participants.joined_at OR (earlier.joined_at = participants.joined_at AND earlier.id <= participants.id))
);

CREATE TABLE breakouts (
  activity_id         TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  session_id          TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  phase               TEXT NOT NULL CHECK (phase IN ('pending', 'intro', 'discussion', 'return', 'closed')),
  -- Server-clock epoch milliseconds; a running phase has a deadline, a paused one the time left.
  deadline            INTEGER,
  paused_remaining_ms INTEGER,
  message             TEXT,
  message_at          INTEGER
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

-- One sala per participant and breakout.
CREATE TABLE sala_members (
  activity_id    TEXT NOT NULL REFERENCES breakouts (activity_id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX sala_members_sala ON sala_members (sala_id);

-- At most one moderator and one secretary per sala (the key), and one role per person in a sala.
CREATE TABLE sala_roles (
  sala_id        TEXT NOT NULL REFERENCES salas (id) ON DELETE CASCADE,
  role           TEXT NOT NULL CHECK (role IN ('moderator', 'secretary')),
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  PRIMARY KEY (sala_id, role),
  UNIQUE (sala_id, participant_id)
) WITHOUT ROWID;
