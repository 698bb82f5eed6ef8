package io.tapbus.connector.bank;

import java.util.HexFormat;

/** Upper-case hex, the form of binary values in messages, golden files and the command line. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /** Parses hex, upper or lower case; spaces and line breaks between digits are ignored. */
    public static byte[] parse(String hex) {
        String compact = hex.replaceAll("\\s+", "");
        if (compact.length() % 2 != 0) {
            throw new IllegalArgumentException("hex has an odd number of digits (" + compact.length() + ")");
        }
        for (int i = 0; i < compact.length(); i++) {
            if (Character.digit(compact.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not hex: character " + (i + 1) + " is '" + compact.charAt(i)
                        + "'");
            }
        }
        return HexFormat.of().parseHex(compact);
    }

    static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
