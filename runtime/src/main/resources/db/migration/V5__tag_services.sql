-- Product authenticity and tag services (NTAG 424 DNA SUN). Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.

-- A manufacturer's product. product_id is "<manufacturer>:<sku>", so two manufacturers never clash.
CREATE TABLE product (
    product_id      VARCHAR(130) PRIMARY KEY,
    manufacturer_id VARCHAR(64)  NOT NULL REFERENCES partner(partner_id),
    sku             VARCHAR(64)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    description     VARCHAR(2000),
    info_url        VARCHAR(500),
    created_at      TIMESTAMP    NOT NULL
);
CREATE INDEX product_manufacturer ON product(manufacturer_id);

-- A batch of tags personalised with the same SDM keys. Keys are sealed with the key-encryption key
-- (AES-256-GCM, associated data "tag-batch:<id>:<kind>") and never leave the platform.
CREATE TABLE tag_batch (
    batch_id              VARCHAR(64)  PRIMARY KEY,
    manufacturer_id       VARCHAR(64)  NOT NULL REFERENCES partner(partner_id),
    product_id            VARCHAR(130) NOT NULL REFERENCES product(product_id),
    sun_mode              VARCHAR(8)   NOT NULL,     -- AES or LRP
    meta_key_encrypted    VARCHAR(200) NOT NULL,     -- SDMMetaReadKey of the batch
    file_key_encrypted    VARCHAR(200) NOT NULL,     -- SDMFileReadKey, or the batch master key when diversified
    file_key_diversified  BOOLEAN      NOT NULL,     -- true: per-tag file key = AN10922(master, UID || system id)
    system_identifier     VARCHAR(64),               -- hex, AN10922 diversification input after the UID
    tamper_offset         INTEGER,                   -- offset of the TagTamper status in the decrypted file data
    created_at            TIMESTAMP    NOT NULL
);
CREATE INDEX tag_batch_manufacturer ON tag_batch(manufacturer_id);

-- One tag: its UID bound to a product serial number, its state, and what the last accepted scan showed.
CREATE TABLE tag (
    uid              VARCHAR(14)  PRIMARY KEY,       -- 7-byte UID, upper-case hex
    batch_id         VARCHAR(64)  NOT NULL REFERENCES tag_batch(batch_id),
    serial_number    VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,          -- REGISTERED, SHIPPED, SOLD, RETURNED
    store_id         VARCHAR(64),                    -- shipped to / sold by this retailer
    status_changed_at TIMESTAMP   NOT NULL,
    last_counter     BIGINT       NOT NULL DEFAULT -1,  -- highest SDM read counter accepted; -1 never scanned
    last_scan_at     TIMESTAMP,
    last_latitude    DOUBLE PRECISION,
    last_longitude   DOUBLE PRECISION,
    last_position_at TIMESTAMP,
    scan_count       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tag_serial_unique UNIQUE (batch_id, serial_number)
);

-- Every scan and its verdict (the manufacturer's and the analysts' trail).
CREATE TABLE tag_scan (
    scan_id         VARCHAR(64)  PRIMARY KEY,
    batch_id        VARCHAR(64)  NOT NULL,
    uid             VARCHAR(14),
    read_counter    BIGINT,
    verdict         VARCHAR(16)  NOT NULL,
    reasons         VARCHAR(2000) NOT NULL,          -- JSON array of reason codes
    rule_set_version VARCHAR(32) NOT NULL,
    store_id        VARCHAR(64),
    reader_id       VARCHAR(64),
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    scanned_at      TIMESTAMP    NOT NULL
);
CREATE INDEX tag_scan_uid ON tag_scan(uid, scanned_at);
CREATE INDEX tag_scan_batch ON tag_scan(batch_id, scanned_at);

-- Advertiser content and coupons attached to a product (or one tag), shown by genuine scans as the rules choose.
CREATE TABLE tag_offer (
    offer_id      VARCHAR(64)  PRIMARY KEY,
    advertiser_id VARCHAR(64)  NOT NULL REFERENCES partner(partner_id),
    product_id    VARCHAR(130) NOT NULL REFERENCES product(product_id),
    uid           VARCHAR(14),                       -- only this tag; null for every tag of the product
    store_id      VARCHAR(64),                       -- only scans in this store; null for every place
    kind          VARCHAR(16)  NOT NULL,             -- CONTENT or COUPON
    title         VARCHAR(200) NOT NULL,
    body          VARCHAR(2000),
    url           VARCHAR(500),
    coupon_value_minor BIGINT,
    valid_until   TIMESTAMP,
    created_at    TIMESTAMP    NOT NULL
);
CREATE INDEX tag_offer_product ON tag_offer(product_id);

-- A coupon claimed by a genuine scan, kept until the coupon service redeems it. One claim per coupon and tag.
CREATE TABLE coupon_claim (
    claim_id   VARCHAR(64)  PRIMARY KEY,
    offer_id   VARCHAR(64)  NOT NULL REFERENCES tag_offer(offer_id),
    uid        VARCHAR(14)  NOT NULL,
    scan_id    VARCHAR(64)  NOT NULL,
    status     VARCHAR(16)  NOT NULL,                -- CLAIMED (REDEEMED once the coupon service exists)
    claimed_at TIMESTAMP    NOT NULL,
    CONSTRAINT coupon_claim_once UNIQUE (offer_id, uid)
);
