-- PostgreSQL twin of ../0008_answer_client_ids.sql (an empty database has no submissions to
-- fold into the answer rows).
ALTER TABLE answers ADD COLUMN client_answer_ids TEXT NOT NULL DEFAULT ' ';
CREATE INDEX answers_participant ON answers (participant_id);
DROP TABLE answer_submissions;
