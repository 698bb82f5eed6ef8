-- The decision explorer filters by reader (GET /api/decisions?reader=, the analyst's page): reader lookups, newest
-- first, like the card and merchant indexes of V29 (keyset on the time-ordered decision_id).
-- Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.
CREATE INDEX decision_record_reader ON decision_record(reader_id, decision_id);
