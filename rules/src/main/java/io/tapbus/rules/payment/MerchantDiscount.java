package io.tapbus.rules.payment;

/**
 * A merchant's loyalty discount for universal-card payments, from the discounts decision table: a percentage of
 * the amount, from a minimum amount, up to a maximum discount (minor units).
 */
public final class MerchantDiscount {
    private final String merchantId;
    private final int percent;
    private final long minAmountMinor;
    private final long maxDiscountMinor;

    public MerchantDiscount(String merchantId, int percent, long minAmountMinor, long maxDiscountMinor) {
        this.merchantId = merchantId;
        this.percent = percent;
        this.minAmountMinor = minAmountMinor;
        this.maxDiscountMinor = maxDiscountMinor;
    }

    public String getMerchantId() {
        return merchantId;
    }

    public int getPercent() {
        return percent;
    }

    public long getMinAmountMinor() {
        return minAmountMinor;
    }

    public long getMaxDiscountMinor() {
        return maxDiscountMinor;
    }

    /** The discount on {@code amountMinor}: rounded down, at most the maximum; 0 below the minimum amount. */
    public long discountOn(long amountMinor) {
        if (amountMinor < minAmountMinor) {
            return 0;
        }
        return Math.min(maxDiscountMinor, amountMinor * percent / 100);
    }

    @Override
    public String toString() {
        return "MerchantDiscount[" + merchantId + " " + percent + "% from " + minAmountMinor + " up to " + maxDiscountMinor + "]";
    }
}
