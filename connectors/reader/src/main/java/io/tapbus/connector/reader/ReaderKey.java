package io.tapbus.connector.reader;

import java.util.Arrays;

/** A reader's 16-byte AES key and whether the reader may currently transact. */
public record ReaderKey(byte[] key, boolean enabled) {

    public ReaderKey {
        if (key == null || key.length != ReaderMac.KEY_LENGTH) {
            throw new IllegalArgumentException("reader key must be 16 bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderKey other && enabled == other.enabled && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Boolean.hashCode(enabled);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ReaderKey[key=<16 bytes>, enabled=" + enabled + "]";
    }
}
