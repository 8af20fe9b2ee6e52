-- Questions from the room (the `qa` activity): each question with its status and whether it was
-- answered, the votes (one per person per question: the primary key), and the question on the
-- projector. A question is its asker's words: it goes when their participant data goes.

CREATE TABLE qa_questions (
  id             TEXT PRIMARY KEY,
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  -- Made by the phone once per question, so a retried question is stored once.
  client_id      TEXT NOT NULL,
  text           TEXT NOT NULL,
  -- The asker's display name when they chose to show it; null: anonymous.
  author_name    TEXT,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'shown', 'hidden')),
  answered       INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
  asked_at       INTEGER NOT NULL,
  UNIQUE (participant_id, client_id)
);
CREATE INDEX qa_questions_activity ON qa_questions (activity_id);

CREATE TABLE qa_votes (
  question_id    TEXT NOT NULL REFERENCES qa_questions (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  PRIMARY KEY (question_id, participant_id)
) WITHOUT ROWID;

-- The question in large type on the projector, per Q&A activity (no row: none).
CREATE TABLE qa_highlights (
  activity_id TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL REFERENCES qa_questions (id) ON DELETE CASCADE
) WITHOUT ROWID;
