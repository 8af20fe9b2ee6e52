-- PostgreSQL twin of ../0020_insertion_order.sql. PostgreSQL has no rowid, and where a row lies
-- (ctid) is not the order written: an update writes the row's new version elsewhere, VACUUM lets
-- new rows take the space of removed ones, VACUUM FULL rewrites the tables. So the tables whose
-- rows are listed by time get SQLite's rowid as a column, numbered as rows are inserted, and the
-- same queries run on both. Rows already stored are numbered in the order they lie, the order
-- they were listed in until now.
ALTER TABLE qa_questions ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE support_entries ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE session_events ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE sessions ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE series ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE saved_templates ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE commitments ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
