package io.tapbus.rules.pricing;

import java.time.Instant;
import java.util.List;

/**
 * A published campaign as the pricing rules see it, with what is left of it: the discount (PERCENT of the matching
 * lines, an AMOUNT off them, or BUY_X_GET_Y: of every buy+free matching units the cheapest free ones are free), whom it
 * is for (tiers, segments, new members: all, or joined in the last {@code newMemberDays}; empty = everyone), when and where, which products or categories (empty =
 * the whole basket), its cap per redemption, its limits (per person, in all) and budget left (money, units; null =
 * none), whether a coupon is needed, whether it stacks (STACKABLE) or stands alone (EXCLUSIVE), and its priority
 * (higher first).
 */
public final class PricingCampaign {
    private String campaignId;
    private String advertiserId;
    private String kind;
    private int percent;
    private long amountMinor;
    private int buyQuantity;
    private int freeQuantity;
    private List<String> skus = List.of();
    private List<String> categories = List.of();
    private List<String> stores = List.of();
    private List<String> tiers = List.of();
    private List<String> segments = List.of();
    private boolean newMembersOnly;
    private Integer newMemberDays;
    private Instant startsAt;
    private Instant endsAt;
    private Long capMinor;
    private long minBasketMinor;
    private Integer perPersonLimit;
    private int personRedemptions;
    private Integer totalLimit;
    private long totalRedemptions;
    private Long budgetLeftMinor;
    private Long budgetLeftUnits;
    private boolean couponRequired;
    private String stacking = "STACKABLE";
    private int priority;

    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String v) { campaignId = v; }
    public String getAdvertiserId() { return advertiserId; }
    public void setAdvertiserId(String v) { advertiserId = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public int getPercent() { return percent; }
    public void setPercent(int v) { percent = v; }
    public long getAmountMinor() { return amountMinor; }
    public void setAmountMinor(long v) { amountMinor = v; }
    public int getBuyQuantity() { return buyQuantity; }
    public void setBuyQuantity(int v) { buyQuantity = v; }
    public int getFreeQuantity() { return freeQuantity; }
    public void setFreeQuantity(int v) { freeQuantity = v; }
    public List<String> getSkus() { return skus; }
    public void setSkus(List<String> v) { skus = v == null ? List.of() : v; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> v) { categories = v == null ? List.of() : v; }
    public List<String> getStores() { return stores; }
    public void setStores(List<String> v) { stores = v == null ? List.of() : v; }
    public List<String> getTiers() { return tiers; }
    public void setTiers(List<String> v) { tiers = v == null ? List.of() : v; }
    public List<String> getSegments() { return segments; }
    public void setSegments(List<String> v) { segments = v == null ? List.of() : v; }
    public boolean isNewMembersOnly() { return newMembersOnly; }
    public void setNewMembersOnly(boolean v) { newMembersOnly = v; }
    public Integer getNewMemberDays() { return newMemberDays; }
    public void setNewMemberDays(Integer v) { newMemberDays = v; }
    public Instant getStartsAt() { return startsAt; }
    public void setStartsAt(Instant v) { startsAt = v; }
    public Instant getEndsAt() { return endsAt; }
    public void setEndsAt(Instant v) { endsAt = v; }
    public Long getCapMinor() { return capMinor; }
    public void setCapMinor(Long v) { capMinor = v; }
    public long getMinBasketMinor() { return minBasketMinor; }
    public void setMinBasketMinor(long v) { minBasketMinor = v; }
    public Integer getPerPersonLimit() { return perPersonLimit; }
    public void setPerPersonLimit(Integer v) { perPersonLimit = v; }
    public int getPersonRedemptions() { return personRedemptions; }
    public void setPersonRedemptions(int v) { personRedemptions = v; }
    public Integer getTotalLimit() { return totalLimit; }
    public void setTotalLimit(Integer v) { totalLimit = v; }
    public long getTotalRedemptions() { return totalRedemptions; }
    public void setTotalRedemptions(long v) { totalRedemptions = v; }
    public Long getBudgetLeftMinor() { return budgetLeftMinor; }
    public void setBudgetLeftMinor(Long v) { budgetLeftMinor = v; }
    public Long getBudgetLeftUnits() { return budgetLeftUnits; }
    public void setBudgetLeftUnits(Long v) { budgetLeftUnits = v; }
    public boolean isCouponRequired() { return couponRequired; }
    public void setCouponRequired(boolean v) { couponRequired = v; }
    public String getStacking() { return stacking; }
    public void setStacking(String v) { stacking = v; }
    public int getPriority() { return priority; }
    public void setPriority(int v) { priority = v; }

    // ---- what the eligibility rules ask: worked out once per basket by prepare(), before the rules compare ----

    private boolean notStarted;
    private boolean ended;
    private boolean storeIncluded;
    private boolean audienceMatched;
    private long coveredUnits;
    private boolean belowMinBasket;
    private PersonCoupon coupon;

    /** Works out this campaign's facts for one basket (rule CampaignsInPlay calls it before inserting the campaign). */
    public void prepare(BasketPricingInput in) {
        notStarted = notStartedAt(in.getAt());
        ended = endedAt(in.getAt());
        storeIncluded = includesStore(in.getStoreId());
        audienceMatched = forAudience(in);
        coveredUnits = coveredUnits(in);
        belowMinBasket = minBasketMinor > 0 && minBasketMinor > in.totalMinor();
        coupon = couponOf(in);
    }

    public boolean isNotStarted() { return notStarted; }
    public boolean isEnded() { return ended; }
    public boolean isStoreIncluded() { return storeIncluded; }
    public boolean isAudienceMatched() { return audienceMatched; }
    public long getCoveredUnits() { return coveredUnits; }
    public boolean isBelowMinBasket() { return belowMinBasket; }
    /** The person's coupon for this campaign, usable ones first (null when none). */
    public PersonCoupon getCoupon() { return coupon; }


    public boolean exclusive() {
        return "EXCLUSIVE".equals(stacking);
    }

    public boolean notStartedAt(Instant at) {
        return startsAt != null && at != null && at.isBefore(startsAt);
    }

    public boolean endedAt(Instant at) {
        return endsAt != null && at != null && !at.isBefore(endsAt);
    }

    public boolean includesStore(String storeId) {
        return stores.isEmpty() || storeId != null && stores.contains(storeId);
    }

    /** Tiers and segments (the new-member part is rule RefuseWhenNotANewMember's, with the window of new-members.csv). */
    public boolean forAudience(BasketPricingInput in) {
        return (tiers.isEmpty() || in.getTiers().stream().anyMatch(tiers::contains))
                && (segments.isEmpty() || in.getSegments().stream().anyMatch(segments::contains));
    }

    /** Whether only new members get it: {@code newMembersOnly}, or its own window {@code newMemberDays}. */
    public boolean forNewMembers() {
        return newMembersOnly || newMemberDays != null;
    }

    /**
     * Whether the person is a new member for this campaign: marked new ({@code newMember}), or joined within the
     * campaign's {@code newMemberDays}, else within {@code windowDays} (new-members.csv; 0 when no row).
     */
    public boolean newMemberAt(BasketPricingInput in, int windowDays) {
        int days = newMemberDays != null ? newMemberDays : windowDays;
        return in.isNewMember() || in.getJoinedAt() != null && in.getAt() != null && days > 0
                && in.getJoinedAt().isAfter(in.getAt().minus(java.time.Duration.ofDays(days)));
    }

    public boolean covers(BasketLine line) {
        return skus.isEmpty() && categories.isEmpty() || line.getSku() != null && skus.contains(line.getSku())
                || line.getCategory() != null && categories.contains(line.getCategory());
    }

    /** How many units of the basket this campaign covers. */
    public long coveredUnits(BasketPricingInput in) {
        long units = 0;
        for (BasketLine line : in.getLines()) {
            if (covers(line)) {
                units += line.getQuantity();
            }
        }
        return units;
    }

    public boolean perPersonLimitReached() {
        return perPersonLimit != null && personRedemptions >= perPersonLimit;
    }

    public boolean totalLimitReached() {
        return totalLimit != null && totalRedemptions >= totalLimit;
    }

    public boolean budgetSpent() {
        return budgetLeftMinor != null && budgetLeftMinor <= 0 || budgetLeftUnits != null && budgetLeftUnits <= 0;
    }

    /** The person's coupon for this campaign, usable ones first (null when none). */
    public PersonCoupon couponOf(BasketPricingInput in) {
        PersonCoupon found = null;
        for (PersonCoupon c : in.getCoupons()) {
            if (campaignId.equals(c.getCampaignId())) {
                if (c.usableAt(in.getAt())) {
                    return c;
                }
                found = found == null ? c : found;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "PricingCampaign[" + campaignId + " " + kind + " priority " + priority + " " + stacking + "]";
    }
}
