-- The client ids of a participant's latest submissions for a question now live in their answer
-- row (" id1 id2 … ", newest last, trimmed to the last ~1,000 characters), replacing the table
-- with one row per submission: an answer writes one row instead of two, and that table, keyed
-- by participant, grew with every change of answer (docs/performance.md).
ALTER TABLE answers ADD COLUMN client_answer_ids TEXT NOT NULL DEFAULT ' ';

UPDATE answers SET client_answer_ids = ' ' || (
  SELECT group_concat(client_answer_id, ' ') || ' '
  FROM (SELECT client_answer_id FROM answer_submissions s
        WHERE s.participant_id = answers.participant_id AND s.activity_id = answers.activity_id
        ORDER BY received_at)
)
WHERE EXISTS (SELECT 1 FROM answer_submissions s WHERE s.participant_id = answers.participant_id AND s.activity_id = answers.activity_id);

-- Finds which of a participant's answers used a client id (one read per submission), and makes
-- deleting a participant's answers a lookup rather than a scan.
CREATE INDEX answers_participant ON answers (participant_id);

DROP TABLE answer_submissions;
