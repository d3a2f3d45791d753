-- Mail delivery over SMTP: the outbox keeps each message until the server accepted it, retrying
-- with growing waits while it is down; what cannot be delivered is marked failed (shown at
-- /admin/mail, sent again on request), never deleted.
ALTER TABLE outbox ADD COLUMN message_id TEXT;            -- kept so a retry carries the same Message-ID
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;       -- null: as soon as possible
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- How a person hears of notifications by mail: each at once, one digest a day, or not at all
-- (in the app only). Mail about the account itself (invitations, password resets) always goes.
ALTER TABLE user_account ADD COLUMN mail_preference TEXT NOT NULL DEFAULT 'immediate'
    CHECK (mail_preference IN ('immediate', 'digest', 'off'));

-- A notification is mailed (or passed over, by preference) once; set in the same transaction as
-- the outbox row. Notifications from before this migration count as handled.
ALTER TABLE notification ADD COLUMN detail TEXT NOT NULL DEFAULT '';   -- e.g. a return's reason, a deadline
ALTER TABLE notification ADD COLUMN mailed_at TEXT;
UPDATE notification SET mailed_at = created_at;
CREATE INDEX notification_unmailed ON notification (user_id) WHERE mailed_at IS NULL;

-- One digest per person per day (Japan time), whatever restarts happen.
CREATE TABLE mail_digest (
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
