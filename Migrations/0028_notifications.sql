-- In-app notifications: created by workflow steps for the people a step concerns (the office when
-- something is submitted, the organisation when it is returned or decided, the departments and
-- council members when their part begins), read from the bell in the header.
CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                        -- message key of what happened
    title TEXT NOT NULL,                       -- the record's title
    href TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
) STRICT;
CREATE INDEX notification_user ON notification (user_id, read_at, id);
