-- PostgreSQL twin of ../0017_commitments.sql.
CREATE TABLE commitments (
  id             TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  text           TEXT NOT NULL,
  key_hash       TEXT NOT NULL,
  code_hash      TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  UNIQUE (activity_id, participant_id)
);
CREATE INDEX commitments_key ON commitments (key_hash);
CREATE INDEX commitments_code ON commitments (code_hash);

CREATE TABLE commitment_reviews (
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  commitment_id  TEXT REFERENCES commitments (id) ON DELETE SET NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('done', 'started', 'notYet')),
  updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX commitment_reviews_one ON commitment_reviews (activity_id, commitment_id);
CREATE INDEX commitment_reviews_participant ON commitment_reviews (participant_id);
