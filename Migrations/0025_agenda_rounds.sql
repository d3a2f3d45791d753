-- An agenda item may take up a review round: the round's recusals then appear on that item of the
-- minutes (who did not take part, and why, anonymised when published).
ALTER TABLE meeting_agenda_item ADD COLUMN round_id INTEGER REFERENCES review_round(id);
