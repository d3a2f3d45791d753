-- Each submission of an application is kept as it was sent, so staff can see what changed
-- between a returned version and the corrected one.
CREATE TABLE grant_application_version (
    application_id INTEGER NOT NULL REFERENCES grant_application(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    snapshot_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (application_id, version)
) STRICT, WITHOUT ROWID;
