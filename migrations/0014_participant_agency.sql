-- The agency (servicio) a participant says they come from, one of their session's `agencies`;
-- null: not said ("Prefiero no decirlo"). Removed with the participant (docs/privacy.md).
ALTER TABLE participants ADD COLUMN agency TEXT;
