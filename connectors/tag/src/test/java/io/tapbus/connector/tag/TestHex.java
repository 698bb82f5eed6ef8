package io.tapbus.connector.tag;

import io.tapbus.connector.common.Hex;

final class TestHex {

    private TestHex() {
    }

    static byte[] hex(String text) {
        return Hex.parse(text);
    }

    static String hex(byte[] bytes) {
        return Hex.of(bytes);
    }

    /** Each hex character as one 4-bit digit (AN12304's EvalLRP inputs can have an odd number of them). */
    static int[] nibbles(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            out[i] = Character.digit(text.charAt(i), 16);
        }
        return out;
    }

    /** The hex text with one bit of the character at {@code index} flipped, still a hex digit. */
    static String flipHexDigit(String text, int index) {
        int digit = Character.digit(text.charAt(index), 16) ^ 0x1;
        return text.substring(0, index) + Character.toUpperCase(Character.forDigit(digit, 16)) + text.substring(index + 1);
    }
}
