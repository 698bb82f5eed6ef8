package io.tapbus.runtime.write;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.zip.CRC32C;

/**
 * A Bloom filter over keys the tables hold but memory does not (old idempotency keys): "no" is
 * certain, "maybe" means look in the table. About 10 bits per key for a 1% false "maybe".
 */
public final class KeyFilter {
    private static final int HASHES = 7;
    private final BitSet bits;
    private final int size;

    public KeyFilter(int expectedKeys) {
        this.size = Math.max(1024, expectedKeys * 10);
        this.bits = new BitSet(size);
    }

    public synchronized void add(String key) {
        long h = hash(key);
        for (int i = 0; i < HASHES; i++) {
            bits.set(index(h, i));
        }
    }

    public synchronized boolean mightContain(String key) {
        long h = hash(key);
        for (int i = 0; i < HASHES; i++) {
            if (!bits.get(index(h, i))) {
                return false;
            }
        }
        return true;
    }

    private int index(long h, int i) {
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        return Math.floorMod(h1 + i * h2, size);
    }

    private static long hash(String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        CRC32C a = new CRC32C();
        a.update(b);
        long low = a.getValue();
        long high = 0x9E3779B97F4A7C15L;
        for (byte x : b) {
            high = (high ^ x) * 0x100000001B3L;
        }
        return (high << 32) ^ low;
    }
}
