-- Reminders: one per deadline per person per step (a week before, the day before, overdue), so a
-- job that runs twice, or again after a restart, never sends the same reminder again.
CREATE TABLE reminder_sent (
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    item TEXT NOT NULL,                        -- what is due: its kind and page
    due_on TEXT NOT NULL,
    step TEXT NOT NULL CHECK (step IN ('week', 'day', 'overdue')),
    sent_at TEXT NOT NULL,
    PRIMARY KEY (user_id, item, due_on, step)
) STRICT, WITHOUT ROWID;
