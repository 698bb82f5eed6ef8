package io.tapbus.connector.card;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Refuses an ATC that is not higher than the highest one already accepted for the same card, so that a captured
 * ARQC cannot be presented twice. In memory: a platform would keep the counter in its database, like the reader
 * sequence numbers.
 */
public final class AtcReplayGuard {

    private final ConcurrentMap<CardId, Integer> highestAtc = new ConcurrentHashMap<>();

    /** Records {@code atc} and returns true when it is higher than every ATC accepted before for {@code card}. */
    public boolean accept(CardId card, int atc) {
        boolean[] accepted = {false};
        highestAtc.compute(card, (key, highest) -> {
            if (highest == null || atc > highest) {
                accepted[0] = true;
                return atc;
            }
            return highest;
        });
        return accepted[0];
    }
}
