package io.tapbus.connector.card.sim;

import java.util.Arrays;
import java.util.Optional;

/**
 * A short command APDU as the card sees it (ISO/IEC 7816-3 cases 1 to 4). Parsing never throws: bytes that are not
 * a well-formed short APDU give an empty result, which the card answers with 6700.
 */
record Command(int cla, int ins, int p1, int p2, byte[] data, boolean hasLe) {

    static Optional<Command> parse(byte[] raw) {
        if (raw == null || raw.length < 4) {
            return Optional.empty();
        }
        int cla = raw[0] & 0xFF;
        int ins = raw[1] & 0xFF;
        int p1 = raw[2] & 0xFF;
        int p2 = raw[3] & 0xFF;
        if (raw.length == 4) {
            return Optional.of(new Command(cla, ins, p1, p2, new byte[0], false));
        }
        if (raw.length == 5) {
            return Optional.of(new Command(cla, ins, p1, p2, new byte[0], true));
        }
        int lc = raw[4] & 0xFF;
        if (lc == 0) { // extended length: not supported by this card
            return Optional.empty();
        }
        if (raw.length == 5 + lc) {
            return Optional.of(new Command(cla, ins, p1, p2, Arrays.copyOfRange(raw, 5, 5 + lc), false));
        }
        if (raw.length == 6 + lc) {
            return Optional.of(new Command(cla, ins, p1, p2, Arrays.copyOfRange(raw, 5, 5 + lc), true));
        }
        return Optional.empty();
    }
}
