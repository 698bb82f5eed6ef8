package io.tapbus.runtime.tags;

import io.tapbus.runtime.write.Batch;

/**
 * Coupons of campaigns that genuine tag scans give (the pricing service's coupons; docs/pricing.md). A tag offer that
 * names a campaign issues the scanning person one coupon of it, once per person and campaign.
 */
public interface TagCoupons {
    /** Without the pricing service: no offer may name a campaign. */
    TagCoupons NONE = new TagCoupons() {
        @Override
        public void checkLink(String advertiserId, String campaignId) {
            throw io.tapbus.runtime.domain.DomainError.invalid("campaignId: campaigns are not enabled");
        }

        @Override
        public String issue(Batch batch, String campaignId, String personId) {
            return null;
        }
    };

    /** Refuses a link the offer's advertiser may not make: an unknown campaign, another's, or a withdrawn one. */
    void checkLink(String advertiserId, String campaignId);

    /**
     * In the scan's write unit: the code of the person's usable coupon of the campaign from tag scans, issued now if
     * the person has none yet; null when the campaign gives none (withdrawn, not running, budget or limits reached, or
     * the person's one coupon was used).
     */
    String issue(Batch batch, String campaignId, String personId);
}
