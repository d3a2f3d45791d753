-- The audit trail: every create, update, transition, publication, sign-in and role change.
-- Append-only: the triggers below refuse any UPDATE or DELETE.
CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_user_id INTEGER,                  -- NULL for the public and the system
    actor_label TEXT NOT NULL,              -- who it was at the time (name <email>), kept if the user changes
    action TEXT NOT NULL,                   -- e.g. user.sign_in, organisation.update
    record_type TEXT NOT NULL,
    record_id INTEGER,
    before_json TEXT,                       -- changed fields only
    after_json TEXT,
    request_id TEXT NOT NULL DEFAULT '',
    client_address TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_event_record ON audit_event (record_type, record_id, id);
CREATE INDEX audit_event_actor ON audit_event (actor_user_id, id);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
