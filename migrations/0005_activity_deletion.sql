-- Activities deleted from an agenda are kept (with their answers) so the deletion can be undone.
-- A deleted activity's position is the negative of its rowid: unique, and out of the agenda's way.
ALTER TABLE activities ADD COLUMN deleted_at INTEGER;
