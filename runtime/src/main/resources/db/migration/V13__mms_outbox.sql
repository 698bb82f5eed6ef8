-- The durable MMS outbox (issue 13 item 4): e-tickets and coupons sent to a phone through an MMSC over MM7, written
-- only by io.tapbus.runtime.mms.MmsOutbox inside write-path units. A message is recorded SUBMITTING before its
-- SubmitReq goes to the MMSC, so that a crash never sends it twice blindly (docs/phone-channel.md "MMS (MM7)").
CREATE TABLE mms_message (
    message_id       VARCHAR(40)   PRIMARY KEY,
    transaction_id   VARCHAR(48)   NOT NULL,      -- the MM7 TransactionID: tb-<message_id>, the same on every attempt
    kind             VARCHAR(16)   NOT NULL,      -- TICKET or COUPON
    msisdn           VARCHAR(20)   NOT NULL,
    subject          VARCHAR(200),                -- content: stored for sending, never logged nor shown by the API
    text             VARCHAR(2000) NOT NULL,      -- content, as above
    qr_payload       VARCHAR(2000) NOT NULL,      -- what the QR code holds (the PNG is drawn again at send time)
    correlation      VARCHAR(128),
    state            VARCHAR(24)   NOT NULL,
    mmsc             VARCHAR(32)   NOT NULL,      -- the MMSC it goes through (tapbus.mmsc.<name>)
    mmsc_message_id  VARCHAR(100),                -- the MessageID of the SubmitRsp, which delivery reports name
    attempts         INT           NOT NULL DEFAULT 0,
    mm7_status       INT,                         -- the MMSC's last MM7 status when it refused or failed
    problem          VARCHAR(24),                 -- the last failure (Mm7Exception.Problem), when there was one
    report_status    VARCHAR(16),                 -- the last delivery report's MMStatus (Retrieved, Deferred, ...)
    next_attempt_at  TIMESTAMP     NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    updated_at       TIMESTAMP     NOT NULL
);
CREATE INDEX mms_message_state ON mms_message(state, next_attempt_at);
CREATE INDEX mms_message_correlation ON mms_message(correlation);
CREATE INDEX mms_message_mmsc_id ON mms_message(mmsc, mmsc_message_id);
CREATE INDEX mms_message_msisdn ON mms_message(msisdn);
