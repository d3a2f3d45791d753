-- 実施報告 and 額の確定: the report after the project (actuals per budget line, outcomes) has a
-- lifecycle of its own, and settlement fixes the final amount.
ALTER TABLE grant_application ADD COLUMN report_status TEXT NOT NULL DEFAULT 'none'
    CHECK (report_status IN ('none', 'submitted', 'returned', 'accepted', 'settled'));
ALTER TABLE grant_application ADD COLUMN project_end_on TEXT;          -- YYYY-MM-DD
ALTER TABLE grant_application ADD COLUMN outcomes TEXT NOT NULL DEFAULT '';
ALTER TABLE grant_application ADD COLUMN settled_amount INTEGER CHECK (settled_amount >= 0);

CREATE TABLE grant_actual_line (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES grant_application(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('income', 'expense')),
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    eligible INTEGER NOT NULL DEFAULT 1 CHECK (eligible IN (0, 1)),
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX grant_actual_line_application ON grant_actual_line (application_id, direction, position);
