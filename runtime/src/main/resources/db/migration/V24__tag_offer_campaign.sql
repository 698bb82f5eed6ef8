-- A tag offer may name a campaign (docs/pricing.md, "Coupons from tag scans"): a genuine scan by a known person then
-- issues that person one coupon of the campaign. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE tag_offer ADD COLUMN campaign_id VARCHAR(64);
