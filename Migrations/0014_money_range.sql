-- Money is whole yen from 0 to 1,000,000,000,000 (the app's Yen type). SQLite cannot add a CHECK to an
-- existing column, so each amount column gets triggers that refuse a value outside the range. NULL
-- (no amount yet) passes: NULL NOT BETWEEN … is NULL, and WHEN treats it as false.

CREATE TRIGGER call_money_insert BEFORE INSERT ON call
WHEN NEW.budget_ceiling NOT BETWEEN 0 AND 1000000000000
   OR NEW.max_amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in call'); END;

CREATE TRIGGER call_money_update BEFORE UPDATE ON call
WHEN NEW.budget_ceiling NOT BETWEEN 0 AND 1000000000000
   OR NEW.max_amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in call'); END;

CREATE TRIGGER grant_application_money_insert BEFORE INSERT ON grant_application
WHEN NEW.requested_amount NOT BETWEEN 0 AND 1000000000000
   OR NEW.granted_amount NOT BETWEEN 0 AND 1000000000000
   OR NEW.settled_amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_application'); END;

CREATE TRIGGER grant_application_money_update BEFORE UPDATE ON grant_application
WHEN NEW.requested_amount NOT BETWEEN 0 AND 1000000000000
   OR NEW.granted_amount NOT BETWEEN 0 AND 1000000000000
   OR NEW.settled_amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_application'); END;

CREATE TRIGGER grant_budget_line_money_insert BEFORE INSERT ON grant_budget_line
WHEN NEW.amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_budget_line'); END;

CREATE TRIGGER grant_budget_line_money_update BEFORE UPDATE ON grant_budget_line
WHEN NEW.amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_budget_line'); END;

CREATE TRIGGER grant_actual_line_money_insert BEFORE INSERT ON grant_actual_line
WHEN NEW.amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_actual_line'); END;

CREATE TRIGGER grant_actual_line_money_update BEFORE UPDATE ON grant_actual_line
WHEN NEW.amount NOT BETWEEN 0 AND 1000000000000
BEGIN SELECT RAISE(ABORT, 'money out of range in grant_actual_line'); END;
