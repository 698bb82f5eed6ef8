package io.tapbus.connector.phone;

import java.time.Duration;

/** Waits that double from {@code first} on each attempt and stop growing at {@code max}. */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The wait before attempt {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        Duration d = first;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
