-- Experience cards (docs/privacy.md, "Experience cards"): an agency's initiative told by a sala's
-- secretary (sala_id set) or by a participant at an `experience` activity. The contact columns
-- are set only when the writer opted in to be contacted by Servicio Civil, and are cleared with
-- the session's participants at the end of the retention period; deleting the session removes
-- the cards.
CREATE TABLE experiences (
  activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  -- Made by the writer's device once per card, so a retried save replaces instead of duplicating.
  id            TEXT NOT NULL,
  session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  sala_id       TEXT,
  -- Who may edit it; null once the participants are removed (the card stays, anonymous).
  author_id     TEXT REFERENCES participants (id) ON DELETE SET NULL,
  agency        TEXT NOT NULL,
  name          TEXT NOT NULL,
  -- JSON array of axis ids (shared/axes.ts).
  axes          TEXT NOT NULL,
  approach      TEXT NOT NULL CHECK (approach IN ('preventive', 'reactive', 'both')),
  reach_count   INTEGER,
  reach_unit    TEXT,
  since_year    INTEGER,
  since_month   INTEGER,
  lesson        TEXT,
  contact_unit  TEXT,
  contact_email TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, id),
  CHECK ((reach_count IS NULL) = (reach_unit IS NULL)),
  CHECK ((contact_unit IS NULL) = (contact_email IS NULL))
) WITHOUT ROWID;
CREATE INDEX experiences_session ON experiences (session_id);
