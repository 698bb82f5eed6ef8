-- Issue 14 parts 4 and 5: online checkout for web shops (with signed webhooks) and utility bills.
-- Every table here is written by one class through the write path (docs/checkout.md, docs/bills.md).

-- A web shop's webhook: where its notifications go and its signing secret, sealed by the key vault (MerchantWebhooks).
CREATE TABLE checkout_merchant (
    merchant_id   VARCHAR(64)  PRIMARY KEY REFERENCES partner(partner_id),
    webhook_url   VARCHAR(512) NOT NULL,
    secret_sealed VARCHAR(200) NOT NULL,
    updated_at    TIMESTAMP    NOT NULL
);

-- A checkout payment and its amounts (CheckoutBook; the state that decides is held by the writer).
CREATE TABLE checkout_payment (
    checkout_id      VARCHAR(64)  PRIMARY KEY,
    merchant_id      VARCHAR(64)  NOT NULL,
    order_id         VARCHAR(64)  NOT NULL,
    user_id          VARCHAR(64)  NOT NULL,
    card_uid         VARCHAR(32)  NOT NULL,
    account_id       VARCHAR(64)  NOT NULL,
    currency         CHAR(3)      NOT NULL,
    amount_minor     BIGINT       NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    authorized_minor BIGINT       NOT NULL,
    captured_minor   BIGINT       NOT NULL,
    refunded_minor   BIGINT       NOT NULL,
    released_minor   BIGINT       NOT NULL,
    basket           VARCHAR(8000) NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    expires_at       TIMESTAMP    NOT NULL,
    updated_at       TIMESTAMP    NOT NULL,
    CONSTRAINT checkout_order UNIQUE (merchant_id, order_id)
);
CREATE INDEX checkout_payment_user ON checkout_payment(user_id, created_at);

-- The first outcome of every merchant call per Idempotency-Key: a replay gets the same status and body (CheckoutBook).
CREATE TABLE checkout_idempotency (
    merchant_id  VARCHAR(64)  NOT NULL,
    idem_key     VARCHAR(64)  NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    status_code  INT          NOT NULL,
    body         VARCHAR(8000) NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (merchant_id, idem_key)
);

-- The webhook outbox: written with the change it reports, delivered by WebhookSender, retried, then dead-lettered (WebhookOutbox).
CREATE TABLE webhook_delivery (
    delivery_id     VARCHAR(64)  PRIMARY KEY,
    merchant_id     VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    body            VARCHAR(8000) NOT NULL,
    status          VARCHAR(16)  NOT NULL,           -- PENDING, DELIVERED, DEAD
    attempts        INT          NOT NULL,
    next_attempt_at TIMESTAMP    NOT NULL,
    last_error      VARCHAR(256),
    created_at      TIMESTAMP    NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery(status, next_attempt_at);

CREATE TABLE webhook_dead_letter (
    delivery_id VARCHAR(64)  PRIMARY KEY,
    merchant_id VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(64)  NOT NULL,
    body        VARCHAR(8000) NOT NULL,
    attempts    INT          NOT NULL,
    last_error  VARCHAR(256),
    created_at  TIMESTAMP    NOT NULL
);

-- Authorised checkout money waits here between the person's confirmation and the merchant's capture or release.
INSERT INTO account(account_id, owner_type, owner_id, kind, currency, created_at)
VALUES ('P-CHECKOUT-HOLD-CNY', 'PLATFORM', 'tapbus', 'CHECKOUT_HOLD', 'CNY', CURRENT_TIMESTAMP);

-- Utility billers (partners) and the bills paid to them (BillPayments; one payment per bill).
CREATE TABLE biller (
    biller_id   VARCHAR(64)  PRIMARY KEY REFERENCES partner(partner_id),
    category    VARCHAR(16)  NOT NULL,               -- ELECTRICITY, WATER, GAS, TELECOM
    inquiry_url VARCHAR(512) NOT NULL,
    updated_at  TIMESTAMP    NOT NULL
);

CREATE TABLE bill_payment (
    bill_payment_id VARCHAR(64)  PRIMARY KEY,
    biller_id       VARCHAR(64)  NOT NULL,
    bill_ref        VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    account_id      VARCHAR(64)  NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    txn_id          VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    CONSTRAINT bill_paid_once UNIQUE (biller_id, bill_ref)
);
