-- 交付決定 / 不交付: the granted amount and its conditions, recorded with the decision.
ALTER TABLE grant_application ADD COLUMN granted_amount INTEGER CHECK (granted_amount >= 0);
ALTER TABLE grant_application ADD COLUMN conditions TEXT NOT NULL DEFAULT '';
