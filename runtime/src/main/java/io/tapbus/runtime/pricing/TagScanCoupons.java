package io.tapbus.runtime.pricing;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.tags.TagCoupons;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;

/**
 * Coupons that genuine tag scans give: a tag offer names one of its advertiser's campaigns, and a scan by a known person
 * issues that person one coupon of it (Coupons, in the scan's write unit), while the campaign is active and running,
 * has money and units left, and the person has not reached its per-person limit.
 */
final class TagScanCoupons implements TagCoupons {
    private final Campaigns campaigns;
    private final CampaignCounters counters;
    private final Coupons coupons;

    TagScanCoupons(Campaigns campaigns, CampaignCounters counters, Coupons coupons) {
        this.campaigns = campaigns;
        this.counters = counters;
        this.coupons = coupons;
    }

    @Override
    public void checkLink(String advertiserId, String campaignId) {
        Campaign c = campaigns.byId(campaignId).filter(found -> found.advertiserId().equals(advertiserId))
                .orElseThrow(() -> DomainError.notFound("campaign " + campaignId + " of " + advertiserId));
        if (!c.active()) {
            throw DomainError.conflict("campaign " + campaignId + " is " + c.status());
        }
    }

    @Override
    public String issue(Batch batch, String campaignId, String personId) {
        Campaign c = campaigns.index().get(campaignId);
        if (c == null || !c.active() || !c.runningAt(Instant.now()) || !hasRoom(batch, c, personId)) {
            return null;
        }
        return coupons.issueOnce(batch, c, personId);
    }

    /** Budget (money, units), total and per-person limits as the writer holds them. */
    private boolean hasRoom(Batch batch, Campaign c, String personId) {
        CampaignDefinition d = c.definition();
        CampaignCounters.Spent spent = counters.spent(batch, c.campaignId());
        return (d.budgetMinor() == null || spent.spentMinor() < d.budgetMinor())
                && (d.budgetUnits() == null || spent.redemptions() < d.budgetUnits())
                && (d.totalLimit() == null || spent.redemptions() < d.totalLimit())
                && (d.perPersonLimit() == null || counters.byPerson(batch, c.campaignId(), personId) < d.perPersonLimit());
    }
}
