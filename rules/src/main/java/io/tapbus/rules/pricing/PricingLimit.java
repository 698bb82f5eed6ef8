package io.tapbus.rules.pricing;

/**
 * From the pricing-limits decision table: per currency, at most this percent of the basket is discounted in all, and
 * at most this many offers are stacked on one basket.
 */
public final class PricingLimit {
    private final String currency;
    private final int maxDiscountPercent;
    private final int maxOffers;

    public PricingLimit(String currency, int maxDiscountPercent, int maxOffers) {
        this.currency = currency;
        this.maxDiscountPercent = maxDiscountPercent;
        this.maxOffers = maxOffers;
    }

    public String getCurrency() { return currency; }
    public int getMaxDiscountPercent() { return maxDiscountPercent; }
    public int getMaxOffers() { return maxOffers; }

    @Override
    public String toString() {
        return "PricingLimit[" + currency + " at most " + maxDiscountPercent + "% and " + maxOffers + " offers]";
    }
}
