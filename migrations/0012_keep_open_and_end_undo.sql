-- A question's answering closes when the facilitator moves on from it, unless it is kept open.
ALTER TABLE activities ADD COLUMN keep_open INTEGER NOT NULL DEFAULT 0 CHECK (keep_open IN (0, 1));

-- A phase ended early can be taken back for a few seconds: the phase it ended, the time it had
-- left (null: untimed) and whether that time was paused, and until when (server clock) the undo
-- is accepted. Null phase: nothing to undo.
ALTER TABLE breakouts ADD COLUMN ended_phase TEXT CHECK (ended_phase IN ('intro', 'discussion', 'return'));
ALTER TABLE breakouts ADD COLUMN ended_remaining_ms INTEGER;
ALTER TABLE breakouts ADD COLUMN ended_paused INTEGER NOT NULL DEFAULT 0 CHECK (ended_paused IN (0, 1));
ALTER TABLE breakouts ADD COLUMN ended_until INTEGER;

ALTER TABLE synthesis_states ADD COLUMN ended_phase TEXT CHECK (ended_phase IN ('writing'));
ALTER TABLE synthesis_states ADD COLUMN ended_remaining_ms INTEGER;
ALTER TABLE synthesis_states ADD COLUMN ended_paused INTEGER NOT NULL DEFAULT 0 CHECK (ended_paused IN (0, 1));
ALTER TABLE synthesis_states ADD COLUMN ended_until INTEGER;
