package io.tapbus.connector.reader;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ReplayGuard} held in memory, for tests and simulators; it forgets everything on restart. */
public final class InMemoryReplayGuard implements ReplayGuard {

    private final ConcurrentMap<String, Long> lastAccepted = new ConcurrentHashMap<>();

    @Override
    public boolean advance(String readerId, long sequence) {
        boolean[] accepted = {false};
        lastAccepted.compute(readerId, (id, last) -> {
            if (last == null || sequence > last) {
                accepted[0] = true;
                return sequence;
            }
            return last;
        });
        return accepted[0];
    }

    public OptionalLong lastAccepted(String readerId) {
        Long last = lastAccepted.get(readerId);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }
}
