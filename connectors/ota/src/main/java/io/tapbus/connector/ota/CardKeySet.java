package io.tapbus.connector.ota;

import java.util.regex.Pattern;

/**
 * One key set on one card: the unit an OTA counter belongs to (ETSI TS 102 225 clause 5.1: the counter is kept per
 * key set). {@code card} is the card's identifier (ICCID or the bus's card id); {@code keySet} the key index that
 * KIc and KID carry in b8-b5 (1 to 15).
 */
public record CardKeySet(String card, int keySet) {

    private static final Pattern CARD = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public CardKeySet {
        if (card == null || !CARD.matcher(card).matches()) {
            throw new IllegalArgumentException("a card id is 1 to 64 letters, digits or . _ : -");
        }
        if (keySet < 1 || keySet > 15) {
            throw new IllegalArgumentException("a key set index is 1 to 15, got " + keySet);
        }
    }

    @Override
    public String toString() {
        return card + "/" + keySet;
    }
}
