package io.tapbus.runtime.pricing;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.rules.pricing.BasketPricingInput;
import io.tapbus.rules.pricing.PersonCoupon;
import io.tapbus.rules.pricing.PricingCampaign;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.observe.StageTimers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a basket: picks the campaigns its lines can touch from the index (by SKU and category, this store, running
 * now), adds the campaigns of the coupons named, puts what each has spent (the writer's durable values) and the person's
 * profile beside them, and asks the basket-pricing rules. Nothing is written: the redemption happens with the payment.
 */
public final class BasketPricer {
    static final int MAX_LINES = 200;
    static final int MAX_COUPONS = 20;
    static final long MAX_QUANTITY = 1_000_000;
    static final long MAX_UNIT_PRICE = 10_000_000_000L;

    /**
     * Whom a person is to the campaigns: tiers (programme:tier), segments, marked a new member, and when they joined the
     * platform (null: unknown). The membership service gives tiers; segments.AudienceProfiles adds segments and joinedAt.
     */
    public record Profile(List<String> tiers, List<String> segments, boolean newMember, Instant joinedAt) {
        public static final Profile NONE = new Profile(List.of(), List.of(), false, null);
    }

    /** Where profiles come from (membership and segments, when bound); the default knows none. */
    @FunctionalInterface
    public interface Profiles {
        Profile of(String personId);
    }

    /** What to price: the person (may be null: no coupons then), the store, the lines, the coupon codes named. */
    public record Request(String personId, String storeId, String currency, List<BasketLine> lines, List<String> couponCodes) {}

    private final RuleEngine rules;
    private final Campaigns campaigns;
    private final CampaignCounters counters;
    private final Coupons coupons;
    private final StageTimers stages;
    private volatile Profiles profiles = id -> Profile.NONE;

    public BasketPricer(RuleEngine rules, Campaigns campaigns, CampaignCounters counters, Coupons coupons, StageTimers stages) {
        this.rules = rules;
        this.campaigns = campaigns;
        this.counters = counters;
        this.coupons = coupons;
        this.stages = stages;
    }

    public void useProfiles(Profiles source) {
        this.profiles = source;
    }

    public PricedBasket price(Request r) {
        long start = System.nanoTime();
        check(r);
        Instant now = Instant.now();
        BasketPricingInput in = new BasketPricingInput();
        in.setPersonId(r.personId());
        in.setStoreId(r.storeId());
        in.setAt(now);
        in.setCurrency(r.currency() == null ? "CNY" : r.currency());
        in.setLines(r.lines());
        Profile profile = r.personId() == null ? Profile.NONE : profiles.of(r.personId());
        in.setTiers(profile.tiers());
        in.setSegments(profile.segments());
        in.setNewMember(profile.newMember());
        in.setJoinedAt(profile.joinedAt());
        Map<String, Campaign> chosen = new LinkedHashMap<>();
        for (Campaign c : campaigns.index().candidates(r.lines(), r.storeId(), now)) {
            chosen.put(c.campaignId(), c);
        }
        List<PersonCoupon> held = new ArrayList<>();
        for (String code : r.couponCodes() == null ? List.<String>of() : r.couponCodes()) {
            Coupon c = coupons.find(code);
            if (c == null || !c.personId().equals(r.personId())) {
                throw DomainError.notFound("coupon " + code + " of this person");
            }
            held.add(c.fact(now));
            Campaign campaign = campaigns.index().get(c.campaignId());
            if (campaign != null) {
                chosen.putIfAbsent(campaign.campaignId(), campaign);
            }
        }
        in.setCoupons(held);
        List<PricingCampaign> facts = new ArrayList<>(chosen.size());
        for (Campaign c : chosen.values()) {
            facts.add(c.fact(counters.spent(c.campaignId()), counters.byPerson(c.campaignId(), r.personId())));
        }
        in.setCampaigns(facts);
        PricedBasket priced = PricedBasket.of(rules.decide(DecisionCatalog.BASKET_PRICING, in), r.personId());
        stages.record("pricing", "decide", start);
        return priced;
    }

    private static void check(Request r) {
        if (r.storeId() == null || r.storeId().isBlank()) {
            throw DomainError.invalid("storeId (the merchant whose basket this is) is required");
        }
        if (r.lines() == null || r.lines().isEmpty() || r.lines().size() > MAX_LINES) {
            throw DomainError.invalid("a basket has 1 to " + MAX_LINES + " lines");
        }
        for (BasketLine l : r.lines()) {
            if (l == null || l.getSku() == null || l.getSku().isBlank() || l.getSku().length() > 64
                    || l.getCategory() != null && l.getCategory().length() > 64) {
                throw DomainError.invalid("every line needs a sku of 1 to 64 characters (category at most 64)");
            }
            if (Math.abs(l.getQuantity()) > MAX_QUANTITY || Math.abs(l.getUnitPriceMinor()) > MAX_UNIT_PRICE) {
                throw DomainError.invalid("quantity at most " + MAX_QUANTITY + ", unitPriceMinor at most " + MAX_UNIT_PRICE + " per line");
            }
        }
        int codes = r.couponCodes() == null ? 0 : r.couponCodes().size();
        if (codes > MAX_COUPONS) {
            throw DomainError.invalid("at most " + MAX_COUPONS + " coupon codes");
        }
        if (codes > 0 && r.personId() == null) {
            throw DomainError.invalid("coupons are redeemed by a person: name the paying user (msisdn)");
        }
    }
}
