-- The facts each decision was made on (docs/analyst-guide.md, "What-if replay"): the rules' input as compact,
-- sanitized JSON, so the decision explorer can show them and a candidate rule set can be replayed over them.
-- rule_verdict is the rules' own verdict (verdict is what the flow did, e.g. PENDING_BANK for a payment);
-- card, reader and merchant are copied out of the facts for the explorer's filters.
-- Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE decision_record ADD COLUMN facts VARCHAR(20000);
ALTER TABLE decision_record ADD COLUMN rule_verdict VARCHAR(32);
ALTER TABLE decision_record ADD COLUMN card_uid VARCHAR(64);
ALTER TABLE decision_record ADD COLUMN reader_id VARCHAR(64);
ALTER TABLE decision_record ADD COLUMN merchant_id VARCHAR(64);
-- explorer lookups by card and by merchant, newest first (keyset on the time-ordered decision_id)
CREATE INDEX decision_record_card ON decision_record(card_uid, decision_id);
CREATE INDEX decision_record_merchant ON decision_record(merchant_id, decision_id);
