-- A meeting's material files (PDF and the like), public or for the council only.
CREATE TABLE meeting_material (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
    uploaded_by INTEGER REFERENCES user_account(id),
    uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_material_meeting ON meeting_material (meeting_id, id);
