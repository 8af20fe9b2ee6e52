-- PostgreSQL twin of ../0012_keep_open_and_end_undo.sql.
ALTER TABLE activities ADD COLUMN keep_open INTEGER NOT NULL DEFAULT 0 CHECK (keep_open IN (0, 1));

ALTER TABLE breakouts ADD COLUMN ended_phase TEXT CHECK (ended_phase IN ('intro', 'discussion', 'return'));
ALTER TABLE breakouts ADD COLUMN ended_remaining_ms BIGINT;
ALTER TABLE breakouts ADD COLUMN ended_paused INTEGER NOT NULL DEFAULT 0 CHECK (ended_paused IN (0, 1));
ALTER TABLE breakouts ADD COLUMN ended_until BIGINT;

ALTER TABLE synthesis_states ADD COLUMN ended_phase TEXT CHECK (ended_phase IN ('writing'));
ALTER TABLE synthesis_states ADD COLUMN ended_remaining_ms BIGINT;
ALTER TABLE synthesis_states ADD COLUMN ended_paused INTEGER NOT NULL DEFAULT 0 CHECK (ended_paused IN (0, 1));
ALTER TABLE synthesis_states ADD COLUMN ended_until BIGINT;
