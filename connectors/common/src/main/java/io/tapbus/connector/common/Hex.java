package io.tapbus.connector.common;

import java.util.HexFormat;

/** Upper-case hex, the way ISO 8583 golden files, EMV and SIM toolkit specifications and the command line print bytes. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /**
     * Parses hex, upper or lower case; spaces and line breaks between digits are ignored. Anything else throws
     * {@link IllegalArgumentException} with a reason that names the position, never the text (it may be a key).
     */
    public static byte[] parse(String hex) {
        String compact = hex.replaceAll("\\s+", "");
        int bad = firstNonHex(compact);
        if (bad >= 0) {
            throw new IllegalArgumentException("not hex: character " + (bad + 1) + " is not a hex digit");
        }
        if (compact.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + compact.length() + ")");
        }
        return UPPER.parseHex(compact);
    }

    /** Whether every character is a hex digit (an empty text is). */
    public static boolean isHex(String text) {
        return firstNonHex(text) < 0;
    }

    /** The index of the first character that is not a hex digit, or -1. */
    public static int firstNonHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return i;
            }
        }
        return -1;
    }
}
