package io.tapbus.connector.tag;

import io.tapbus.connector.common.Hex;

/** Hex text from a URL or a command line, checked with a reason that names the input (and never echoes keys). */
public final class HexInput {

    private HexInput() {
    }

    /** Parses {@code text} as hex of exactly {@code expectedBytes} bytes (any length when negative). */
    public static byte[] parse(String what, String text, int expectedBytes) throws SunException {
        if (text == null) {
            throw new SunException(what + " is missing");
        }
        String hex = text.strip();
        if (hex.isEmpty()) {
            throw new SunException(what + " is empty");
        }
        int bad = Hex.firstNonHex(hex);
        if (bad >= 0) {
            throw new SunException(what + " is not hex: non-hex character at position " + (bad + 1));
        }
        if (hex.length() % 2 != 0) {
            throw new SunException(what + " is not hex: odd number of digits (" + hex.length() + ")");
        }
        if (expectedBytes >= 0 && hex.length() != 2 * expectedBytes) {
            throw new SunException(what + " must be " + expectedBytes + " bytes (" + 2 * expectedBytes
                    + " hex digits), got " + hex.length() / 2 + " bytes (" + hex.length() + " hex digits)");
        }
        return Hex.parse(hex);
    }

    /** A 16-byte AES key; the reason never contains the key text. */
    public static byte[] key(String what, String text) throws SunException {
        return parse(what, text, Aes128.KEY_LENGTH);
    }

    static String upper(byte[] bytes) {
        return Hex.of(bytes);
    }
}
