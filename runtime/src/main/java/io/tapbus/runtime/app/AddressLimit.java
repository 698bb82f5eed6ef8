package io.tapbus.runtime.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many registrations one client address may start in an hour (against SMS pumping: many numbers from one
 * address). Counted in memory per fixed hour window; the most recent 100,000 addresses are kept. 0 turns it off.
 */
public final class AddressLimit {
    private static final int MAX_KEYS = 100_000;
    private static final long WINDOW_MS = Duration.ofHours(1).toMillis();

    private record Window(long start, int count) {}

    private final int perHour;
    private final Map<String, Window> windows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public AddressLimit(int perHour) {
        this.perHour = perHour;
    }

    /** Counts one start from {@code address}; when over the limit, the seconds until it may start again. */
    public synchronized OptionalLong take(String address, long nowMs) {
        if (perHour <= 0 || address == null) {
            return OptionalLong.empty();
        }
        Window w = windows.get(address);
        if (w == null || nowMs - w.start() >= WINDOW_MS) {
            w = new Window(nowMs, 0);
        }
        if (w.count() >= perHour) {
            return OptionalLong.of(Math.max(1, (w.start() + WINDOW_MS - nowMs) / 1000));
        }
        windows.put(address, new Window(w.start(), w.count() + 1));
        return OptionalLong.empty();
    }
}
