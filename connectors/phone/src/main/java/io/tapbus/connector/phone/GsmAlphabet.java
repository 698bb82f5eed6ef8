package io.tapbus.connector.phone;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1). Septets here are
 * unpacked, one per byte; an extension character is the escape septet 0x1B followed by its code.
 */
public final class GsmAlphabet {

    /** The escape to the extension table. */
    public static final int ESCAPE = 0x1B;

    private static final String DEFAULT_TABLE =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    /** Extension table: code, character. 0x0A is the page break (form feed). */
    private static final int[][] EXTENSION = {
        {0x0A, '\f'}, {0x14, '^'}, {0x28, '{'}, {0x29, '}'}, {0x2F, '\\'}, {0x3C, '['}, {0x3D, '~'}, {0x3E, ']'},
        {0x40, '|'}, {0x65, '€'},
    };

    private static final int[] DEFAULT_CODE = new int[0x10000];
    private static final int[] EXTENSION_CODE = new int[0x10000];
    private static final char[] EXTENSION_CHAR = new char[128];

    static {
        java.util.Arrays.fill(DEFAULT_CODE, -1);
        java.util.Arrays.fill(EXTENSION_CODE, -1);
        for (int code = 0; code < 128; code++) {
            if (code != ESCAPE) {
                DEFAULT_CODE[DEFAULT_TABLE.charAt(code)] = code;
            }
        }
        for (int[] entry : EXTENSION) {
            EXTENSION_CODE[entry[1]] = entry[0];
            EXTENSION_CHAR[entry[0]] = (char) entry[1];
        }
    }

    private GsmAlphabet() {
    }

    /** Septets a character takes: 1 (default table), 2 (extension table), or 0 when GSM 7-bit cannot carry it. */
    public static int septetsOf(char c) {
        if (DEFAULT_CODE[c] >= 0) {
            return 1;
        }
        return EXTENSION_CODE[c] >= 0 ? 2 : 0;
    }

    /** True when every character of the text is in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (septetsOf(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets of the text (one per byte, escape pairs for the extension table). */
    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream septets = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (DEFAULT_CODE[c] >= 0) {
                septets.write(DEFAULT_CODE[c]);
            } else if (EXTENSION_CODE[c] >= 0) {
                septets.write(ESCAPE);
                septets.write(EXTENSION_CODE[c]);
            } else {
                throw new PhoneCodecException(PhoneCodecException.Problem.TEXT_NOT_ENCODABLE,
                        "character U+" + String.format("%04X", (int) c) + " at " + i + " is not in the GSM 7-bit alphabet");
            }
        }
        return septets.toByteArray();
    }

    /**
     * Text of unpacked septets. An escape followed by a code the extension table does not define reads as that code
     * of the default table, as TS 23.038 asks of a receiver; a trailing lone escape is dropped. Bit 8 is ignored.
     */
    public static String decode(byte[] septets, int offset, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int code = septets[i] & 0x7F;
            if (code != ESCAPE) {
                text.append(DEFAULT_TABLE.charAt(code));
            } else if (i + 1 < offset + length) {
                int next = septets[++i] & 0x7F;
                char extension = EXTENSION_CHAR[next];
                text.append(extension != 0 ? extension : next == ESCAPE ? ' ' : DEFAULT_TABLE.charAt(next));
            }
        }
        return text.toString();
    }

    public static String decode(byte[] septets) {
        return decode(septets, 0, septets.length);
    }
}
