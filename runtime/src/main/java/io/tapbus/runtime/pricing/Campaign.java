package io.tapbus.runtime.pricing;

import io.tapbus.rules.pricing.PricingCampaign;
import java.time.Instant;

/** A published campaign: who published it, its state (ACTIVE, WITHDRAWN) and its definition. */
public record Campaign(String campaignId, String advertiserId, String status, CampaignDefinition definition, Instant createdAt) {
    boolean active() {
        return "ACTIVE".equals(status);
    }

    /** Running at {@code at} (started, not ended). */
    boolean runningAt(Instant at) {
        return (definition.startsAt() == null || !at.isBefore(definition.startsAt()))
                && (definition.endsAt() == null || at.isBefore(definition.endsAt()));
    }

    /** The rules' fact, with what is spent so far. */
    public PricingCampaign fact(CampaignCounters.Spent spent, int personRedemptions) {
        CampaignDefinition d = definition;
        PricingCampaign c = new PricingCampaign();
        c.setCampaignId(campaignId);
        c.setAdvertiserId(advertiserId);
        c.setKind(d.kind());
        c.setPercent(d.percent() == null ? 0 : d.percent());
        c.setAmountMinor(d.amountMinor() == null ? 0 : d.amountMinor());
        c.setBuyQuantity(d.buyQuantity() == null ? 0 : d.buyQuantity());
        c.setFreeQuantity(d.freeQuantity() == null ? 0 : d.freeQuantity());
        c.setSkus(d.skus());
        c.setCategories(d.categories());
        c.setStores(d.stores());
        c.setTiers(d.tiers());
        c.setSegments(d.segments());
        c.setNewMembersOnly(Boolean.TRUE.equals(d.newMembersOnly()));
        c.setNewMemberDays(d.newMemberDays());
        c.setStartsAt(d.startsAt());
        c.setEndsAt(d.endsAt());
        c.setCapMinor(d.capMinor());
        c.setMinBasketMinor(d.minBasketMinor() == null ? 0 : d.minBasketMinor());
        c.setPerPersonLimit(d.perPersonLimit());
        c.setPersonRedemptions(personRedemptions);
        c.setTotalLimit(d.totalLimit());
        c.setTotalRedemptions(spent.redemptions());
        c.setBudgetLeftMinor(d.budgetMinor() == null ? null : d.budgetMinor() - spent.spentMinor());
        c.setBudgetLeftUnits(d.budgetUnits() == null ? null : d.budgetUnits() - spent.redemptions());
        c.setCouponRequired(Boolean.TRUE.equals(d.couponRequired()));
        c.setStacking(d.stacking());
        c.setPriority(d.priority());
        return c;
    }
}
