-- Carrier billing (CAMARA Carrier Billing CheckOut): phone payments charged to the paying line's phone bill.
-- The operator's own id of the payment (prepare's paymentId), known once the operator has answered; recovery reads the
-- payment back by it. A carrier-billed payment's idempotency towards the operator is its payment_id (clientCorrelator).
ALTER TABLE payment ADD COLUMN carrier_payment_id VARCHAR(128);

-- Carrier-billed payments settle with the operator: what the operator collects on the phone bill and owes the platform.
INSERT INTO account(account_id, owner_type, owner_id, kind, currency, created_at)
VALUES ('P-CARRIER-RECEIVABLE-CNY', 'PLATFORM', 'tapbus', 'CARRIER_RECEIVABLE', 'CNY', CURRENT_TIMESTAMP);
