-- Files attached to a grant application (事業計画書, 収支予算書, …), stored by content hash.
CREATE TABLE grant_attachment (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES grant_application(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                       -- which required attachment it is, or 'その他'
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES user_account(id),
    uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX grant_attachment_application ON grant_attachment (application_id, id);
