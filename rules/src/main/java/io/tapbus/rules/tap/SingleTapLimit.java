package io.tapbus.rules.tap;

/** Largest amount one tap may pay in a currency. Inserted by the tap limits decision table. */
public final class SingleTapLimit {
    private final String currency;
    private final long limitMinor;

    public SingleTapLimit(String currency, long limitMinor) {
        this.currency = currency;
        this.limitMinor = limitMinor;
    }

    public String getCurrency() {
        return currency;
    }

    /** In minor units of the currency (fen for CNY). */
    public long getLimitMinor() {
        return limitMinor;
    }

    @Override
    public String toString() {
        return "SingleTapLimit[" + currency + " " + limitMinor + "]";
    }
}
