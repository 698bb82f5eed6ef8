package io.tapbus.rules;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers in the UUID text form that sort by creation time (the UUID version 7 layout: milliseconds
 * first, then a counter and randomness), so the tables they key grow at the end of their index instead
 * of at random places.
 */
public final class TimeOrderedId {
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedId() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        long tick = LAST.updateAndGet(prev -> Math.max(prev + 1, millis << 12));
        long high = (tick >>> 12) << 16 | 0x7000L | (tick & 0xFFFL);
        long low = (UUID.randomUUID().getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
