-- PostgreSQL twin of ../0018_qa.sql.
CREATE TABLE qa_questions (
  id             TEXT PRIMARY KEY,
  activity_id    TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  client_id      TEXT NOT NULL,
  text           TEXT NOT NULL,
  author_name    TEXT,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'shown', 'hidden')),
  answered       INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
  asked_at       BIGINT NOT NULL,
  UNIQUE (participant_id, client_id)
);
CREATE INDEX qa_questions_activity ON qa_questions (activity_id);

CREATE TABLE qa_votes (
  question_id    TEXT NOT NULL REFERENCES qa_questions (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  PRIMARY KEY (question_id, participant_id)
);

CREATE TABLE qa_highlights (
  activity_id TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL REFERENCES qa_questions (id) ON DELETE CASCADE
);
