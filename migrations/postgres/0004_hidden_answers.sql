-- PostgreSQL twin of ../0004_hidden_answers.sql.
CREATE TABLE hidden_answers (
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  answer_id   TEXT NOT NULL,
  PRIMARY KEY (activity_id, answer_id)
);
