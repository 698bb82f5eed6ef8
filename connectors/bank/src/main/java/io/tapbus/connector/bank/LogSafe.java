package io.tapbus.connector.bank;

import java.util.Set;

/** What of a field value may appear in a log line: PANs masked to first 6 and last 4 digits, secrets not at all. */
public final class LogSafe {

    /** Expiry date, track 2, track 3, track 1, PIN block, ICC data. */
    private static final Set<Integer> REDACTED = Set.of(14, 35, 36, 45, 52, 55);

    private LogSafe() {
    }

    /** A PAN as {@code 411111******1111}; anything shorter than 11 characters is fully masked. */
    public static String maskPan(String pan) {
        if (pan == null) {
            return null;
        }
        if (pan.length() < 11) {
            return "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    static String value(int field, String value) {
        if (field == 2 || field == 34) {
            return maskPan(value);
        }
        if (REDACTED.contains(field)) {
            return "<" + value.length() + " chars>";
        }
        return value;
    }
}
