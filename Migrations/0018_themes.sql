-- Themes (行政提示テーマ): a department's "this is a local issue we want a partner for". Drafted by
-- the department, published by the office into the public list of collaborable work
-- (協働できる事業リスト); a theme may belong to a proposal call or stand alone. Closed themes stay
-- readable.
CREATE TABLE theme (
    id INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES department(id),
    call_id INTEGER REFERENCES call(id),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    local_issue TEXT NOT NULL DEFAULT '',        -- 地域課題
    wanted TEXT NOT NULL DEFAULT '',             -- what the department wants from a partner
    expected_outcome TEXT NOT NULL DEFAULT '',
    budget_frame INTEGER CHECK (budget_frame BETWEEN 0 AND 1000000000000),   -- yen
    period_from TEXT,                            -- YYYY-MM-DD
    period_to TEXT,
    contact TEXT NOT NULL DEFAULT '',
    district_code TEXT REFERENCES district(code),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT,
    CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
) STRICT;
CREATE INDEX theme_status ON theme (status, fiscal_year);
CREATE INDEX theme_department ON theme (department_id);

-- The activity fields a theme works in: what matches it with organisations.
CREATE TABLE theme_field (
    theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
    field_code INTEGER NOT NULL REFERENCES activity_field(code),
    PRIMARY KEY (theme_id, field_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX theme_field_code ON theme_field (field_code, theme_id);

-- An organisation's public page lists the open themes in its fields, so a theme change makes the
-- cached organisation pages stale.
CREATE TRIGGER theme_generation_insert AFTER INSERT ON theme BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER theme_generation_update AFTER UPDATE ON theme BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER theme_field_generation_insert AFTER INSERT ON theme_field BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER theme_field_generation_delete AFTER DELETE ON theme_field BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
