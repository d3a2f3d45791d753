-- Organisations (団体): the record applications, proposals and agreements hang on.

-- The 20 activity fields of the NPO law (特定非営利活動促進法 別表), as the city's forms list them.
CREATE TABLE activity_field (
    code INTEGER PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL
) STRICT;
INSERT INTO activity_field (code, name_ja, name_en) VALUES
 (1, '保健・医療・福祉', 'Health, medical care and welfare'),
 (2, '社会教育', 'Social education'),
 (3, 'まちづくり', 'Community development'),
 (4, '観光の振興', 'Tourism'),
 (5, '農山漁村・中山間地域の振興', 'Rural and mountain communities'),
 (6, '学術・文化・芸術・スポーツ', 'Science, culture, arts and sports'),
 (7, '環境の保全', 'Environmental conservation'),
 (8, '災害救援', 'Disaster relief'),
 (9, '地域安全', 'Community safety'),
 (10, '人権の擁護・平和の推進', 'Human rights and peace'),
 (11, '国際協力', 'International cooperation'),
 (12, '男女共同参画社会の形成', 'Gender equality'),
 (13, '子どもの健全育成', 'Healthy development of children'),
 (14, '情報化社会の発展', 'Information society'),
 (15, '科学技術の振興', 'Science and technology'),
 (16, '経済活動の活性化', 'Economic revitalisation'),
 (17, '職業能力の開発・雇用機会の拡充', 'Job skills and employment'),
 (18, '消費者の保護', 'Consumer protection'),
 (19, '団体の運営・活動への支援', 'Support for other organisations'),
 (20, '条例で定める活動', 'Activities set by ordinance');

-- The city's districts (地区), used for the directory filter and statistics.
CREATE TABLE district (
    code TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) STRICT;
INSERT INTO district (code, name_ja, name_en, sort_order) VALUES
 ('chuo', '中央地区', 'Chuo', 1), ('kita', '北部地区', 'Hokubu (north)', 2), ('minami', '南部地区', 'Nanbu (south)', 3),
 ('higashi', '東部地区', 'Tobu (east)', 4), ('nishi', '西部地区', 'Seibu (west)', 5), ('aobadai', '青葉台地区', 'Aobadai', 6),
 ('midorigaoka', '緑が丘地区', 'Midorigaoka', 7), ('outside', '市外', 'Outside the city', 8);

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_kana TEXT NOT NULL CHECK (length(name_kana) BETWEEN 1 AND 200),
    kind TEXT NOT NULL CHECK (kind IN ('npo', 'voluntary', 'volunteer', 'neighbourhood', 'public_interest', 'company', 'university', 'other')),
    representative_name TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    district_code TEXT REFERENCES district(code),
    founded_on TEXT,                          -- YYYY-MM-DD, a calendar date
    member_count INTEGER CHECK (member_count >= 0),
    annual_budget INTEGER CHECK (annual_budget >= 0),   -- yen
    summary TEXT NOT NULL DEFAULT '',
    track_record TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    -- Fields shown to the public, as ",name,summary,": contact details are private unless opted in.
    public_fields TEXT NOT NULL DEFAULT ',representative_name,district,founded_on,member_count,annual_budget,summary,track_record,website,',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'returned', 'active', 'inactive')),
    return_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    verified_at TEXT
) STRICT;
CREATE INDEX organisation_status_kana ON organisation (status, name_kana, id);
CREATE INDEX organisation_status_created ON organisation (status, created_at, id);

CREATE TABLE organisation_activity_field (
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    field_code INTEGER NOT NULL REFERENCES activity_field(code),
    PRIMARY KEY (organisation_id, field_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_activity_field_code ON organisation_activity_field (field_code, organisation_id);

CREATE TABLE organisation_member (
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('representative', 'editor')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_member_user ON organisation_member (user_id);
-- One representative per organisation.
CREATE UNIQUE INDEX organisation_one_representative ON organisation_member (organisation_id) WHERE role = 'representative';

CREATE TABLE organisation_document (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('articles', 'activity_report', 'financial_statement')),
    fiscal_year INTEGER,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,                     -- the file is stored under the data directory by this hash
    is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
    uploaded_by INTEGER REFERENCES user_account(id),
    uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX organisation_document_org ON organisation_document (organisation_id, kind, fiscal_year);

-- Which organisation a member is acting for in this session.
ALTER TABLE session ADD COLUMN current_organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL;

-- Full-text search over public text only (trigram: Japanese has no spaces between words).
-- A private summary must not make an organisation findable, so private fields index as ''.
CREATE VIRTUAL TABLE organisation_search USING fts5(name, name_kana, summary, track_record, tokenize = 'trigram');

CREATE TRIGGER organisation_search_insert AFTER INSERT ON organisation BEGIN
    INSERT INTO organisation_search (rowid, name, name_kana, summary, track_record) VALUES (
        new.id, new.name, new.name_kana,
        CASE WHEN instr(new.public_fields, ',summary,') > 0 THEN new.summary ELSE '' END,
        CASE WHEN instr(new.public_fields, ',track_record,') > 0 THEN new.track_record ELSE '' END);
END;

CREATE TRIGGER organisation_search_update AFTER UPDATE OF name, name_kana, summary, track_record, public_fields ON organisation BEGIN
    DELETE FROM organisation_search WHERE rowid = old.id;
    INSERT INTO organisation_search (rowid, name, name_kana, summary, track_record) VALUES (
        new.id, new.name, new.name_kana,
        CASE WHEN instr(new.public_fields, ',summary,') > 0 THEN new.summary ELSE '' END,
        CASE WHEN instr(new.public_fields, ',track_record,') > 0 THEN new.track_record ELSE '' END);
END;

CREATE TRIGGER organisation_search_delete AFTER DELETE ON organisation BEGIN
    DELETE FROM organisation_search WHERE rowid = old.id;
END;
