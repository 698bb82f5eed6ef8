package io.tapbus.rules.payment;

/**
 * One limit for the payment being decided, from the payment limits decision table: its kind and value for the
 * payment's currency and channel. A kind without a row (an empty cell) has no limit.
 *
 * <pre>
 *   SINGLE         most one payment may be (minor units)
 *   DAILY          most a card may pay in one UTC day
 *   STEP_UP        above this the card holder must confirm on the phone
 *   OFFLINE_FLOOR  most a reader may approve offline, without reaching TapBus
 *   VELOCITY       most payments per card in ten minutes (a count)
 * </pre>
 */
public final class PaymentLimit {
    private final String kind;
    private final long value;

    public PaymentLimit(String kind, long value) {
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
        return "PaymentLimit[" + kind + " " + value + "]";
    }
}
