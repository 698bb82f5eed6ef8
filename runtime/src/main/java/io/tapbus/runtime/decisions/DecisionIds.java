package io.tapbus.runtime.decisions;

import java.time.Instant;

/**
 * Bounds on decision ids for a time range. Decision ids are time ordered (UUID version 7 text: the first 48 bits are
 * the milliseconds), so a period is also a range of the primary key, and a scan over a period walks that index
 * instead of the whole table.
 */
final class DecisionIds {
    /** Ids are made a little before the decision's time is taken, and may run ahead under bursts: widen by this. */
    private static final long SLACK_MILLIS = 60_000;

    private DecisionIds() {
    }

    /** No id of a decision made at or after {@code at} sorts below this. */
    static String floor(Instant at) {
        return prefix(Math.max(0, at.toEpochMilli() - SLACK_MILLIS)) + "-0000-0000-000000000000";
    }

    /** No id of a decision made before {@code at} sorts above this. */
    static String ceiling(Instant at) {
        return prefix(at.toEpochMilli() + SLACK_MILLIS) + "-ffff-ffff-ffffffffffff";
    }

    private static String prefix(long millis) {
        return String.format("%08x-%04x", millis >>> 16, millis & 0xFFFF);
    }
}
