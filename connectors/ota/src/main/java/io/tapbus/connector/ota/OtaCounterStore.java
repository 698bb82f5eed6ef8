package io.tapbus.connector.ota;

import java.util.OptionalLong;

/**
 * The OTA counters TapBus has used, per card and key set. A counter handed out is recorded durably first, so that no
 * counter is ever used twice for the same key set, also across restarts and crashes: a card that checks its counter
 * would refuse the repeat (status cntr_low), and one that does not would replay.
 *
 * <p>Implementations: {@link InMemoryOtaCounterStore} (tests), {@link FileOtaCounterStore} (fsync'ed journal). The
 * bus can put its own durable write path behind this interface.
 */
public interface OtaCounterStore {

    /** The first counter of a key set that has none yet (the card starts from 0 and wants a higher one). */
    long FIRST = 1;

    /**
     * The next counter for the key set, one above the last used, recorded durably before it is returned.
     * {@link OtaException.Kind#COUNTER_EXHAUSTED} after FFFFFFFFFF, {@link OtaException.Kind#STORE_FAILED} when it
     * cannot be recorded.
     */
    long next(CardKeySet keySet) throws OtaException;

    /**
     * Records a counter the caller chose (to resynchronise with a card after cntr_low, say): refused with
     * {@link OtaException.Kind#COUNTER_REPLAYED} unless it is above every counter used for the key set.
     */
    void claim(CardKeySet keySet, long counter) throws OtaException;

    /** The highest counter used for the key set, empty when none was. */
    OptionalLong last(CardKeySet keySet);
}
