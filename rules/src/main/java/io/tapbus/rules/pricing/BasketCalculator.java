package io.tapbus.rules.pricing;

import io.tapbus.rules.Decision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last step of basket pricing, called by the rule {@code PriceBasket}: the campaigns no eligibility rule refused
 * are applied in priority order (higher first, then by id), each on what the earlier ones left of its lines, within
 * its cap, its money budget and the basket's limit (pricing-limits table); an EXCLUSIVE campaign stands alone. Every
 * other campaign is reported with why it did not apply. Integer arithmetic in minor units, rounded down.
 */
public final class BasketCalculator {
    /** When several rules refuse a campaign, the reason reported is the first of these (others' rules after them). */
    static final List<String> REFUSAL_ORDER = List.of("CAMPAIGN_NOT_STARTED", "CAMPAIGN_ENDED", "STORE_NOT_INCLUDED",
            "AUDIENCE_NOT_MATCHED", "COUPON_REQUIRED", "COUPON_REVOKED", "COUPON_REDEEMED", "COUPON_EXPIRED", "PER_PERSON_LIMIT_REACHED",
            "TOTAL_LIMIT_REACHED", "BUDGET_SPENT", "BELOW_MIN_BASKET", "NO_MATCHING_ITEMS", "BUY_QUANTITY_NOT_MET");

    private BasketCalculator() {
    }

    private static int rank(OfferRefusal r) {
        int i = REFUSAL_ORDER.indexOf(r.code());
        return i < 0 ? REFUSAL_ORDER.size() : i;
    }

    public static void price(BasketPricingInput in, Collection<OfferRefusal> refusals, PricingLimit limit, Decision decision) {
        Map<String, OfferRefusal> refused = new LinkedHashMap<>();
        for (OfferRefusal r : refusals) {
            refused.merge(r.campaignId(), r, (a, b) -> rank(b) < rank(a) ? b : a);
        }
        List<BasketLine> lines = in.getLines();
        long[] left = new long[lines.size()];
        long total = 0;
        for (int i = 0; i < left.length; i++) {
            left[i] = lines.get(i).amountMinor();
            total += left[i];
        }
        long room = limit == null ? total : total * limit.getMaxDiscountPercent() / 100;
        int maxOffers = limit == null ? Integer.MAX_VALUE : limit.getMaxOffers();

        List<PricingCampaign> order = new ArrayList<>(in.getCampaigns());
        order.sort(Comparator.comparingInt(PricingCampaign::getPriority).reversed().thenComparing(PricingCampaign::getCampaignId));
        List<Map<String, Object>> applied = new ArrayList<>();
        List<Map<String, Object>> notApplied = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean exclusiveApplied = false;
        long discount = 0;
        for (PricingCampaign c : order) {
            if (!seen.add(c.getCampaignId())) {
                continue;
            }
            PersonCoupon coupon = c.isCouponRequired() ? c.getCoupon() : null;
            OfferRefusal r = refused.get(c.getCampaignId());
            if (r != null) {
                notApplied.add(refusal(c, coupon, r.code(), r.message(), decision));
            } else if (exclusiveApplied) {
                notApplied.add(refusal(c, coupon, "EXCLUSIVE_OFFER_APPLIED", "an exclusive offer of higher priority applied", decision));
            } else if (c.exclusive() && !applied.isEmpty()) {
                notApplied.add(refusal(c, coupon, "NOT_STACKABLE", "exclusive, and offers of higher priority applied", decision));
            } else if (applied.size() >= maxOffers) {
                notApplied.add(refusal(c, coupon, "MAX_OFFERS_REACHED", "at most " + maxOffers + " offers on one basket", decision));
            } else {
                long[] cut = raw(c, lines, left);
                long want = sum(cut);
                String cappedBy = null;
                long amount = want;
                if (c.getCapMinor() != null && amount > c.getCapMinor()) {
                    amount = c.getCapMinor();
                    cappedBy = "CAMPAIGN_CAP";
                }
                if (c.getBudgetLeftMinor() != null && amount > c.getBudgetLeftMinor()) {
                    amount = c.getBudgetLeftMinor();
                    cappedBy = "BUDGET_LEFT";
                }
                if (amount > room - discount) {
                    amount = Math.max(0, room - discount);
                    cappedBy = "BASKET_LIMIT";
                }
                if (amount <= 0) {
                    notApplied.add(refusal(c, coupon, want > 0 ? "BASKET_LIMIT_REACHED" : "NOTHING_TO_DISCOUNT",
                            want > 0 ? "the basket's discount limit is reached" : "nothing of the basket left to discount", decision));
                    continue;
                }
                spread(cut, want, amount, left);
                discount += amount;
                exclusiveApplied = c.exclusive();
                Map<String, Object> a = entry(c, coupon);
                a.put("order", applied.size() + 1);
                a.put("kind", c.getKind());
                a.put("amountMinor", amount);
                if (cappedBy != null) {
                    a.put("cappedBy", cappedBy);
                }
                applied.add(a);
            }
        }
        for (PersonCoupon coupon : in.getCoupons()) {
            if (!seen.contains(coupon.getCampaignId())) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("campaignId", coupon.getCampaignId());
                n.put("couponCode", coupon.getCode());
                n.put("reason", "CAMPAIGN_NOT_ACTIVE");
                notApplied.add(n);
                decision.reason("CAMPAIGN_NOT_ACTIVE", "coupon " + coupon.getCode() + ": its campaign is not active");
            }
        }
        decision.put("totalMinor", total);
        decision.put("discountMinor", discount);
        decision.put("payableMinor", total - discount);
        decision.put("applied", applied);
        decision.put("notApplied", notApplied);
        decision.verdict("PRICED");
    }

    /** What the campaign would take off each line before caps. */
    private static long[] raw(PricingCampaign c, List<BasketLine> lines, long[] left) {
        long[] cut = new long[lines.size()];
        switch (c.getKind()) {
            case "PERCENT" -> {
                for (int i = 0; i < cut.length; i++) {
                    if (c.covers(lines.get(i))) {
                        cut[i] = left[i] * c.getPercent() / 100;
                    }
                }
            }
            case "AMOUNT" -> {
                long covered = 0;
                for (int i = 0; i < cut.length; i++) {
                    if (c.covers(lines.get(i))) {
                        cut[i] = left[i];
                        covered += left[i];
                    }
                }
                if (covered > c.getAmountMinor()) {
                    long[] full = cut;
                    cut = new long[full.length];
                    spreadInto(full, covered, c.getAmountMinor(), cut);
                }
            }
            case "BUY_X_GET_Y" -> {
                long units = 0;
                List<Integer> covered = new ArrayList<>();
                for (int i = 0; i < cut.length; i++) {
                    if (c.covers(lines.get(i))) {
                        units += lines.get(i).getQuantity();
                        covered.add(i);
                    }
                }
                int group = c.getBuyQuantity() + c.getFreeQuantity();
                long free = group <= 0 ? 0 : units / group * c.getFreeQuantity();
                covered.sort(Comparator.comparingLong(i -> lines.get(i).getUnitPriceMinor()));
                for (int i : covered) {
                    long take = Math.min(free, lines.get(i).getQuantity());
                    cut[i] = Math.min(left[i], take * lines.get(i).getUnitPriceMinor());
                    free -= take;
                }
            }
            default -> throw new IllegalArgumentException("campaign " + c.getCampaignId() + ": unknown kind " + c.getKind());
        }
        return cut;
    }

    /** Takes {@code amount} (at most {@code want}) off the lines in proportion to {@code cut}. */
    private static void spread(long[] cut, long want, long amount, long[] left) {
        long[] take = new long[cut.length];
        if (amount == want) {
            take = cut;
        } else {
            spreadInto(cut, want, amount, take);
        }
        for (int i = 0; i < left.length; i++) {
            left[i] -= take[i];
        }
    }

    private static void spreadInto(long[] weights, long weightSum, long amount, long[] out) {
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            out[i] = weightSum == 0 ? 0 : share(weights[i], amount, weightSum);
            given += out[i];
        }
        for (int i = 0; i < weights.length && given < amount; i++) {
            if (out[i] < weights[i]) {
                long more = Math.min(weights[i] - out[i], amount - given);
                out[i] += more;
                given += more;
            }
        }
    }

    /** weight * amount / sum, rounded down, without overflow. */
    private static long share(long weight, long amount, long sum) {
        if (Math.multiplyHigh(weight, amount) == 0 && weight * amount >= 0) {
            return weight * amount / sum;
        }
        return java.math.BigInteger.valueOf(weight).multiply(java.math.BigInteger.valueOf(amount))
                .divide(java.math.BigInteger.valueOf(sum)).longValueExact();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static Map<String, Object> entry(PricingCampaign c, PersonCoupon coupon) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("campaignId", c.getCampaignId());
        if (coupon != null) {
            e.put("couponCode", coupon.getCode());
        }
        return e;
    }

    private static Map<String, Object> refusal(PricingCampaign c, PersonCoupon coupon, String code, String message, Decision decision) {
        Map<String, Object> e = entry(c, coupon);
        e.put("reason", code);
        decision.reason(code, "campaign " + c.getCampaignId() + ": " + message);
        return e;
    }
}
