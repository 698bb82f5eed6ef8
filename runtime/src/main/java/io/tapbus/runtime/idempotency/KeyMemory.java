package io.tapbus.runtime.idempotency;

import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How much the writer remembers of idempotency keys (checkout calls, points changes, ticket sales and gate validations):
 * at most {@code tapbus.idempotency.max-keys} keys per kind, none unused for longer than
 * {@code tapbus.idempotency.max-age-seconds}. Older keys live on in their durable rows, which a replayed call reads back,
 * so it still answers the original outcome. Makes one {@link BoundedKeys} per state table; their trims run one at a time
 * on a thread that exists only while there is trimming to do.
 */
public final class KeyMemory {
    private final WritePath writes;
    private final int maxKeys;
    private final Duration maxAge;
    private final Executor trimmer;

    public KeyMemory(WritePath writes, int maxKeys, Duration maxAge) {
        if (maxKeys < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("tapbus.idempotency.max-keys and max-age-seconds must be at least 1");
        }
        this.writes = writes;
        this.maxKeys = maxKeys;
        this.maxAge = maxAge;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "idempotency-trim");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.trimmer = pool;
    }

    /** From the settings {@code tapbus.idempotency.max-keys} and {@code tapbus.idempotency.max-age-seconds}. */
    public static KeyMemory from(Function<String, String> settings, WritePath writes) {
        return new KeyMemory(writes, Integer.parseInt(value(settings, "tapbus.idempotency.max-keys", "100000")),
                Duration.ofSeconds(Long.parseLong(value(settings, "tapbus.idempotency.max-age-seconds", "3600"))));
    }

    /** The bounded memory of one state table of keys (its values never change once written). */
    public <K> BoundedKeys<K> bound(StateTable<K, ?> table) {
        return new BoundedKeys<>(table, writes, maxKeys, maxAge, trimmer);
    }

    private static String value(Function<String, String> settings, String key, String fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
