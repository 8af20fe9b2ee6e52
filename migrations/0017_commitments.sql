-- Commitments until the next session (docs/privacy.md, "Commitments").
-- A participant's own commitment, written at a closing activity of kind `commitment` (write).
-- It goes with its participant (retention), its activity and its session (deletion).
-- key_hash: SHA-256 of the browser's commitment key (localStorage, kept across sessions);
-- code_hash: SHA-256 of the short code shown to the writer. Neither is ever sent to anyone.
CREATE TABLE commitments (
  id             TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  text           TEXT NOT NULL,
  key_hash       TEXT NOT NULL,
  code_hash      TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (activity_id, participant_id)
);
CREATE INDEX commitments_key ON commitments (key_hash);
CREATE INDEX commitments_code ON commitments (code_hash);

-- At the next session's follow-up (a `commitment` activity in review mode): whether the person
-- did it. One answer per commitment and follow-up; it goes with the participant who gave it.
-- When the earlier session (and so the commitment) is removed, the answer stays in the counts
-- without the link.
CREATE TABLE commitment_reviews (
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  commitment_id  TEXT REFERENCES commitments (id) ON DELETE SET NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('done', 'started', 'notYet')),
  updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX commitment_reviews_one ON commitment_reviews (activity_id, commitment_id);
CREATE INDEX commitment_reviews_participant ON commitment_reviews (participant_id);
