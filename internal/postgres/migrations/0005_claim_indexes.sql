-- The claims-by-event index only holds assigned claims, so that the pending
-- claims query uses claims_pending (already in id order) instead of reading
-- every unassigned claim through claims_event and sorting them.
DROP INDEX claims_event;
CREATE INDEX claims_event ON claims(event_id) WHERE event_id IS NOT NULL;
