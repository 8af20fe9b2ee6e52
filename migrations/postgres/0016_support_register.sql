-- PostgreSQL twin of ../0016_support_register.sql.
CREATE TABLE support_entries (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  activity_id TEXT NOT NULL,
  sala_id     TEXT NOT NULL,
  sala_name   TEXT NOT NULL,
  kind_id     TEXT,
  kind_label  TEXT,
  text        TEXT NOT NULL,
  agencies    TEXT NOT NULL DEFAULT '[]',
  status      TEXT NOT NULL CHECK (status IN ('recibido', 'en-analisis', 'en-curso', 'entregado', 'descartado')),
  note        TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX support_entries_session ON support_entries (session_id);
CREATE INDEX support_entries_sala ON support_entries (activity_id, sala_id);
