-- PostgreSQL twin of ../0006_saved_templates.sql.
CREATE TABLE saved_templates (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  activities        TEXT NOT NULL,
  source_session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
  created_at        BIGINT NOT NULL
);
