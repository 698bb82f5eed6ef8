-- Membership-card merging (issue 14 part 1, docs/membership.md). A retailer partner owns loyalty programmes; a
-- person's retailer cards are merged onto their universal card; points are kept per person and programme, each
-- programme in its own ledger. Written only through the write path (one writer class per table).

-- The programme registry (writer: io.tapbus.runtime.membership.Programmes)
CREATE TABLE loyalty_programme (
    programme_id VARCHAR(64)  PRIMARY KEY,
    partner_id   VARCHAR(64)  NOT NULL REFERENCES partner(partner_id),
    name         VARCHAR(200) NOT NULL,
    status       VARCHAR(16)  NOT NULL,            -- ACTIVE, CLOSED
    created_at   TIMESTAMP    NOT NULL
);
CREATE INDEX loyalty_programme_partner ON loyalty_programme(partner_id);

-- The merged-card index: one row per retailer card ever merged (writer: MemberCards)
CREATE TABLE member_card (
    programme_id  VARCHAR(64)  NOT NULL REFERENCES loyalty_programme(programme_id),
    member_number VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL REFERENCES app_user(user_id),
    card_uid      VARCHAR(32)  NOT NULL,           -- the universal card it was merged onto
    tier          VARCHAR(32),
    member_since  VARCHAR(10),
    status        VARCHAR(16)  NOT NULL,           -- ACTIVE, RETIRED (the other card of its programme survived), UNMERGED
    decision_id   VARCHAR(64),
    changed_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (programme_id, member_number)
);
CREATE INDEX member_card_user ON member_card(user_id);
CREATE INDEX member_card_card ON member_card(card_uid);

-- Points per person and programme (writer: PointsLedger, state held by the write path)
CREATE TABLE points_balance (
    user_id      VARCHAR(64) NOT NULL,
    programme_id VARCHAR(64) NOT NULL,
    points       BIGINT      NOT NULL,
    PRIMARY KEY (user_id, programme_id)
);

-- Every change of a points balance (writer: PointsLedger); the idempotency key is unique per programme
CREATE TABLE points_entry (
    entry_id        VARCHAR(64)  PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    programme_id    VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,         -- MERGE, EARN, REDEEM
    points          BIGINT       NOT NULL,         -- signed: a redemption is negative
    balance_after   BIGINT       NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    member_number   VARCHAR(64),
    reference       VARCHAR(200),
    created_at      TIMESTAMP    NOT NULL,
    UNIQUE (programme_id, idempotency_key)
);
CREATE INDEX points_entry_user ON points_entry(user_id, programme_id);
