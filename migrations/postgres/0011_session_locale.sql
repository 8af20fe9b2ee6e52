-- PostgreSQL twin of ../0011_session_locale.sql.
ALTER TABLE sessions ADD COLUMN locale TEXT NOT NULL DEFAULT 'es-CL' CHECK (locale IN ('es-CL', 'en'));
