-- Payments (issue #4): cards' payment applications, payments with their state, and merchants' categories.
-- Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.

-- The payment application of a universal card. The PAN itself is never stored: pan_token is an HMAC of it under
-- a key derived from the key-encryption key, so a tapped PAN finds its card without the table holding PANs.
CREATE TABLE payment_card (
    pan_token        VARCHAR(64)  PRIMARY KEY,
    pan_masked       VARCHAR(19)  NOT NULL,          -- first 6 and last 4 digits
    psn              VARCHAR(2)   NOT NULL,          -- PAN sequence number
    card_uid         VARCHAR(32)  NOT NULL REFERENCES card(card_uid),
    funding          VARCHAR(16)  NOT NULL,          -- STORED_VALUE (settled on the platform) or BANK
    issuer_key_label VARCHAR(64)  NOT NULL,          -- which issuer master key (IMK-AC) checks its cryptograms
    last_atc         INTEGER      NOT NULL DEFAULT -1,  -- highest application transaction counter accepted
    created_at       TIMESTAMP    NOT NULL
);
CREATE INDEX payment_card_card ON payment_card(card_uid);

-- One payment request and what became of it. idempotency_key: reader:<id>:<correlationId> for readers,
-- phone:<partner>:<key> for the phone API; a repeat gets the recorded answer and posts nothing again.
CREATE TABLE payment (
    payment_id         VARCHAR(64)   PRIMARY KEY,
    idempotency_key    VARCHAR(200)  NOT NULL UNIQUE,
    channel            VARCHAR(8)    NOT NULL,       -- READER, POS, PHONE
    merchant_id        VARCHAR(64)   NOT NULL,
    reader_id          VARCHAR(64),
    pan_token          VARCHAR(64),
    card_uid           VARCHAR(32),
    atc                INTEGER,
    arqc               VARCHAR(16),
    amount_minor       BIGINT        NOT NULL,       -- the amount asked (what the card MACed)
    discount_minor     BIGINT        NOT NULL DEFAULT 0,  -- loyalty discount the rules gave; charged = amount - discount
    currency           CHAR(3)       NOT NULL,
    funding            VARCHAR(16),
    status             VARCHAR(16)   NOT NULL,       -- STEP_UP, PENDING_BANK, APPROVED, DECLINED, REVERSED, EXPIRED
    reasons            VARCHAR(2000) NOT NULL,       -- JSON array of {code, message}
    decision_id        VARCHAR(64),
    txn_id             VARCHAR(64),
    csu                VARCHAR(8),
    arpc               VARCHAR(8),
    bank_response_code VARCHAR(4),
    step_up_expires_at TIMESTAMP,
    pan_sealed         VARCHAR(200),                 -- the PAN sealed under the KEK while a step-up or bank call is open
    icc_data           VARCHAR(256),                 -- hex: what the card MACed, for the bank (field 55)
    created_at         TIMESTAMP     NOT NULL,
    updated_at         TIMESTAMP     NOT NULL
);
CREATE INDEX payment_card_time ON payment(card_uid, created_at);
CREATE INDEX payment_merchant_time ON payment(merchant_id, created_at);
CREATE INDEX payment_status ON payment(status, updated_at);

ALTER TABLE partner ADD COLUMN merchant_category VARCHAR(4);

-- Card payments authorised by the bank settle with it: the platform's clearing account with the bank.
INSERT INTO account(account_id, owner_type, owner_id, kind, currency, created_at)
VALUES ('P-BANK-CLEARING-CNY', 'PLATFORM', 'tapbus', 'BANK_CLEARING', 'CNY', CURRENT_TIMESTAMP);
