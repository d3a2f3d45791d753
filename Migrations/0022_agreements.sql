-- Agreements (協定書 / 協働事業確認書): the pre-confirmation sheet both sides fill first, the
-- agreement as data (parties, clauses, cost sharing, reporting dates), its confirmations and every
-- version of its text. An agreement comes from a selected proposal or an approved grant.
CREATE TABLE pre_confirmation (
    source_type TEXT NOT NULL CHECK (source_type IN ('proposal', 'application')),
    source_id INTEGER NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('organisation', 'city')),
    purpose TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    contribution TEXT NOT NULL DEFAULT '',     -- what this side brings
    concerns TEXT NOT NULL DEFAULT '',
    sharing TEXT NOT NULL DEFAULT '',          -- how information is shared
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    PRIMARY KEY (source_type, source_id, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE agreement (
    id INTEGER PRIMARY KEY,
    source_type TEXT NOT NULL CHECK (source_type IN ('proposal', 'application')),
    source_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    department_id INTEGER REFERENCES department(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'negotiating', 'org_confirmed', 'city_confirmed', 'in_force',
        'completed', 'terminated')),
    version INTEGER NOT NULL DEFAULT 1,
    title TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    period_from TEXT,
    period_to TEXT,
    role_organisation TEXT NOT NULL DEFAULT '',
    role_department TEXT NOT NULL DEFAULT '',
    role_office TEXT NOT NULL DEFAULT '',
    risk TEXT NOT NULL DEFAULT '',
    insurance TEXT NOT NULL DEFAULT '',
    reporting TEXT NOT NULL DEFAULT '',
    disclosure TEXT NOT NULL DEFAULT '',
    ownership TEXT NOT NULL DEFAULT '',        -- 成果の権利帰属
    termination TEXT NOT NULL DEFAULT '',
    amendment TEXT NOT NULL DEFAULT '',
    consultation TEXT NOT NULL DEFAULT '',
    org_confirmed_by TEXT,
    org_confirmed_at TEXT,
    city_confirmed_by TEXT,
    city_confirmed_at TEXT,
    voided_note TEXT NOT NULL DEFAULT '',      -- set when an edit voided confirmations
    concluded_at TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
) STRICT;
CREATE UNIQUE INDEX agreement_one_per_source ON agreement (source_type, source_id) WHERE status <> 'terminated';
CREATE INDEX agreement_organisation ON agreement (organisation_id);

-- Cost sharing: per item, what each party bears (yen).
CREATE TABLE agreement_cost (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item TEXT NOT NULL,
    organisation_amount INTEGER NOT NULL CHECK (organisation_amount BETWEEN 0 AND 1000000000000),
    city_amount INTEGER NOT NULL CHECK (city_amount BETWEEN 0 AND 1000000000000),
    PRIMARY KEY (agreement_id, position)
) STRICT, WITHOUT ROWID;

-- Reporting duties with dates: data for the deadline engine.
CREATE TABLE agreement_report_date (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    what TEXT NOT NULL,
    PRIMARY KEY (agreement_id, position)
) STRICT, WITHOUT ROWID;

-- Every version of the text as it stood (JSON of the clauses, costs and dates), for the diff view.
CREATE TABLE agreement_version (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER agreement_generation_status AFTER UPDATE OF status ON agreement BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
