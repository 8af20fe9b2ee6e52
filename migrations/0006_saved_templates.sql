-- Agendas a facilitator saved as templates of their own, to start later sessions from.
CREATE TABLE saved_templates (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  -- The activities without ids (TemplateSchema's), as JSON.
  activities        TEXT NOT NULL,
  source_session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
  created_at        INTEGER NOT NULL
);
