-- Council scoring (評価): council members as records, review rounds over a call's items, each
-- member's scores per criterion, recusals for conflicts of interest, and the council's opinion
-- per item. Scores are blind: only the scoring member and, once the round is closed, the office
-- read them; the public sees aggregates only.
CREATE TABLE council_member (
    id INTEGER PRIMARY KEY,
    user_id INTEGER UNIQUE REFERENCES user_account(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    affiliation TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('academic', 'npo', 'public', 'related')),  -- 学識 / NPO・団体 / 公募市民 / 関係団体
    position TEXT NOT NULL DEFAULT 'member' CHECK (position IN ('member', 'chair', 'vice_chair')),
    term_from TEXT NOT NULL,                    -- YYYY-MM-DD
    term_to TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (term_to >= term_from)
) STRICT;

-- The organisations a member belongs to or advises: the source of automatic recusals.
CREATE TABLE council_member_organisation (
    member_id INTEGER NOT NULL REFERENCES council_member(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (member_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX council_member_organisation_org ON council_member_organisation (organisation_id, member_id);

CREATE TABLE review_round (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES call(id),
    stage TEXT NOT NULL CHECK (stage IN ('pre', 'mid', 'post')),   -- 事前 / 中間 / 事後
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_reason TEXT NOT NULL DEFAULT '',    -- when closed before everyone submitted
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_round_call ON review_round (call_id);

CREATE TABLE review_round_member (
    round_id INTEGER NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    PRIMARY KEY (round_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_round_member_member ON review_round_member (member_id, round_id);

-- What is scored: an application or a proposal, with its organisation (for conflicts).
CREATE TABLE review_item (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
    record_type TEXT NOT NULL CHECK (record_type IN ('application', 'proposal')),
    record_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    title TEXT NOT NULL,
    opinion TEXT NOT NULL DEFAULT '',          -- the council's opinion (意見), recorded by the office
    UNIQUE (round_id, record_type, record_id)
) STRICT;

CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES review_item(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    recommendation TEXT CHECK (recommendation IN ('select', 'conditional', 'reject')),
    comment TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (item_id, member_id)
) STRICT;

CREATE TABLE review_score (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,                 -- the call criterion's position
    score INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, position)
) STRICT, WITHOUT ROWID;

-- A member left out of an item: linked to its organisation (automatic) or a declared conflict.
CREATE TABLE review_recusal (
    item_id INTEGER NOT NULL REFERENCES review_item(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    automatic INTEGER NOT NULL CHECK (automatic IN (0, 1)),
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (item_id, member_id)
) STRICT, WITHOUT ROWID;
