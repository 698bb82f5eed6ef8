-- The platform itself as a party: owner of the administrators' credentials and of the float account
-- that stored-value top-ups are drawn from (its balance goes negative as value is issued).
INSERT INTO partner(partner_id, name, kind, status, created_at)
VALUES ('tapbus', 'TapBus platform', 'PLATFORM', 'ACTIVE', CURRENT_TIMESTAMP);

INSERT INTO account(account_id, owner_type, owner_id, kind, currency, status, balance_minor, created_at)
VALUES ('P-FLOAT-CNY', 'PLATFORM', 'tapbus', 'PLATFORM_FLOAT', 'CNY', 'OPEN', 0, CURRENT_TIMESTAMP);
