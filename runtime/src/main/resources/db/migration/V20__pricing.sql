-- Campaigns, coupons and their redemptions (issue 14 part 2, docs/pricing.md). Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.

-- A published campaign. definition is the campaign as published (JSON: kind, amounts, audience, products, limits);
-- the columns beside it are what the bus selects and shows by.
CREATE TABLE campaign (
    campaign_id    VARCHAR(64)   PRIMARY KEY,
    advertiser_id  VARCHAR(64)   NOT NULL REFERENCES partner(partner_id),
    status         VARCHAR(16)   NOT NULL,      -- ACTIVE, WITHDRAWN
    definition     VARCHAR(20000) NOT NULL,
    starts_at      TIMESTAMP,
    ends_at        TIMESTAMP,
    budget_minor   BIGINT,                      -- money the advertiser gives in all (null: no money budget)
    budget_units   BIGINT,                      -- redemptions the advertiser pays for (null: none)
    created_at     TIMESTAMP     NOT NULL
);
CREATE INDEX campaign_advertiser ON campaign(advertiser_id);

-- What a campaign has spent: writer-held state (CampaignCounters), one row per campaign that was redeemed.
CREATE TABLE campaign_spend (
    campaign_id    VARCHAR(64)   PRIMARY KEY,
    spent_minor    BIGINT        NOT NULL,
    redemptions    BIGINT        NOT NULL
);

-- How often one person redeemed a campaign: writer-held state (CampaignCounters).
CREATE TABLE campaign_person (
    campaign_id    VARCHAR(64)   NOT NULL,
    person_id      VARCHAR(64)   NOT NULL,
    redemptions    INTEGER       NOT NULL,
    PRIMARY KEY (campaign_id, person_id)
);

-- A coupon: a code for one person and one campaign, and its state: writer-held state (Coupons).
CREATE TABLE coupon (
    code           VARCHAR(40)   PRIMARY KEY,
    campaign_id    VARCHAR(64)   NOT NULL,
    person_id      VARCHAR(64)   NOT NULL,
    state          VARCHAR(16)   NOT NULL,      -- ISSUED, CLAIMED, REDEEMED, REVOKED (EXPIRED is shown after valid_until)
    issued_via     VARCHAR(16)   NOT NULL,      -- REST, JMS, TAG_SCAN, APP
    valid_until    TIMESTAMP,
    payment_id     VARCHAR(64),                 -- the payment that redeemed it
    issued_at      TIMESTAMP     NOT NULL,
    changed_at     TIMESTAMP     NOT NULL
);
CREATE INDEX coupon_person ON coupon(person_id);

-- Every offer a payment redeemed (Redemptions), written in the payment's write unit.
CREATE TABLE redemption (
    redemption_id  VARCHAR(64)   PRIMARY KEY,
    payment_id     VARCHAR(64)   NOT NULL,
    campaign_id    VARCHAR(64)   NOT NULL,
    coupon_code    VARCHAR(40),
    person_id      VARCHAR(64)   NOT NULL,
    amount_minor   BIGINT        NOT NULL,
    redeemed_at    TIMESTAMP     NOT NULL
);
CREATE INDEX redemption_campaign ON redemption(campaign_id);
CREATE INDEX redemption_payment ON redemption(payment_id);
