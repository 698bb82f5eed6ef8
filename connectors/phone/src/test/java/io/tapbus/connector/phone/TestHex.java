package io.tapbus.connector.phone;

import java.util.HexFormat;

/** Hex in tests: spaces allowed for readability. */
final class TestHex {

    private TestHex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
