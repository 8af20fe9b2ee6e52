-- The language a session's phones and projector speak (a person's own pick still wins on their
-- phone); Spanish (Chile) unless the facilitator sets English.
ALTER TABLE sessions ADD COLUMN locale TEXT NOT NULL DEFAULT 'es-CL' CHECK (locale IN ('es-CL', 'en'));
