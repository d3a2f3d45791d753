-- Joint evaluation of a collaboration project (an agreement): the retrospective sheet
-- (ふりかえりシート) each side fills separately at the end (or mid-term), the office's remarks and
-- publication, and the 25-item evaluation sheet (評価シート, Seki guideline) filled jointly.
CREATE TABLE retrospective_sheet (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('mid', 'final')),
    side TEXT NOT NULL CHECK (side IN ('organisation', 'city')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    PRIMARY KEY (agreement_id, stage, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE retrospective_answer (
    agreement_id INTEGER NOT NULL,
    stage TEXT NOT NULL,
    side TEXT NOT NULL,
    item TEXT NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, stage, side, item),
    FOREIGN KEY (agreement_id, stage, side) REFERENCES retrospective_sheet (agreement_id, stage, side) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The office's remarks and the publication of one stage's evaluation.
CREATE TABLE evaluation (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('mid', 'final')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    remarks TEXT NOT NULL DEFAULT '',
    published_at TEXT,
    PRIMARY KEY (agreement_id, stage)
) STRICT, WITHOUT ROWID;

-- The 25 checks of the evaluation sheet, answered jointly (yes / partly / no, with a note).
CREATE TABLE evaluation_check (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    item TEXT NOT NULL,                        -- plan1…plan9, run1…run6, result1…result5, improve1…improve5
    answer TEXT CHECK (answer IN ('yes', 'partly', 'no')),
    note TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (agreement_id, item)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER evaluation_generation_status AFTER UPDATE OF status ON evaluation BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
