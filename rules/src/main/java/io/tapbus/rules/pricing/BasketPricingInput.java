package io.tapbus.rules.pricing;

import java.time.Instant;
import java.util.List;

/**
 * The basket-pricing decision's input: the basket (lines in minor units), the person (tiers, segments, new member,
 * coupons), where and when, the currency, and the campaigns that could apply (the bus picks them by SKU and category
 * before the rules run, and adds those of the person's coupons).
 */
public final class BasketPricingInput {
    private String personId;
    private String storeId;
    private Instant at;
    private String currency = "CNY";
    private boolean newMember;
    private Instant joinedAt;
    private List<String> tiers = List.of();
    private List<String> segments = List.of();
    private List<BasketLine> lines = List.of();
    private List<PersonCoupon> coupons = List.of();
    private List<PricingCampaign> campaigns = List.of();

    public String getPersonId() { return personId; }
    public void setPersonId(String v) { personId = v; }
    public String getStoreId() { return storeId; }
    public void setStoreId(String v) { storeId = v; }
    public Instant getAt() { return at; }
    public void setAt(Instant v) { at = v; }
    public String getCurrency() { return currency; }
    public void setCurrency(String v) { currency = v; }
    public boolean isNewMember() { return newMember; }
    public void setNewMember(boolean v) { newMember = v; }
    /** When the person joined the platform (null: unknown, e.g. a quote without a person). */
    public Instant getJoinedAt() { return joinedAt; }
    public void setJoinedAt(Instant v) { joinedAt = v; }
    public List<String> getTiers() { return tiers; }
    public void setTiers(List<String> v) { tiers = v == null ? List.of() : v; }
    public List<String> getSegments() { return segments; }
    public void setSegments(List<String> v) { segments = v == null ? List.of() : v; }
    public List<BasketLine> getLines() { return lines; }
    public void setLines(List<BasketLine> v) { lines = v == null ? List.of() : v; }
    public List<PersonCoupon> getCoupons() { return coupons; }
    public void setCoupons(List<PersonCoupon> v) { coupons = v == null ? List.of() : v; }
    public List<PricingCampaign> getCampaigns() { return campaigns; }
    public void setCampaigns(List<PricingCampaign> v) { campaigns = v == null ? List.of() : v; }

    public boolean hasNegativeQuantity() {
        return lines.stream().anyMatch(l -> l.getQuantity() < 0);
    }

    public boolean hasNegativePrice() {
        return lines.stream().anyMatch(l -> l.getUnitPriceMinor() < 0);
    }

    public long totalMinor() {
        long total = 0;
        for (BasketLine line : lines) {
            total = Math.addExact(total, line.amountMinor());
        }
        return total;
    }
}
