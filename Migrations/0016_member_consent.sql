-- An existing account added to an organisation becomes a member only when its owner accepts:
-- until then the row is an invitation (accepted = 0), the organisation sees the name it typed
-- (invited_name), never the account's own name, and the person gains no access.
ALTER TABLE organisation_member ADD COLUMN accepted INTEGER NOT NULL DEFAULT 1 CHECK (accepted IN (0, 1));
ALTER TABLE organisation_member ADD COLUMN invited_name TEXT NOT NULL DEFAULT '';
