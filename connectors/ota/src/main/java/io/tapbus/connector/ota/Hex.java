package io.tapbus.connector.ota;

import java.util.HexFormat;

/** Upper-case hex, the way SIM toolkit specifications and OTA platforms print bytes. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Decodes hex, ignoring spaces; throws {@link IllegalArgumentException} for anything else that is not hex. */
    public static byte[] parse(String hex) {
        String compact = hex.replace(" ", "");
        if (compact.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        return FORMAT.parseHex(compact);
    }
}
