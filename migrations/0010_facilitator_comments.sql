-- The facilitator's "Comentarios y análisis" of an activity's results, one text per session and
-- activity (the activity may be deleted from the agenda and restored: its comment waits with it).
-- They are the facilitator's words, not participants': removing participant data keeps them;
-- deleting the session removes them.
CREATE TABLE facilitator_comments (
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (session_id, activity_id)
) WITHOUT ROWID;

-- Whether the presenter screen receives the activities' presenter notes (off unless the
-- facilitator asks: that screen is projected).
ALTER TABLE sessions ADD COLUMN presenter_notes INTEGER NOT NULL DEFAULT 0 CHECK (presenter_notes IN (0, 1));
