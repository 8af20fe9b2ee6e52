-- The support register: each kind of support a sala asked of Servicio Civil in its submitted
-- synthesis (and the sala's free text), followed up by Servicio Civil with a status and a short
-- public note. No participant data: the sala's name and the agencies its members said at join
-- (names only, no counts) are copied at submission. Goes with the session (ON DELETE CASCADE).
CREATE TABLE support_entries (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- The synthesis activity and sala it came from; a resubmitted synthesis updates its entries.
  activity_id TEXT NOT NULL,
  sala_id     TEXT NOT NULL,
  sala_name   TEXT NOT NULL,
  -- A support option's id and label as ticked; null when the sala wrote text but ticked none.
  kind_id     TEXT,
  kind_label  TEXT,
  text        TEXT NOT NULL,
  -- JSON array of agency names.
  agencies    TEXT NOT NULL DEFAULT '[]',
  status      TEXT NOT NULL CHECK (status IN ('recibido', 'en-analisis', 'en-curso', 'entregado', 'descartado')),
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX support_entries_session ON support_entries (session_id);
CREATE INDEX support_entries_sala ON support_entries (activity_id, sala_id);
