-- Calls (募集): one round of one programme in one fiscal year. Criteria, eligibility and
-- required attachments are fixed once the call opens (equal opportunity: everyone is judged
-- on the same rules).
CREATE TABLE call (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'proposal')),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '',
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    budget_ceiling INTEGER CHECK (budget_ceiling >= 0),        -- yen
    max_amount INTEGER CHECK (max_amount >= 0),                -- yen per application
    rate_numerator INTEGER NOT NULL DEFAULT 1 CHECK (rate_numerator > 0),
    rate_denominator INTEGER NOT NULL DEFAULT 2 CHECK (rate_denominator >= rate_numerator),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'reviewing', 'published', 'archived')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (closes_at > opens_at)
) STRICT;
CREATE INDEX call_status ON call (status, closes_at);

CREATE TABLE call_criterion (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES call(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL CHECK (weight > 0),
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    CHECK (scale_max > scale_min)
) STRICT;
CREATE INDEX call_criterion_call ON call_criterion (call_id, position);

CREATE TABLE call_eligible_kind (
    call_id INTEGER NOT NULL REFERENCES call(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (call_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE call_attachment (
    call_id INTEGER NOT NULL REFERENCES call(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (call_id, position)
) STRICT, WITHOUT ROWID;
