package io.tapbus.runtime.pricing;

import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.payment.Redemption;
import io.tapbus.runtime.payment.Redemption.OfferUnavailable;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What an approved payment of a priced basket redeems, in the payment's own write unit: each applied offer's coupon
 * becomes REDEEMED, the campaign's budget and per-person count go down/up, a {@code redemption} row (this class is its
 * one writer) and events to the publisher ({@code coupon.redeemed}, {@code campaign.budget}). Each limit is checked
 * against the writer's values, so two payments racing for a campaign's last unit: one gets it, the other is declined
 * with OFFER_UNAVAILABLE.
 */
public final class Redemptions {
    private final Campaigns campaigns;
    private final CampaignCounters counters;
    private final Coupons coupons;
    private final EventOutbox outbox;

    public Redemptions(Campaigns campaigns, CampaignCounters counters, Coupons coupons, EventOutbox outbox) {
        this.campaigns = campaigns;
        this.counters = counters;
        this.coupons = coupons;
        this.outbox = outbox;
    }

    /** The redemption of a priced basket (null when nothing applied). */
    public Redemption of(PricedBasket basket) {
        if (!basket.priced() || basket.applied().isEmpty()) {
            return null;
        }
        return (batch, paymentId) -> {
            for (Map<String, Object> offer : basket.applied()) {
                redeem(batch, paymentId, basket.personId(), (String) offer.get("campaignId"), (String) offer.get("couponCode"),
                        ((Number) offer.get("amountMinor")).longValue());
            }
        };
    }

    private void redeem(Batch batch, String paymentId, String personId, String campaignId, String couponCode, long amountMinor) {
        Campaign campaign = campaigns.index().get(campaignId);
        if (campaign == null) {
            throw new OfferUnavailable("campaign " + campaignId + " was withdrawn meanwhile");
        }
        CampaignDefinition d = campaign.definition();
        CampaignCounters.Spent spent = counters.spent(batch, campaignId);
        if (d.budgetUnits() != null && spent.redemptions() + 1 > d.budgetUnits()
                || d.budgetMinor() != null && spent.spentMinor() + amountMinor > d.budgetMinor()) {
            throw new OfferUnavailable("campaign " + campaignId + ": its budget was spent by other payments meanwhile");
        }
        if (d.totalLimit() != null && spent.redemptions() + 1 > d.totalLimit()) {
            throw new OfferUnavailable("campaign " + campaignId + ": its total limit was reached meanwhile");
        }
        if (d.perPersonLimit() != null && counters.byPerson(batch, campaignId, personId) + 1 > d.perPersonLimit()) {
            throw new OfferUnavailable("campaign " + campaignId + ": the person's limit was reached meanwhile");
        }
        if (couponCode != null) {
            Coupon c = coupons.redeem(batch, couponCode, personId, paymentId);
            outbox.add(batch, Coupons.event("coupon.redeemed", campaign, c, Map.of("paymentId", paymentId, "amountMinor", amountMinor)));
        }
        CampaignCounters.Spent now = counters.count(batch, campaignId, personId, amountMinor);
        batch.stage("INSERT INTO redemption(redemption_id, payment_id, campaign_id, coupon_code, person_id, amount_minor, redeemed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", "RDM-" + UUID.randomUUID(), paymentId, campaignId, couponCode, personId, amountMinor,
                Instant.now());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", campaignId);
        data.put("paymentId", paymentId);
        data.put("amountMinor", amountMinor);
        data.put("spentMinor", now.spentMinor());
        data.put("redemptions", now.redemptions());
        if (d.budgetMinor() != null) {
            data.put("budgetLeftMinor", d.budgetMinor() - now.spentMinor());
        }
        if (d.budgetUnits() != null) {
            data.put("budgetLeftUnits", d.budgetUnits() - now.redemptions());
        }
        outbox.add(batch, BusinessEvent.of("campaign.budget", paymentId, campaignId, campaign.advertiserId(), data));
    }
}
