-- A new e-mail address takes effect only when its owner opens the link sent to it: a session
-- left open, or a password seen over a shoulder, cannot move the account's resets elsewhere.
CREATE TABLE email_change (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX email_change_user ON email_change (user_id);
