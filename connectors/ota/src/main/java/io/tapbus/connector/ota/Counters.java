package io.tapbus.connector.ota;

/** The counter rules every {@link OtaCounterStore} applies, in one place. */
final class Counters {

    private Counters() {
    }

    static long next(CardKeySet keySet, Long last) throws OtaException {
        if (last == null) {
            return OtaCounterStore.FIRST;
        }
        if (last >= CommandPacket.MAX_COUNTER) {
            throw new OtaException(OtaException.Kind.COUNTER_EXHAUSTED, "the OTA counter of " + keySet
                    + " is used up (FFFFFFFFFF): the key set must be replaced");
        }
        return last + 1;
    }

    static void checkClaim(CardKeySet keySet, Long last, long counter) throws OtaException {
        if (counter < 0 || counter > CommandPacket.MAX_COUNTER) {
            throw OtaException.malformed("an OTA counter is 0 to FFFFFFFFFF");
        }
        if (last != null && counter <= last) {
            throw new OtaException(OtaException.Kind.COUNTER_REPLAYED, String.format(
                    "counter %010X of %s is not above the last one used (%010X): it would repeat a counter",
                    counter, keySet, last));
        }
    }
}
