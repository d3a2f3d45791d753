-- revision: bumped on every save of a draft, so a save based on an older copy of the form is
-- refused (409) instead of silently overwriting someone else's edit.
-- resubmit_by: the date (YYYY-MM-DD, Tokyo) set when the office returns an application; until the
-- end of that day the organisation may resubmit even after the call's deadline.
ALTER TABLE grant_application ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE grant_application ADD COLUMN resubmit_by TEXT;
