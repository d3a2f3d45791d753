-- お知らせ: short announcements from the collaboration office, shown on the home page.
-- Japanese text is required; English is optional and falls back to Japanese.
CREATE TABLE notice (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body TEXT NOT NULL DEFAULT '',
    title_en TEXT,
    body_en TEXT,
    published_at TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX notice_published_at ON notice (published_at DESC);
