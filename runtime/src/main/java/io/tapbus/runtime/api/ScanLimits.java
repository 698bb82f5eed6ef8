package io.tapbus.runtime.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rate limits of the public scan URL, which anyone may call: per client address and per batch, each a token bucket
 * (a steady rate and a burst). A scan over the limit gets 429 with Retry-After and costs nothing else (no SUN
 * check, no decision, no row). Addresses in {@code unlimited} (the embedded default: loopback, where the load
 * generators run) are not limited per client; the per-batch limit applies to everyone. Buckets are kept for the
 * most recently seen 100,000 clients and batches, so a flood of new addresses cannot grow memory without bound.
 */
public final class ScanLimits {
    private static final int MAX_KEYS = 100_000;

    /** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. */
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double burst, long now) {
            this.tokens = burst;
            this.last = now;
        }
    }

    private final double clientRate;
    private final double batchRate;
    private final Set<String> unlimited;
    private final Map<String, Bucket> clients = lru();
    private final Map<String, Bucket> batches = lru();

    /** Rates per second; 0 turns that limit off. The burst is twice the rate (at least one). */
    public ScanLimits(double clientRate, double batchRate, Set<String> unlimited) {
        this.clientRate = clientRate;
        this.batchRate = batchRate;
        this.unlimited = unlimited;
    }

    /** Takes one scan from the client's and the batch's buckets, or throws 429 naming which limit and when to retry. */
    public void take(String clientAddress, String batchId) {
        long now = System.nanoTime();
        if (clientRate > 0 && clientAddress != null && !unlimited.contains(clientAddress)) {
            take(clients, clientAddress, clientRate, now, "this address");
        }
        if (batchRate > 0) {
            take(batches, batchId, batchRate, now, "this batch");
        }
    }

    private static void take(Map<String, Bucket> buckets, String key, double rate, long now, String who) {
        double burst = Math.max(1, rate * 2);
        synchronized (buckets) {
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
            b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * rate);
            b.last = now;
            if (b.tokens < 1) {
                long retryAfter = (long) Math.ceil((1 - b.tokens) / rate);
                throw new TooManyRequests("too many scans from " + who + " (at most " + fmt(rate) + " a second); try again in "
                        + Math.max(1, retryAfter) + " s", Math.max(1, retryAfter));
            }
            b.tokens -= 1;
        }
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static Map<String, Bucket> lru() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }

    /** 429 with the seconds after which the same request is welcome again. */
    public static final class TooManyRequests extends ApiProblem {
        private final long retryAfterSeconds;

        TooManyRequests(String detail, long retryAfterSeconds) {
            super(429, "too-many-requests", detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
