package io.tapbus.runtime.pos;

import io.tapbus.connector.card.ArqcInput;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Field 55 of a POS request (ICC system related data, BER-TLV) read into what PaymentService verifies: the ARQC
 * (9F26), the ATC (9F36), and the cryptogram input rebuilt in TapBus CDOL1 order (9F02 9F03 9F1A 95 5F2A 9A 9C 9F37,
 * see connectors/card TransactionData) followed by the AIP (82), ATC and IAD (9F10), as {@link ArqcInput} lays it out.
 *
 * <p>Strict: every top-level TLV must be whole, and each tag TapBus needs present once with its EMV length (9F03, the
 * other amount, may be left out: zero). Anything else is a format error for the terminal (39=30). Never logged.
 */
record IccData(byte[] arqc, int atc, byte[] arqcInput) {

    /** Field 55 does not hold usable ICC data; the message says which tag and why, never a value. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    /** Tag → exact length in bytes, in CDOL1 order. */
    private static final int[][] CDOL1 = {{0x9F02, 6}, {0x9F03, 6}, {0x9F1A, 2}, {0x95, 5}, {0x5F2A, 2}, {0x9A, 3},
            {0x9C, 1}, {0x9F37, 4}};

    static IccData parse(String field55Hex) throws Malformed {
        byte[] data;
        try {
            data = HEX.parseHex(field55Hex);
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 55 is not hex");
        }
        Map<Integer, byte[]> tags = topLevel(data);
        byte[] arqc = exactly(tags, 0x9F26, 8);
        byte[] atcBytes = exactly(tags, 0x9F36, 2);
        byte[] aip = exactly(tags, 0x82, 2);
        byte[] iad = tags.get(0x9F10);
        if (iad == null || iad.length == 0 || iad.length > 32) {
            throw new Malformed("field 55: tag 9F10 (issuer application data) is missing or not 1-32 bytes");
        }
        ByteArrayOutputStream cdol1 = new ByteArrayOutputStream();
        for (int[] element : CDOL1) {
            if (element[0] == 0x9F03 && !tags.containsKey(0x9F03)) {
                cdol1.writeBytes(new byte[6]);
                continue;
            }
            cdol1.writeBytes(exactly(tags, element[0], element[1]));
        }
        int atc = ((atcBytes[0] & 0xFF) << 8) | (atcBytes[1] & 0xFF);
        return new IccData(arqc, atc, new ArqcInput(cdol1.toByteArray(), aip, atc, iad).bytes());
    }

    private static byte[] exactly(Map<Integer, byte[]> tags, int tag, int length) throws Malformed {
        byte[] value = tags.get(tag);
        if (value == null || value.length != length) {
            throw new Malformed("field 55: tag " + Integer.toHexString(tag).toUpperCase() + " is missing or not "
                    + length + " bytes");
        }
        return value;
    }

    /** The top-level TLVs (tags of one or two bytes, lengths in short or 81/82 long form), each tag once. */
    private static Map<Integer, byte[]> topLevel(byte[] data) throws Malformed {
        Map<Integer, byte[]> tags = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            if (data[i] == 0x00 || data[i] == (byte) 0xFF) { // padding between TLVs (EMV Book 3 Annex B)
                i++;
                continue;
            }
            int tag = data[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                if (i >= data.length || (data[i] & 0x80) != 0) {
                    throw new Malformed("field 55: a tag is cut off or longer than two bytes");
                }
                tag = (tag << 8) | (data[i++] & 0xFF);
            }
            if (i >= data.length) {
                throw new Malformed("field 55: tag " + Integer.toHexString(tag).toUpperCase() + " has no length");
            }
            int length = data[i++] & 0xFF;
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets < 1 || octets > 2 || i + octets > data.length) {
                    throw new Malformed("field 55: tag " + Integer.toHexString(tag).toUpperCase() + " has a bad length");
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | (data[i++] & 0xFF);
                }
            }
            if (i + length > data.length) {
                throw new Malformed("field 55: tag " + Integer.toHexString(tag).toUpperCase() + " runs past the end");
            }
            if (tags.put(tag, java.util.Arrays.copyOfRange(data, i, i + length)) != null) {
                throw new Malformed("field 55: tag " + Integer.toHexString(tag).toUpperCase() + " appears twice");
            }
            i += length;
        }
        return tags;
    }
}
