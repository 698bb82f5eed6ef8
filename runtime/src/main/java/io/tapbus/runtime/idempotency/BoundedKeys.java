package io.tapbus.runtime.idempotency;

import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one state table of idempotency keys bounded. A state table remembers every key it was asked for; this one
 * notes each key a unit used (once the unit is durable), least recently used first, and once there are more than the
 * bound, or the oldest went unused for longer than the age, makes the table forget the oldest. It forgets only after
 * the tables caught up with the journal, and inside a write unit (no batch half-way), so a key used again later is read
 * back from its durable row: a replayed call still gets the original outcome. The keys' values never change once
 * written, which is what makes forgetting them safe.
 *
 * @param <K> the table's key
 */
public final class BoundedKeys<K> {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedKeys.class);

    private final StateTable<K, ?> table;
    private final WritePath writes;
    private final int maxKeys;
    private final Duration maxAge;
    private final Executor trimmer;
    /** Key to when it was last used, least recently used first. Guarded by itself. */
    private final LinkedHashMap<K, Instant> used = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicBoolean trimQueued = new AtomicBoolean();

    BoundedKeys(StateTable<K, ?> table, WritePath writes, int maxKeys, Duration maxAge, Executor trimmer) {
        this.table = table;
        this.writes = writes;
        this.maxKeys = maxKeys;
        this.maxAge = maxAge;
        this.trimmer = trimmer;
    }

    /** In a write unit that read or wrote {@code key}: noted once the unit is durable (its row follows the journal). */
    public void used(Batch batch, K key) {
        batch.afterDurable(() -> noted(key));
    }

    private void noted(K key) {
        Instant now = Instant.now();
        boolean over;
        synchronized (used) {
            used.put(key, now);
            Map.Entry<K, Instant> oldest = used.entrySet().iterator().next();
            over = used.size() > maxKeys || oldest.getValue().isBefore(now.minus(maxAge));
        }
        if (over && trimQueued.compareAndSet(false, true)) {
            trimmer.execute(this::trimQuietly); // never in the writer: a trim waits for the tables and runs a unit
        }
    }

    private void trimQuietly() {
        try {
            trim();
        } catch (RuntimeException e) {
            LOG.warn("{}: trimming the keys in memory failed ({}); the next use tries again", table.name(), e.toString());
        }
    }

    /** Forgets the keys past the bound or the age, now; how many. */
    public int trim() {
        trimQueued.set(false);
        Instant cutoff = Instant.now().minus(maxAge);
        List<K> old = new ArrayList<>();
        synchronized (used) {
            int excess = used.size() - maxKeys;
            Iterator<Map.Entry<K, Instant>> it = used.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<K, Instant> e = it.next();
                if (excess <= 0 && !e.getValue().isBefore(cutoff)) {
                    break;
                }
                old.add(e.getKey());
                it.remove();
                excess--;
            }
        }
        if (old.isEmpty()) {
            return 0;
        }
        writes.catchUp(); // every key noted is durable, so its row is in the table now
        writes.execute(batch -> {
            old.forEach(table::forget);
            return null;
        });
        LOG.debug("{}: {} keys forgotten in memory (their rows stay)", table.name(), old.size());
        return old.size();
    }

    /** How many keys this bound holds in memory now. */
    public int size() {
        synchronized (used) {
            return used.size();
        }
    }
}
