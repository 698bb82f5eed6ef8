package io.tapbus.connector.ota;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Counters in memory only, for tests: a restart forgets them, which is exactly what production must not do. */
public final class InMemoryOtaCounterStore implements OtaCounterStore {

    private final Map<CardKeySet, Long> last = new HashMap<>();

    @Override
    public synchronized long next(CardKeySet keySet) throws OtaException {
        long next = Counters.next(keySet, last.get(keySet));
        last.put(keySet, next);
        return next;
    }

    @Override
    public synchronized void claim(CardKeySet keySet, long counter) throws OtaException {
        Counters.checkClaim(keySet, last.get(keySet), counter);
        last.put(keySet, counter);
    }

    @Override
    public synchronized OptionalLong last(CardKeySet keySet) {
        Long value = last.get(keySet);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
