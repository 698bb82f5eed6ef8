package io.tapbus.rules.tap;

/** Most a card may pay by taps in one day in a currency. Inserted by the tap limits decision table. */
public final class DailyLimit {
    private final String currency;
    private final long limitMinor;

    public DailyLimit(String currency, long limitMinor) {
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
        return "DailyLimit[" + currency + " " + limitMinor + "]";
    }
}
