package io.tapbus.connector.phone;

import java.util.HexFormat;

/** Hex in tests: spaces allowed for readability. */
final class TestHex {

    private TestHex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    /** The parts' payloads one after the other, as the receiver reassembles them. */
    static byte[] joined(java.util.List<SmsPart> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.payload()));
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
