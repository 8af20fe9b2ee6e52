-- Open answers the facilitator hid from every screen (moderation): kept, not deleted.
CREATE TABLE hidden_answers (
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  answer_id   TEXT NOT NULL,
  PRIMARY KEY (activity_id, answer_id)
) WITHOUT ROWID;
