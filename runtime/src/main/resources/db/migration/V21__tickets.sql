-- E-tickets (issue 14 part 3, docs/tickets.md): tickets sold by ticket sellers, validated at gates by tap, offline
-- gates' uploads, refunds of unused tickets.

-- One issued ticket and the state that decides at a gate (status, uses left, last use): written only by
-- io.tapbus.runtime.tickets.TicketBook (held by the write path's single writer).
CREATE TABLE ticket (
    ticket_id        VARCHAR(40)  PRIMARY KEY,
    seller_id        VARCHAR(64)  NOT NULL REFERENCES partner(partner_id),
    idempotency_key  VARCHAR(64)  NOT NULL,
    kind             VARCHAR(8)   NOT NULL,        -- EVENT, RIDE, PASS
    product          VARCHAR(40)  NOT NULL,
    zones            VARCHAR(40)  NOT NULL,        -- comma separated, * for every zone
    valid_from       TIMESTAMP    NOT NULL,
    valid_until      TIMESTAMP    NOT NULL,
    uses             INT          NOT NULL,        -- as issued; 0 = no limit (a pass)
    uses_left        INT          NOT NULL,        -- -1 = no limit
    status           VARCHAR(16)  NOT NULL,        -- ISSUED, REFUNDED, REVOKED
    price_minor      BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    account_id       VARCHAR(64),                  -- the stored-value account that paid (null when free)
    card_uid         VARCHAR(32),                  -- delivered to this universal card (else to the phone only)
    key_id           VARCHAR(40)  NOT NULL,
    payload          VARCHAR(400) NOT NULL,        -- the signed ticket bytes, base64url
    txn_id           VARCHAR(64),
    refund_txn_id    VARCHAR(64),
    last_line        VARCHAR(64),
    last_used_at     TIMESTAMP,
    created_at       TIMESTAMP    NOT NULL,
    updated_at       TIMESTAMP    NOT NULL,
    CONSTRAINT ticket_seller_key UNIQUE (seller_id, idempotency_key)
);

-- Every validation a gate asked for (online) or uploaded (offline), once per gate and validation id: written only by
-- io.tapbus.runtime.tickets.TicketValidations.
CREATE TABLE ticket_validation (
    reader_id        VARCHAR(64)  NOT NULL,
    validation_id    VARCHAR(64)  NOT NULL,
    ticket_id        VARCHAR(40)  NOT NULL,
    gate_line        VARCHAR(64)  NOT NULL,
    zone             VARCHAR(64)  NOT NULL,
    validated_at     TIMESTAMP    NOT NULL,        -- the gate's clock
    offline          BOOLEAN      NOT NULL,
    outcome          VARCHAR(16)  NOT NULL,        -- OPEN, REFUSED, COUNTED, DOUBLE_USE
    reasons          VARCHAR(400) NOT NULL,        -- comma separated reason codes
    uses_left        INT,
    decision_id      VARCHAR(64),
    recorded_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (reader_id, validation_id)
);
CREATE INDEX ticket_validation_ticket ON ticket_validation(ticket_id, validated_at);
