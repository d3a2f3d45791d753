-- The history of every lifecycle (organisations now; calls, applications, proposals,
-- agreements and minutes later): one row per transition, with who, when and why.
CREATE TABLE workflow_event (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_label TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    occurred_at TEXT NOT NULL
) STRICT;
CREATE INDEX workflow_event_record ON workflow_event (record_type, record_id, id);

CREATE TRIGGER workflow_event_no_update BEFORE UPDATE ON workflow_event
BEGIN SELECT RAISE(ABORT, 'workflow_event is append-only'); END;
CREATE TRIGGER workflow_event_no_delete BEFORE DELETE ON workflow_event
BEGIN SELECT RAISE(ABORT, 'workflow_event is append-only'); END;
