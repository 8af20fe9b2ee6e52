-- PostgreSQL twin of ../0015_experiences.sql.
CREATE TABLE experiences (
  activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  id            TEXT NOT NULL,
  session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  sala_id       TEXT,
  author_id     TEXT REFERENCES participants (id) ON DELETE SET NULL,
  agency        TEXT NOT NULL,
  name          TEXT NOT NULL,
  axes          TEXT NOT NULL,
  approach      TEXT NOT NULL CHECK (approach IN ('preventive', 'reactive', 'both')),
  reach_count   INTEGER,
  reach_unit    TEXT,
  since_year    INTEGER,
  since_month   INTEGER,
  lesson        TEXT,
  contact_unit  TEXT,
  contact_email TEXT,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  PRIMARY KEY (activity_id, id),
  CHECK ((reach_count IS NULL) = (reach_unit IS NULL)),
  CHECK ((contact_unit IS NULL) = (contact_email IS NULL))
);
CREATE INDEX experiences_session ON experiences (session_id);
