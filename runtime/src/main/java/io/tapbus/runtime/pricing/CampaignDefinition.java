package io.tapbus.runtime.pricing;

import io.tapbus.runtime.domain.DomainError;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as an advertiser or retailer publishes it (REST body or JMS request). Money in minor units (fen).
 * {@code delivery} says how an issued coupon reaches its person's phone: NONE, SMS (the code), MMS (the SMS and an MMS
 * with the code's QR). See docs/pricing.md for every field; {@link #check()} refuses what cannot be priced.
 */
public record CampaignDefinition(String name, String kind, Integer percent, Long amountMinor, Integer buyQuantity, Integer freeQuantity,
                                 List<String> skus, List<String> categories, List<String> stores, List<String> tiers, List<String> segments,
                                 Boolean newMembersOnly, Integer newMemberDays, Instant startsAt, Instant endsAt, Long capMinor, Long minBasketMinor,
                                 Integer perPersonLimit, Integer totalLimit, Long budgetMinor, Long budgetUnits, Boolean couponRequired,
                                 String stacking, Integer priority, String delivery) {
    static final int MAX_LIST = 500;
    /** The longest new-member window a campaign may name (ten years). */
    static final int MAX_NEW_MEMBER_DAYS = 3650;

    public CampaignDefinition {
        skus = skus == null ? List.of() : List.copyOf(skus);
        categories = categories == null ? List.of() : List.copyOf(categories);
        stores = stores == null ? List.of() : List.copyOf(stores);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        segments = segments == null ? List.of() : List.copyOf(segments);
        stacking = stacking == null ? "STACKABLE" : stacking;
        priority = priority == null ? 0 : priority;
        delivery = delivery == null ? "NONE" : delivery;
    }

    /** Refuses a definition the pricing cannot use, with the field that is wrong. */
    CampaignDefinition check() {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainError.invalid("name is required, at most 200 characters");
        }
        switch (kind == null ? "" : kind) {
            case "PERCENT" -> require(percent != null && percent > 0 && percent <= 100, "a PERCENT campaign needs percent 1..100");
            case "AMOUNT" -> require(amountMinor != null && amountMinor > 0, "an AMOUNT campaign needs amountMinor > 0 (minor units)");
            case "BUY_X_GET_Y" -> require(buyQuantity != null && buyQuantity > 0 && freeQuantity != null && freeQuantity > 0,
                    "a BUY_X_GET_Y campaign needs buyQuantity > 0 and freeQuantity > 0");
            default -> throw DomainError.invalid("kind must be PERCENT, AMOUNT or BUY_X_GET_Y");
        }
        require(stacking.equals("STACKABLE") || stacking.equals("EXCLUSIVE"), "stacking must be STACKABLE or EXCLUSIVE");
        require(List.of("NONE", "SMS", "MMS").contains(delivery), "delivery must be NONE, SMS or MMS");
        require(startsAt == null || endsAt == null || startsAt.isBefore(endsAt), "startsAt must be before endsAt");
        require(nonNegative(capMinor) && nonNegative(minBasketMinor) && nonNegative(budgetMinor) && nonNegative(budgetUnits)
                && (perPersonLimit == null || perPersonLimit > 0) && (totalLimit == null || totalLimit > 0),
                "caps, budgets and limits cannot be negative (limits at least 1)");
        require(newMemberDays == null || newMemberDays > 0 && newMemberDays <= MAX_NEW_MEMBER_DAYS,
                "newMemberDays (joined at most this many days before the payment) must be 1.." + MAX_NEW_MEMBER_DAYS);
        for (List<String> list : List.of(skus, categories, stores, tiers, segments)) {
            require(list.size() <= MAX_LIST && list.stream().allMatch(s -> s != null && !s.isBlank() && s.length() <= 64),
                    "lists hold at most " + MAX_LIST + " names of 1 to 64 characters");
        }
        return this;
    }

    boolean exclusive() {
        return "EXCLUSIVE".equals(stacking);
    }

    private static boolean nonNegative(Long v) {
        return v == null || v >= 0;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw DomainError.invalid(message);
        }
    }
}
