-- PostgreSQL twin of ../0014_participant_agency.sql.
ALTER TABLE participants ADD COLUMN agency TEXT;
