-- Council meetings and minutes (会議録). Minutes record the real speaker; what is published shows
-- 会長, 副会長, 事務局, 担当課 and 委員A, 委員B … — letters kept per meeting so a corrected
-- re-publication keeps them. The search index holds published, anonymised text only.
ALTER TABLE council_member ADD COLUMN name_kana TEXT NOT NULL DEFAULT '';

CREATE TABLE council_meeting (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),   -- 第N回
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT NOT NULL,
    is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
    closed_reason TEXT NOT NULL DEFAULT '',     -- required when closed (information-disclosure ordinance)
    observers TEXT NOT NULL DEFAULT '',         -- 傍聴: seats and how to apply
    others TEXT NOT NULL DEFAULT '',            -- office staff, departments and guests attending
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    sequence INTEGER NOT NULL DEFAULT 0,        -- iCalendar SEQUENCE, bumped on every change
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (fiscal_year, number),
    CHECK (ends_at > starts_at),
    CHECK (is_public = 1 OR length(closed_reason) > 0)
) STRICT;

CREATE TABLE meeting_agenda_item (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    present INTEGER NOT NULL CHECK (present IN (0, 1)),
    PRIMARY KEY (meeting_id, member_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE minutes (
    meeting_id INTEGER PRIMARY KEY REFERENCES council_meeting(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirming', 'approved', 'published')),
    revision INTEGER NOT NULL DEFAULT 0,
    published_at TEXT,
    -- What the public reads: agenda, summaries and statements with speaker labels, anonymised at
    -- publication (JSON). A correction in progress leaves the published text in place.
    published_snapshot TEXT,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE minutes_summary (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,                  -- the agenda item's position
    summary TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE minutes_statement (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    agenda_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    speaker_kind TEXT NOT NULL CHECK (speaker_kind IN ('member', 'chair', 'vice_chair', 'office', 'department', 'organisation')),
    member_id INTEGER REFERENCES council_member(id),
    speaker_name TEXT NOT NULL DEFAULT '',      -- a department's or organisation's name
    text TEXT NOT NULL,
    CHECK (speaker_kind <> 'member' OR member_id IS NOT NULL)
) STRICT;
CREATE INDEX minutes_statement_meeting ON minutes_statement (meeting_id, agenda_position, position);

-- 委員A, 委員B …: assigned in order of first statement at the first publication, kept afterwards.
CREATE TABLE minutes_pseudonym (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    letter TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id),
    UNIQUE (meeting_id, letter)
) STRICT, WITHOUT ROWID;

CREATE TABLE minutes_confirmation (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES council_member(id),
    comment TEXT NOT NULL DEFAULT '',
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
) STRICT, WITHOUT ROWID;

-- Published minutes as the public reads them (speaker labels, anonymised text): the only text searched.
CREATE VIRTUAL TABLE minutes_search USING fts5(meeting_id UNINDEXED, statement_id UNINDEXED, speaker UNINDEXED, text, tokenize = 'trigram');
