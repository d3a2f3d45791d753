-- An organisation's public page lists its selected proposals, so a proposal changing state
-- makes the cached organisation pages stale.
CREATE TRIGGER proposal_generation_status AFTER UPDATE OF status ON proposal BEGIN
    UPDATE change_generation SET generation = generation + 1 WHERE name = 'organisation';
END;
