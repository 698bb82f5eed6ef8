-- The account overview (issue 14 item 6, docs/architecture.md): a card's tickets are found by the card they were
-- delivered to (index ticket_card of V27, on card_uid and status) or the account that paid them. Portable SQL: H2
-- (PostgreSQL mode) and PostgreSQL.
CREATE INDEX ticket_account ON ticket(account_id);
