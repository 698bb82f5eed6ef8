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
     * A phone number (MSISDN) as {@code +86*********00}: the leading + and the first two digits (the country code or
     * its start) and the last two digits; a number of fewer than 7 characters after the + is masked in full.
     */
    public static String msisdn(String msisdn) {
        if (msisdn == null) {
            return null;
        }
        String plus = msisdn.startsWith("+") ? "+" : "";
        String digits = msisdn.substring(plus.length());
        if (digits.length() < 7) {
            return plus + "*".repeat(digits.length());
        }
        return plus + digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
