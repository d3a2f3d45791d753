-- Documents appear on an organisation's public page, so their changes bump the same counter
-- the public page cache is checked against.
CREATE TRIGGER organisation_document_generation_insert AFTER INSERT ON organisation_document BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_document_generation_update AFTER UPDATE ON organisation_document BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
CREATE TRIGGER organisation_document_generation_delete AFTER DELETE ON organisation_document BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
