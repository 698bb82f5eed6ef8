-- The phone-app API (issue 13 item 6): one-time codes that register a phone, and the device tokens they give.
-- Written only by io.tapbus.runtime.app.AppStore inside write-path units (docs/phone-channel.md "The phone-app API").
-- No code and no token is stored in clear: only SHA-256 hashes.
CREATE TABLE app_code (
    registration_id VARCHAR(40)  PRIMARY KEY,
    msisdn          VARCHAR(20)  NOT NULL,
    code_hash       VARCHAR(64),                 -- null: no user has the number, no SMS was sent, nothing verifies
    attempts        INT          NOT NULL,       -- wrong codes given so far
    state           VARCHAR(16)  NOT NULL,       -- OPEN, VERIFIED, EXHAUSTED
    created_at      TIMESTAMP    NOT NULL,
    expires_at      TIMESTAMP    NOT NULL
);
CREATE INDEX app_code_msisdn ON app_code(msisdn, created_at);

CREATE TABLE app_device (
    token_id        VARCHAR(40)  PRIMARY KEY,    -- the part of the token before the dot
    secret_hash     VARCHAR(64)  NOT NULL,       -- SHA-256 of the secret (hex)
    user_id         VARCHAR(64)  NOT NULL,
    msisdn          VARCHAR(20)  NOT NULL,
    device_name     VARCHAR(100),
    registration_id VARCHAR(40)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    expires_at      TIMESTAMP    NOT NULL,
    revoked_at      TIMESTAMP
);
CREATE INDEX app_device_user ON app_device(user_id);
