package io.tapbus.runtime.write;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * State that decides (a balance, a daily spend, a counter), kept in memory and owned by the single
 * writer. A value is read from its table once, the first time anyone needs it; after that the writer
 * changes it inside a batch and publishes the new value when the batch is durable, and writes the
 * final value of every key a batch changed as one row per key.
 *
 * <p>Any thread may {@link #read} the last durable value (to gather facts before a decision); only
 * the writer changes it, so a check made by the writer against {@link Batch#state} is never stale.
 *
 * @param <K> the key (card, account, reader, tag)
 * @param <V> an immutable value
 */
public final class StateTable<K, V> {
    /** Reads one key's durable value, or null when the table has no row for it. */
    @FunctionalInterface
    public interface Loader<K, V> {
        V load(Handle h, K key);
    }

    /** Stages the statement that stores a key's final value of a batch. */
    @FunctionalInterface
    public interface Store<K, V> {
        /** @param rowExists whether the table already has a row for the key (else insert one) */
        void write(Batch batch, K key, V value, boolean rowExists);
    }

    /** A known value and whether its row exists in the table. A missing row is known as value null. */
    record Known<V>(V value, boolean rowExists) {}

    private final String name;
    private final Jdbi jdbi;
    private final Loader<K, V> loader;
    private final Store<K, V> store;
    private final Map<K, Known<V>> durable = new ConcurrentHashMap<>();

    public StateTable(String name, Jdbi jdbi, Loader<K, V> loader, Store<K, V> store) {
        this.name = name;
        this.jdbi = jdbi;
        this.loader = loader;
        this.store = store;
    }

    public String name() {
        return name;
    }

    /** The last durable value (null when there is none), from any thread. */
    public V read(K key) {
        return known(key, k -> jdbi.withHandle(h -> loader.load(h, k))).value();
    }

    /** The last durable value if it is in memory (null when it is not, or is none): never reads the table. */
    public V peek(K key) {
        Known<V> k = durable.get(key);
        return k == null ? null : k.value();
    }

    /** Forgets a key, so the next reader loads it from the table (after a change made outside the writer). */
    public void forget(K key) {
        durable.remove(key);
    }

    /** Makes a value known without reading its row (values loaded in bulk at start). */
    public void preload(K key, V value) {
        durable.put(key, new Known<>(value, value != null));
    }

    int size() {
        return durable.size();
    }

    Known<V> known(K key, Function<K, V> load) {
        return durable.computeIfAbsent(key, k -> {
            V v = load.apply(k);
            return new Known<>(v, v != null);
        });
    }

    Known<V> knownInWriter(Handle writerHandle, K key) {
        return known(key, k -> loader.load(writerHandle, k));
    }

    void stageWrite(Batch batch, K key, V value, boolean rowExists) {
        store.write(batch, key, value, rowExists);
    }

    void publish(K key, V value) {
        durable.put(key, new Known<>(value, true));
    }
}
