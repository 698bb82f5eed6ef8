package io.tapbus.connector.phone;

import io.tapbus.connector.phone.UserDataHeader.Concatenation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the parts of concatenated incoming texts together, by sender, reference and part count (TS 23.040
 * §9.2.3.24.1). Holds at most {@code capacity} unfinished messages; beyond that the oldest is dropped, so that a
 * sender of first parts only cannot fill the memory.
 */
final class Reassembler {

    private record Key(String sender, int reference, int total) {
    }

    private final int capacity;
    private final Map<Key, String[]> pending = new LinkedHashMap<>();

    Reassembler(int capacity) {
        this.capacity = capacity;
    }

    /** The whole text when {@code text} was its last missing part, else empty. A repeated part replaces the first. */
    synchronized Optional<String> add(String sender, Concatenation c, String text) {
        if (c.total() == 1) {
            return Optional.of(text);
        }
        Key key = new Key(sender, c.reference(), c.total());
        String[] parts = pending.computeIfAbsent(key, k -> new String[c.total()]);
        parts[c.sequence() - 1] = text;
        for (String part : parts) {
            if (part == null) {
                dropOldest();
                return Optional.empty();
            }
        }
        pending.remove(key);
        return Optional.of(String.join("", parts));
    }

    synchronized int pending() {
        return pending.size();
    }

    private void dropOldest() {
        while (pending.size() > capacity) {
            Key oldest = pending.keySet().iterator().next();
            pending.remove(oldest);
        }
    }
}
