package io.tapbus.connector.common;

/** What of a card number, card identifier or phone number may appear in a log line, an audit record or an answer. */
public final class Masking {

    private Masking() {
    }

    /**
     * A PAN as {@code 411111******1111}: first 6 and last 4 digits; anything shorter than 11 characters is masked in
     * full. {@code null} stays {@code null}.
     */
    public static String pan(String pan) {
        if (pan == null) {
            return null;
        }
        if (pan.length() < 11) {
            return "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    /** A card UID or token: only its last four characters (at most half of it) show. */
    public static String lastFour(String identifier) {
        if (identifier == null) {
            return null;
        }
        int keep = Math.min(4, identifier.length() / 2);
        return "*".repeat(identifier.length() - keep) + identifier.substring(identifier.length() - keep);
    }

    /**
     * A phone number (MSISDN) as {@code +86138****8000}: the first six characters (the + with the country code and the
     * operator prefix) and the last four digits, so a person can still recognise their own number; at least four
     * characters are always hidden (a shorter number keeps a shorter prefix), and anything shorter than 9 characters is
     * masked in full. {@code null} stays {@code null}. Events, audit records and log lines all use this.
     */
    public static String msisdn(String msisdn) {
        if (msisdn == null) {
            return null;
        }
        if (msisdn.length() < 9) {
            return "*".repeat(msisdn.length());
        }
        int prefix = Math.min(6, msisdn.length() - 8); // 4 kept at the end, at least 4 hidden
        return msisdn.substring(0, prefix) + "*".repeat(msisdn.length() - prefix - 4) + msisdn.substring(msisdn.length() - 4);
    }
}
