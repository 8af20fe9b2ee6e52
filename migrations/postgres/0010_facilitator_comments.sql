-- PostgreSQL twin of ../0010_facilitator_comments.sql.
CREATE TABLE facilitator_comments (
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (session_id, activity_id)
);

ALTER TABLE sessions ADD COLUMN presenter_notes INTEGER NOT NULL DEFAULT 0 CHECK (presenter_notes IN (0, 1));
