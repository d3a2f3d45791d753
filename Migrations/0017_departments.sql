-- Departments (担当課) as records: the partner side of themes, proposals and agreements. Department
-- staff accounts belong to one department; the free-text name they carried becomes a reference.
CREATE TABLE department (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    section TEXT NOT NULL DEFAULT '' CHECK (length(section) <= 100),   -- 係・担当
    contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 300),   -- phone, mail, room
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

INSERT INTO department (name, created_at, updated_at)
SELECT DISTINCT trim(department), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM user_account WHERE department IS NOT NULL AND trim(department) <> '';

ALTER TABLE user_account ADD COLUMN department_id INTEGER REFERENCES department(id);
UPDATE user_account SET department_id = (SELECT id FROM department d WHERE d.name = trim(user_account.department))
WHERE department IS NOT NULL;
ALTER TABLE user_account DROP COLUMN department;
CREATE INDEX user_account_department ON user_account (department_id) WHERE department_id IS NOT NULL;
