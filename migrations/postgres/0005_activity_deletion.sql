-- PostgreSQL twin of ../0005_activity_deletion.sql.
ALTER TABLE activities ADD COLUMN deleted_at BIGINT;
