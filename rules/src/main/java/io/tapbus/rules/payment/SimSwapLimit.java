package io.tapbus.rules.payment;

/**
 * One SIM swap limit for the payment being decided, from the decision table sim-swap-limits.csv, for the
 * payment's currency and channel. A kind without a row (an empty cell) has no limit.
 *
 * <pre>
 *   STEP_UP_WITHIN_HOURS   a SIM change less than this many hours ago: the card holder must confirm
 *   DECLINE_WITHIN_HOURS   a SIM change less than this many hours ago, and ...
 *   DECLINE_ABOVE          ... an amount above this (minor units): declined
 * </pre>
 */
public final class SimSwapLimit {
    private final String kind;
    private final long value;

    public SimSwapLimit(String kind, long value) {
        this.kind = kind;
        this.value = value;
    }

    public String getKind() {
        return kind;
    }

    public long getValue() {
        return value;
    }

    @Override
    public String toString() {
        return "SimSwapLimit[" + kind + " " + value + "]";
    }
}
