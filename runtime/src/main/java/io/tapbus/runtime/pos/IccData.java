package io.tapbus.runtime.pos;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.Dol;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Field 55 of a POS request (ICC system related data, BER-TLV) read into what PaymentService verifies: the ARQC
 * (9F26), the ATC (9F36), and the cryptogram input rebuilt in TapBus CDOL1 order ({@link Dol#TAPBUS_CDOL1}, the card
 * connector's model) followed by the AIP (82), ATC and IAD (9F10), as {@link ArqcInput} lays it out.
 *
 * <p>Strict: field 55 must be whole BER-TLV ({@link BerTlv#parse}), and each tag TapBus needs present once with its
 * EMV length (9F03, the other amount, may be left out: zero). Anything else is a format error for the terminal
 * (39=30). Never logged.
 */
record IccData(byte[] arqc, int atc, byte[] arqcInput) {

    /** Field 55 does not hold usable ICC data; the message says which tag and why, never a value. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int AMOUNT_OTHER = 0x9F03;

    static IccData parse(String field55Hex) throws Malformed {
        byte[] data;
        try {
            data = HexFormat.of().parseHex(field55Hex);
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 55 is not hex");
        }
        Map<Integer, byte[]> tags = new HashMap<>();
        try {
            BerTlv.byTag(BerTlv.parse(data)).forEach((tag, object) -> tags.put(tag, object.value()));
        } catch (BerTlv.TlvException e) {
            throw new Malformed("field 55: " + e.getMessage());
        }
        byte[] arqc = exactly(tags, 0x9F26, 8);
        byte[] atcBytes = exactly(tags, 0x9F36, 2);
        byte[] aip = exactly(tags, 0x82, 2);
        byte[] iad = tags.get(0x9F10);
        if (iad == null || iad.length == 0 || iad.length > 32) {
            throw new Malformed("field 55: tag 9F10 (issuer application data) is missing or not 1-32 bytes");
        }
        tags.putIfAbsent(AMOUNT_OTHER, new byte[Dol.TAPBUS_CDOL1.element(AMOUNT_OTHER).length()]);
        byte[] cdol1;
        try {
            cdol1 = Dol.TAPBUS_CDOL1.join(tags);
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 55: " + e.getMessage());
        }
        int atc = ((atcBytes[0] & 0xFF) << 8) | (atcBytes[1] & 0xFF);
        return new IccData(arqc, atc, new ArqcInput(cdol1, aip, atc, iad).bytes());
    }

    private static byte[] exactly(Map<Integer, byte[]> tags, int tag, int length) throws Malformed {
        byte[] value = tags.get(tag);
        if (value == null || value.length != length) {
            throw new Malformed("field 55: tag " + BerTlv.name(tag) + " is missing or not " + length + " bytes");
        }
        return value;
    }
}
