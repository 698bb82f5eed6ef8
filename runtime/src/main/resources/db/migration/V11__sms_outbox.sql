-- The durable SMS outbox (issue 13): a message to a phone and its parts (one submit_sm each), written only by
-- io.tapbus.runtime.phone.SmsOutbox inside write-path units. A part is recorded SUBMITTING before its submit_sm
-- goes on the wire, so that a crash can never make it go twice (docs/phone-channel.md "What the outbox guarantees").
CREATE TABLE sms_message (
    message_id   VARCHAR(40)   PRIMARY KEY,
    msisdn       VARCHAR(20)   NOT NULL,
    text         VARCHAR(4000) NOT NULL,          -- content: stored for sending, never logged nor shown by the API
    correlation  VARCHAR(128),                    -- what it is about: stepup:<payment>, reply:<incoming id>, ...
    state        VARCHAR(24)   NOT NULL,
    concat_ref   INT           NOT NULL,          -- the 8-bit concatenation reference shared by its parts
    part_count   INT           NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    valid_until  TIMESTAMP     NOT NULL,          -- no final receipt by then: EXPIRED_NO_RECEIPT
    updated_at   TIMESTAMP     NOT NULL
);
CREATE INDEX sms_message_correlation ON sms_message(correlation);
CREATE INDEX sms_message_state ON sms_message(state, valid_until);

CREATE TABLE sms_part (
    message_id       VARCHAR(40) NOT NULL REFERENCES sms_message(message_id),
    part_no          INT         NOT NULL,
    state            VARCHAR(24) NOT NULL,
    user_ref         INT         NOT NULL,        -- our user_message_reference TLV (0x0204) in its submit_sm
    smsc             VARCHAR(32),                 -- which SMSC took it (or was sent it)
    smsc_message_id  VARCHAR(65),                 -- the id in submit_sm_resp, which receipts name
    attempts         INT         NOT NULL DEFAULT 0,
    command_status   INT,                         -- the SMSC's refusal, when refused
    error            VARCHAR(16),                 -- the receipt's err:
    next_attempt_at  TIMESTAMP   NOT NULL,
    updated_at       TIMESTAMP   NOT NULL,
    PRIMARY KEY (message_id, part_no)
);
CREATE INDEX sms_part_smsc_id ON sms_part(smsc, smsc_message_id);
CREATE INDEX sms_part_state ON sms_part(state, next_attempt_at);
CREATE INDEX sms_part_user_ref ON sms_part(user_ref);
