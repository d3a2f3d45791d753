-- Grant applications (補助金交付申請): an organisation's application to a grant call, with its
-- budget lines. The lifecycle is recorded in workflow_event.
CREATE TABLE grant_application (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES call(id),
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'approved', 'rejected', 'withdrawn')),
    project_title TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    beneficiaries TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    schedule TEXT NOT NULL DEFAULT '',
    requested_amount INTEGER CHECK (requested_amount >= 0),   -- yen
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT
) STRICT;
CREATE INDEX grant_application_call ON grant_application (call_id, status);
CREATE INDEX grant_application_organisation ON grant_application (organisation_id);
-- One application per organisation per call.
CREATE UNIQUE INDEX grant_application_one_per_call ON grant_application (call_id, organisation_id) WHERE status <> 'withdrawn';

CREATE TABLE grant_budget_line (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES grant_application(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('income', 'expense')),
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    eligible INTEGER NOT NULL DEFAULT 1 CHECK (eligible IN (0, 1)),   -- counts towards the subsidy rate
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX grant_budget_line_application ON grant_budget_line (application_id, direction, position);
