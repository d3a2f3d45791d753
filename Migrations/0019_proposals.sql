-- Collaboration proposals (協働事業提案): an organisation's proposal to a proposal call, free
-- (自由提案) or answering a theme (テーマ型), with its partner departments, budget lines and the
-- departments' opinions. The lifecycle is recorded in workflow_event.
CREATE TABLE proposal (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES call(id),
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    theme_id INTEGER REFERENCES theme(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'consultation', 'review',
        'selected', 'rejected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed', 'withdrawn')),
    title TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    local_issue TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    expected_effect TEXT NOT NULL DEFAULT '',
    form TEXT CHECK (form IN ('information', 'planning', 'cosponsor', 'support', 'committee', 'commission', 'subsidy',
        'property', 'cooperation')),                                    -- 協働の9つの形
    domain TEXT CHECK (domain IN ('organisation_led', 'equal', 'city_led')),   -- 協働の領域 ②③④
    role_organisation TEXT NOT NULL DEFAULT '',
    role_city TEXT NOT NULL DEFAULT '',
    period_from TEXT,
    period_to TEXT,
    requested_amount INTEGER CHECK (requested_amount BETWEEN 0 AND 1000000000000),   -- yen asked of the city
    opinion_due TEXT,                          -- YYYY-MM-DD, set when consultation starts
    presentation_at TEXT,                      -- 公開審査: date and time, place, order
    presentation_place TEXT NOT NULL DEFAULT '',
    presentation_order INTEGER CHECK (presentation_order BETWEEN 1 AND 999),
    council_result TEXT NOT NULL DEFAULT '',   -- what the council concluded (until reviews score it)
    conditions TEXT NOT NULL DEFAULT '',       -- 採択 conditions
    revision INTEGER NOT NULL DEFAULT 0,
    resubmit_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
) STRICT;
CREATE INDEX proposal_call ON proposal (call_id, status);
CREATE INDEX proposal_organisation ON proposal (organisation_id);
CREATE INDEX proposal_theme ON proposal (theme_id) WHERE theme_id IS NOT NULL;
CREATE INDEX proposal_status ON proposal (status, decided_at);

CREATE TABLE proposal_department (
    proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department(id),
    PRIMARY KEY (proposal_id, department_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX proposal_department_department ON proposal_department (department_id, proposal_id);

CREATE TABLE proposal_budget_line (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('income', 'expense')),
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 1000000000000),
    eligible INTEGER NOT NULL DEFAULT 1 CHECK (eligible IN (0, 1)),
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX proposal_budget_line_proposal ON proposal_budget_line (proposal_id, direction, position);

-- Each partner department's opinion in 担当課協議: one per department, replaced while consultation lasts.
CREATE TABLE proposal_opinion (
    proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('feasible', 'conditional', 'infeasible')),
    reasons TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '',
    author_user_id INTEGER REFERENCES user_account(id),
    author_label TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (proposal_id, department_id)
) STRICT, WITHOUT ROWID;
