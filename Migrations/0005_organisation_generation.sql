-- A counter bumped by every change to organisations, so the directory can cache its counts
-- and know exactly when they are stale (counting 9,000 rows on every page view is the cost).
CREATE TABLE change_generation (
    name TEXT PRIMARY KEY,
    generation INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_generation (name, generation) VALUES ('organisation', 0);

CREATE TRIGGER organisation_generation_insert AFTER INSERT ON organisation BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_generation_update AFTER UPDATE ON organisation BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_generation_delete AFTER DELETE ON organisation BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_field_generation_insert AFTER INSERT ON organisation_activity_field BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_field_generation_delete AFTER DELETE ON organisation_activity_field BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
