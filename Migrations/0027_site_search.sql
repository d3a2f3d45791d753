-- One search over everything public (/search): organisations, calls, themes, selected proposals,
-- agreements in force, published evaluations and published minutes. Each kind has a view of what
-- is public of it (never a private field, a draft or a member's name — minutes are indexed as
-- published, anonymised); triggers on the source tables refresh a record's row whenever it
-- changes. The row id is kind × 10^12 + the record's id, so a refresh is a keyed delete.
CREATE VIRTUAL TABLE site_search USING fts5(kind UNINDEXED, record_id UNINDEXED, title, body, reading, fiscal_year UNINDEXED,
    url UNINDEXED, tokenize = 'trigram');

CREATE VIEW site_search_organisation AS
    SELECT o.id AS record_id, o.name AS title,
        trim(CASE WHEN instr(o.public_fields, ',summary,') > 0 THEN o.summary ELSE '' END || ' ' ||
             CASE WHEN instr(o.public_fields, ',track_record,') > 0 THEN o.track_record ELSE '' END) AS body,
        o.name_kana AS reading, NULL AS fiscal_year, '/organisations/' || o.id AS url
    FROM organisation o WHERE o.status IN ('active', 'inactive');
CREATE TRIGGER site_search_organisation_insert AFTER INSERT ON organisation BEGIN
    DELETE FROM site_search WHERE rowid = 1 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 1 * 1000000000000 + record_id, 'organisation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_organisation WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_organisation_update AFTER UPDATE ON organisation BEGIN
    DELETE FROM site_search WHERE rowid = 1 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 1 * 1000000000000 + record_id, 'organisation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_organisation WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_organisation_delete AFTER DELETE ON organisation BEGIN
    DELETE FROM site_search WHERE rowid = 1 * 1000000000000 + old.id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 1 * 1000000000000 + record_id, 'organisation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_organisation;
CREATE VIEW site_search_call AS
    SELECT c.id AS record_id, c.title, c.description AS body, '' AS reading, c.fiscal_year, '/calls/' || c.id AS url
    FROM call c WHERE c.status <> 'draft';
CREATE TRIGGER site_search_call_insert AFTER INSERT ON call BEGIN
    DELETE FROM site_search WHERE rowid = 2 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 2 * 1000000000000 + record_id, 'call', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_call WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_call_update AFTER UPDATE ON call BEGIN
    DELETE FROM site_search WHERE rowid = 2 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 2 * 1000000000000 + record_id, 'call', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_call WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_call_delete AFTER DELETE ON call BEGIN
    DELETE FROM site_search WHERE rowid = 2 * 1000000000000 + old.id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 2 * 1000000000000 + record_id, 'call', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_call;
CREATE VIEW site_search_theme AS
    SELECT t.id AS record_id, t.title, trim(t.local_issue || ' ' || t.wanted || ' ' || t.expected_outcome) AS body, d.name AS reading,
        t.fiscal_year, '/themes/' || t.id AS url
    FROM theme t JOIN department d ON d.id = t.department_id WHERE t.status <> 'draft';
CREATE TRIGGER site_search_theme_insert AFTER INSERT ON theme BEGIN
    DELETE FROM site_search WHERE rowid = 3 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 3 * 1000000000000 + record_id, 'theme', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_theme WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_theme_update AFTER UPDATE ON theme BEGIN
    DELETE FROM site_search WHERE rowid = 3 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 3 * 1000000000000 + record_id, 'theme', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_theme WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_theme_delete AFTER DELETE ON theme BEGIN
    DELETE FROM site_search WHERE rowid = 3 * 1000000000000 + old.id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 3 * 1000000000000 + record_id, 'theme', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_theme;
CREATE VIEW site_search_proposal AS
    SELECT p.id AS record_id, p.title, o.name AS body, o.name_kana AS reading, c.fiscal_year, '/proposals/' || p.id AS url
    FROM proposal p JOIN organisation o ON o.id = p.organisation_id JOIN call c ON c.id = p.call_id
    WHERE p.status IN ('selected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed');
CREATE TRIGGER site_search_proposal_insert AFTER INSERT ON proposal BEGIN
    DELETE FROM site_search WHERE rowid = 4 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 4 * 1000000000000 + record_id, 'proposal', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_proposal WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_proposal_update AFTER UPDATE ON proposal BEGIN
    DELETE FROM site_search WHERE rowid = 4 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 4 * 1000000000000 + record_id, 'proposal', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_proposal WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_proposal_delete AFTER DELETE ON proposal BEGIN
    DELETE FROM site_search WHERE rowid = 4 * 1000000000000 + old.id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 4 * 1000000000000 + record_id, 'proposal', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_proposal;
CREATE VIEW site_search_agreement AS
    SELECT a.id AS record_id, a.title, trim(o.name || ' ' || a.purpose || ' ' || a.content) AS body, o.name_kana AS reading,
        CAST(substr(a.period_from, 1, 4) AS INTEGER) - (CASE WHEN substr(a.period_from, 6, 2) < '04' THEN 1 ELSE 0 END) AS fiscal_year,
        '/agreements/' || a.id AS url
    FROM agreement a JOIN organisation o ON o.id = a.organisation_id WHERE a.status IN ('in_force', 'completed');
CREATE TRIGGER site_search_agreement_insert AFTER INSERT ON agreement BEGIN
    DELETE FROM site_search WHERE rowid = 5 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 5 * 1000000000000 + record_id, 'agreement', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_agreement WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_agreement_update AFTER UPDATE ON agreement BEGIN
    DELETE FROM site_search WHERE rowid = 5 * 1000000000000 + new.id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 5 * 1000000000000 + record_id, 'agreement', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_agreement WHERE record_id = new.id;
END;
CREATE TRIGGER site_search_agreement_delete AFTER DELETE ON agreement BEGIN
    DELETE FROM site_search WHERE rowid = 5 * 1000000000000 + old.id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 5 * 1000000000000 + record_id, 'agreement', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_agreement;
CREATE VIEW site_search_evaluation AS
    SELECT e.agreement_id AS record_id, a.title, e.remarks AS body, '' AS reading, NULL AS fiscal_year,
        '/agreements/' || e.agreement_id || '/evaluation' AS url
    FROM evaluation e JOIN agreement a ON a.id = e.agreement_id WHERE e.status = 'published' AND e.stage = 'final';
CREATE TRIGGER site_search_evaluation_insert AFTER INSERT ON evaluation BEGIN
    DELETE FROM site_search WHERE rowid = 6 * 1000000000000 + new.agreement_id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 6 * 1000000000000 + record_id, 'evaluation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_evaluation WHERE record_id = new.agreement_id;
END;
CREATE TRIGGER site_search_evaluation_update AFTER UPDATE ON evaluation BEGIN
    DELETE FROM site_search WHERE rowid = 6 * 1000000000000 + new.agreement_id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 6 * 1000000000000 + record_id, 'evaluation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_evaluation WHERE record_id = new.agreement_id;
END;
CREATE TRIGGER site_search_evaluation_delete AFTER DELETE ON evaluation BEGIN
    DELETE FROM site_search WHERE rowid = 6 * 1000000000000 + old.agreement_id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 6 * 1000000000000 + record_id, 'evaluation', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_evaluation;
CREATE VIEW site_search_minutes AS
    SELECT n.meeting_id AS record_id, m.fiscal_year || '年度 第' || m.number || '回 会議録' AS title,
        (SELECT group_concat(json_extract(s.value, '$.speaker') || ' ' || json_extract(s.value, '$.text'), ' ')
         FROM json_each(n.published_snapshot, '$.items') i, json_each(i.value, '$.statements') s) AS body,
        '' AS reading, m.fiscal_year, '/minutes/' || n.meeting_id AS url
    FROM minutes n JOIN council_meeting m ON m.id = n.meeting_id WHERE n.published_snapshot IS NOT NULL;
CREATE TRIGGER site_search_minutes_insert AFTER INSERT ON minutes BEGIN
    DELETE FROM site_search WHERE rowid = 7 * 1000000000000 + new.meeting_id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 7 * 1000000000000 + record_id, 'minutes', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_minutes WHERE record_id = new.meeting_id;
END;
CREATE TRIGGER site_search_minutes_update AFTER UPDATE ON minutes BEGIN
    DELETE FROM site_search WHERE rowid = 7 * 1000000000000 + new.meeting_id;
    INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
        SELECT 7 * 1000000000000 + record_id, 'minutes', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
        FROM site_search_minutes WHERE record_id = new.meeting_id;
END;
CREATE TRIGGER site_search_minutes_delete AFTER DELETE ON minutes BEGIN
    DELETE FROM site_search WHERE rowid = 7 * 1000000000000 + old.meeting_id;
END;
INSERT INTO site_search (rowid, kind, record_id, title, body, reading, fiscal_year, url)
    SELECT 7 * 1000000000000 + record_id, 'minutes', record_id, title, coalesce(body, ''), coalesce(reading, ''), fiscal_year, url
    FROM site_search_minutes;
-- A renamed organisation or department changes the rows that show its name.
CREATE TRIGGER site_search_organisation_names AFTER UPDATE OF name, name_kana ON organisation BEGIN
    UPDATE proposal SET updated_at = updated_at WHERE organisation_id = new.id;
    UPDATE agreement SET updated_at = updated_at WHERE organisation_id = new.id;
END;
CREATE TRIGGER site_search_department_names AFTER UPDATE OF name ON department BEGIN
    UPDATE theme SET updated_at = updated_at WHERE department_id = new.id;
END;
-- A meeting's number or year is in its minutes' title.
CREATE TRIGGER site_search_meeting_title AFTER UPDATE OF fiscal_year, number ON council_meeting BEGIN
    UPDATE minutes SET updated_at = updated_at WHERE meeting_id = new.id;
END;
