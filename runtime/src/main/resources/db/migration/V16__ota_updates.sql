-- OTA updates of the universal card (issue 13 item 5): secured command packets (ETSI TS 102 225) sent as SMS-PP
-- data download through the SMS outbox, and their proofs of receipt. docs/phone-channel.md "OTA through the bus".

-- The last OTA counter used per card and key set: written only by io.tapbus.runtime.ota.OtaCounters (state held by
-- the writer), in the same write unit as the command that uses it, before any part of it can reach the SMSC.
CREATE TABLE ota_counter (
    card_uid      VARCHAR(32) NOT NULL,
    key_set       INT         NOT NULL,           -- key index of KIc/KID (1-15): the card keeps one counter per key set
    last_counter  BIGINT      NOT NULL,           -- 0 to FFFFFFFFFF; never handed out twice
    PRIMARY KEY (card_uid, key_set)
);

-- One secured command sent to a card and what its proof of receipt said: written only by
-- io.tapbus.runtime.ota.OtaCommands inside write units.
CREATE TABLE ota_command (
    command_id      VARCHAR(40) PRIMARY KEY,
    card_uid        VARCHAR(32) NOT NULL,
    msisdn          VARCHAR(20) NOT NULL,
    key_set         INT         NOT NULL,
    tar             VARCHAR(6)  NOT NULL,         -- hex
    counter         BIGINT      NOT NULL,
    spi             VARCHAR(4)  NOT NULL,         -- hex
    kind            VARCHAR(16) NOT NULL,         -- membership, ticket, key, apdus
    state           VARCHAR(16) NOT NULL,         -- AWAITING_POR, NO_POR, POR_OK, POR_ERROR
    por_status      VARCHAR(32),                  -- pySim's name: por_ok, cntr_low, ... (more_time_needed while waiting)
    status_word     VARCHAR(4),                   -- the last command's status word (compact remote response)
    sms_message_id  VARCHAR(40) NOT NULL,         -- the outbox message that carries it
    created_at      TIMESTAMP   NOT NULL,
    updated_at      TIMESTAMP   NOT NULL,
    CONSTRAINT ota_command_counter UNIQUE (card_uid, key_set, counter)
);
CREATE INDEX ota_command_por ON ota_command(msisdn, tar, counter);

-- Binary messages in the SMS outbox (still written only by SmsOutbox): an OTA packet's parts are stored whole, as
-- they go on the wire, with the message's TP-PID and data coding (0x7F, 0xF6 for SIM data download). Null for texts.
ALTER TABLE sms_message ADD COLUMN protocol_id INT;
ALTER TABLE sms_message ADD COLUMN data_coding INT;
ALTER TABLE sms_part ADD COLUMN user_data VARCHAR(300);
