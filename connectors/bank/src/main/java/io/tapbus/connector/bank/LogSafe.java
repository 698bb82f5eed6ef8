package io.tapbus.connector.bank;

import io.tapbus.connector.common.Masking;
import java.util.Set;

/** What of a field value may appear in a log line: PANs masked to first 6 and last 4 digits, secrets not at all. */
public final class LogSafe {

    /** Expiry date, track 2, track 3, track 1, PIN block, ICC data. */
    private static final Set<Integer> REDACTED = Set.of(14, 35, 36, 45, 52, 55);

    private LogSafe() {
    }

    static String value(int field, String value) {
        if (field == 2 || field == 34) {
            return Masking.pan(value);
        }
        if (REDACTED.contains(field)) {
            return "<" + value.length() + " chars>";
        }
        return value;
    }
}
